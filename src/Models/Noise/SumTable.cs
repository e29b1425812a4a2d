namespace PerfModel.Noise;

/// <summary>
/// For every pair of points (i, j) of a <see cref="NoiseGrid"/>, where v = x_i + x_j falls: the point k with
/// x_k ≤ v &lt; x_(k+1) and the share w = (v − x_k)/(x_(k+1) − x_k) that goes to x_(k+1) (mass and mean kept), or, for
/// v beyond the last point L, k = −1 and the excess v − L. A convolution on the grid splits every pair's product this
/// way; the table makes the split a lookup (its n² entries are computed once per grid, the convolutions of one
/// evaluation use it thousands of times). Immutable.
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
        }
    }

    /// <summary>n, the grid's points.</summary>
    public int Count { get; }

    /// <summary>k for pair (i, j) at i·n + j, or −1 beyond the last point.</summary>
    public int[] Point { get; }

    /// <summary>The share of the pair's mass on x_(k+1), or its excess beyond the last point when k = −1.</summary>
    public double[] Share { get; }
}
