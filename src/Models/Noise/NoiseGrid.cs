namespace PerfModel.Noise;

/// <summary>
/// The points a closed-form evaluation puts every delay distribution on: x_0 = 0 &lt; x_1 &lt; … &lt; x_(n−1). Linear
/// (step h) up to U, where the body of the delays lives and the atoms of fixed durations sit exactly on points, then
/// geometric (ratio 1 + ρ) up to the extent X where the tail beyond is negligible or follows its asymptote, with extra
/// points at the atoms of fixed durations that fall in the geometric part. Immutable.
/// </summary>
internal sealed class NoiseGrid
{
    private NoiseGrid(double[] points, double step, int linearCount)
    {
        X = points;
        Step = step;
        LinearCount = linearCount;
        InverseSpacing = new double[points.Length];
        for (var i = 0; i + 1 < points.Length; i++) InverseSpacing[i] = 1 / (points[i + 1] - points[i]);
        sums = new Lazy<SumTable>(() => new SumTable(this), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Where x_i + x_j falls for every pair of points: the same split the convolutions make, computed once per grid.</summary>
    public SumTable Sums => sums.Value;

    /// <summary>Where each sum of two points falls (<see cref="SumTable"/>), built on first use.</summary>
    private readonly Lazy<SumTable> sums;

    /// <summary>1 / (X[i + 1] − X[i]) (0 for the last point).</summary>
    public double[] InverseSpacing { get; }

    /// <summary>The points, ascending, X[0] = 0.</summary>
    public double[] X { get; }

    /// <summary>h, the spacing of the linear part.</summary>
    public double Step { get; }

    /// <summary>Points of the linear part: X[i] = i·h for i &lt; LinearCount.</summary>
    public int LinearCount { get; }

    /// <summary>n.</summary>
    public int Count => X.Length;

    /// <summary>The last point.</summary>
    public double Last => X[^1];

    /// <summary>Ratio of consecutive age-bin edges (<see cref="GridPlan.AgeEdges"/>): the resolution of the gaps before
    /// windows, set by the evaluation's options.</summary>
    public double AgeRatio { get; init; } = 2;

    /// <summary>A grid of <paramref name="linearCount"/> points of step <paramref name="step"/>, then geometric points of
    /// ratio 1 + <paramref name="ratio"/> up to at least <paramref name="extent"/>, plus <paramref name="atoms"/> beyond the
    /// linear part (points closer than a tenth of the local spacing to another are merged); linear points that are whole
    /// multiples of one of <paramref name="exact"/> take its exact value; <paramref name="ageRatio"/> is
    /// <see cref="AgeRatio"/>.</summary>
    public static NoiseGrid Create(double step, int linearCount, double ratio, double extent, IEnumerable<double> atoms, IEnumerable<double>? exact = null, double ageRatio = 2)
    {
        var points = new List<double>(linearCount + 256);
        for (var i = 0; i < linearCount; i++) points.Add(i * step);
        foreach (var d in exact ?? [])
        {
            var m = Math.Round(d / step);
            if (m >= 1 && Math.Abs(d / step - m) < 1e-9 * m)
                for (var k = 1; k * m < linearCount; k++) points[(int)(k * m)] = k * d;
        }
        var u = points[^1];
        var x = u;
        var q = 1 + ratio;
        while (x < extent)
        {
            x = Math.Max(x * q, x + step);
            points.Add(x);
        }
        var extra = atoms.Where(a => a > u && a < points[^1]).Distinct().OrderBy(a => a).ToArray();
        if (extra.Length > 0)
        {
            var merged = new List<double>(points.Count + extra.Length);
            var j = 0;
            foreach (var p in points)
            {
                while (j < extra.Length && extra[j] < p)
                {
                    var a = extra[j++];
                    var prev = merged[^1];
                    if (a - prev > 0.1 * (p - prev) && p - a > 0.1 * (p - prev)) merged.Add(a);
                }
                merged.Add(p);
            }
            points = merged;
        }
        return new NoiseGrid([.. points], step, linearCount) { AgeRatio = ageRatio };
    }

    /// <summary>Largest i with X[i] ≤ v (0 for v &lt; 0; n − 1 for v ≥ the last point).</summary>
    public int Locate(double v)
    {
        if (v <= 0) return 0;
        if (v < X[LinearCount - 1])
        {
            var k = Math.Min(LinearCount - 1, (int)(v / Step));
            if (X[k] > v) k--;
            else if (k + 1 < LinearCount && X[k + 1] <= v) k++;
            return k;
        }
        int lo = LinearCount - 1, hi = X.Length - 1;
        if (v >= X[hi]) return hi;
        while (hi - lo > 1)
        {
            var mid = (lo + hi) >> 1;
            if (X[mid] <= v) lo = mid; else hi = mid;
        }
        return lo;
    }

    /// <summary>Largest i ≥ <paramref name="from"/> with X[i] ≤ v, by galloping from <paramref name="from"/> (X[from] ≤ v).</summary>
    public int LocateFrom(int from, double v)
    {
        var x = X;
        var n = x.Length;
        if (from + 1 >= n || x[from + 1] > v) return from;
        var step = 1;
        var lo = from + 1;
        var hi = lo + 1;
        while (hi < n && x[hi] <= v)
        {
            lo = hi;
            step <<= 1;
            hi = lo + step;
        }
        if (hi >= n) hi = n;
        // x[lo] <= v, x[hi] > v (or hi == n)
        while (hi - lo > 1)
        {
            var mid = (lo + hi) >> 1;
            if (x[mid] <= v) lo = mid; else hi = mid;
        }
        return lo;
    }
}
