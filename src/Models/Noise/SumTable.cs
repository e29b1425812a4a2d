namespace PerfModel.Noise;

/// <summary>
/// For every pair of points (i, j) of a <see cref="NoiseGrid"/>, where v = x_i + x_j falls: the point k with
/// x_k ≤ v &lt; x_(k+1) and the share w = (v − x_k)/(x_(k+1) − x_k) that goes to x_(k+1) (mass and mean kept), or, for
/// v beyond the last point L, k = −1 and the excess v − L. A convolution on the grid splits every pair's product this
/// way; the table makes the split a lookup (its n² entries are computed once per grid, the convolutions of one
/// evaluation use it thousands of times). <see cref="Bulk"/> counts, per point, the smaller points whose sum with it
/// stays in its own cell, which a convolution adds in one step from prefix sums. Immutable.
/// </summary>
internal sealed class SumTable
{
    public SumTable(NoiseGrid grid)
    {
        var x = grid.X;
        var n = x.Length;
        var last = x[n - 1];
        var inv = grid.InverseSpacing;
        Count = n;
        Point = new int[n * n];
        Share = new double[n * n];
        Bulk = new int[n];
        for (var i = 0; i < n; i++)
        {
            var k = i;
            var row = i * n;
            for (var j = 0; j < n; j++)
            {
                var v = x[i] + x[j];
                if (v >= last)
                {
                    // On the last point exactly: all of it on x_(n−1) (as the share 1 of the cell below it).
                    if (v == last) (Point[row + j], Share[row + j]) = (n - 2, 1.0);
                    else (Point[row + j], Share[row + j]) = (-1, v - last);
                    continue;
                }
                if (j > k) k = j;
                while (x[k + 1] <= v) k++;
                Point[row + j] = k;
                Share[row + j] = (v - x[k]) * inv[k];
            }
            // Sums rise with j, so the points that keep x_i + x_j in x_i's own cell are a prefix 0 … J − 1 (none for the
            // last point, whose sums all reach it).
            var bulk = 0;
            while (i + 1 < n && bulk < n && Point[row + bulk] == i) bulk++;
            Bulk[i] = bulk;
        }
        // Runs of one cell in each row from J_i on: a convolution sums a run's masses and adds them to its cell once.
        var ends = new List<int>(4 * n);
        RowRuns = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            RowRuns[i] = ends.Count;
            var row = i * n;
            for (var j = Bulk[i]; j < n; j++)
                if (j + 1 == n || Point[row + j + 1] != Point[row + j]) ends.Add(j + 1);
        }
        RowRuns[n] = ends.Count;
        RunEnd = [.. ends];
    }

    /// <summary>n, the grid's points.</summary>
    public int Count { get; }

    /// <summary>k for pair (i, j) at i·n + j, or −1 beyond the last point.</summary>
    public int[] Point { get; }

    /// <summary>The share of the pair's mass on x_(k+1), or its excess beyond the last point when k = −1.</summary>
    public double[] Share { get; }

    /// <summary>J_i: the number of points x_j (j = 0 … J_i − 1) with x_i + x_j &lt; x_(i+1), whose sums with x_i all fall in
    /// the cell [x_i, x_(i+1)) with share x_j/(x_(i+1) − x_i) on x_(i+1); 0 for the last point.</summary>
    public int[] Bulk { get; }

    /// <summary>Row i's runs are RowRuns[i] … RowRuns[i + 1] − 1: consecutive points from J_i on whose sums with x_i fall
    /// in one cell (or all beyond the last point).</summary>
    public int[] RowRuns { get; }

    /// <summary>The end (exclusive j) of each run; it starts where the previous run of its row ends, the first at J_i.</summary>
    public int[] RunEnd { get; }
}
