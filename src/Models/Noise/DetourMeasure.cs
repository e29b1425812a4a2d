using PerfModel.Internal;

namespace PerfModel.Noise;

/// <summary>
/// The jump measures of one rank's charged noise in a CPU window, put on a <see cref="NoiseGrid"/>, and the compound
/// Poisson laws built from them.
/// <para>A measure with tail N(x) = ν((x, ∞)) is split onto the points cell by cell: over [x_i, x_(i+1)] with
/// N̄ = ∫ N / Δ, point i gets N(x_i) − N̄ and point i + 1 gets N̄ − N(x_(i+1)); this keeps each cell's mass and first
/// moment, so an atom on a point stays exact. Detours that start in a window of length T (Poisson, rate λ): N = λT·S_D.
/// Detours in progress at the window's start whose age lies in [a1, a2) (detours started in the uncharged time before the
/// window; a1 = 0, a2 = ∞ is the stationary M/G/∞ state): N(x) = λ(E[(D − x − a1)⁺] − E[(D − x − a2)⁺]), whose total is
/// λ E[min(D, a2) − min(D, a1)] and whose normalised shape is the equilibrium density (1 − F(x))/E[D] when a1 = 0,
/// a2 = ∞ (Cox, Renewal Theory, 1962, §1.3; the inspection paradox).</para>
/// <para>Compound Poisson law of a measure ν of total μ: the part on the linear points by Panjer's recursion (Panjer,
/// ASTIN Bulletin 12(1), 1981) g_0 = e^(−μ_s(1 − f_0)), g_s = (μ_s/s) Σ m f_m g_(s−m), the part beyond (the long
/// detours, μ_b) by the series e^(−μ_b) Σ ν_b^(*n)/n! (scaled and squared when μ_b &gt; ½), convolved. For subexponential
/// durations the tail of the result is then that of its single largest detour, P(S &gt; x) ~ E[N]·P(D &gt; x), with no
/// truncation (Embrechts, Klüppelberg, Mikosch, Modelling Extremal Events, 1997, §1.3.3).</para>
/// </summary>
internal static class DetourMeasure
{
    /// <summary>Jumps of <paramref name="count"/> expected detours of duration <paramref name="d"/>.</summary>
    public static GridMeasure Starts(NoiseGrid grid, DurationDistribution d, double count) =>
        count <= 0 ? GridMeasure.Empty(grid) : Split(grid, x => count * d.Survival(x), (a, b) => count * (d.ExpectedExcess(a) - (double.IsPositiveInfinity(b) ? 0 : d.ExpectedExcess(b))));

    /// <summary>Remainders of the detours (rate <paramref name="rate"/>) in progress at a window's start whose age is in
    /// [<paramref name="ageFrom"/>, <paramref name="ageTo"/>).</summary>
    public static GridMeasure InProgress(NoiseGrid grid, DurationDistribution d, double rate, double ageFrom, double ageTo)
    {
        if (rate <= 0 || !(ageTo > ageFrom)) return GridMeasure.Empty(grid);
        double Ee(double x) => double.IsPositiveInfinity(x) ? 0 : d.ExpectedExcess(x);
        return Split(grid,
            x => rate * Math.Max(0, Ee(x + ageFrom) - Ee(x + ageTo)),
            (a, b) => rate * Math.Max(0, CellIntegral(d, a, b, ageFrom, ageTo)));
    }

    /// <summary>∫_a^b [E[(D − x − a1)⁺] − E[(D − x − a2)⁺]] dx; for b = ∞ and a finite a2 it telescopes to
    /// ∫_(a+a1)^(a+a2) E[(D − y)⁺] dy, finite even when each term alone diverges (E[D²] = ∞).</summary>
    private static double CellIntegral(DurationDistribution d, double a, double b, double ageFrom, double ageTo)
    {
        if (double.IsPositiveInfinity(ageTo)) return d.ExcessIntegral(a + ageFrom, b + ageFrom);
        if (double.IsPositiveInfinity(b)) return d.ExcessIntegral(a + ageFrom, a + ageTo);
        return d.ExcessIntegral(a + ageFrom, b + ageFrom) - d.ExcessIntegral(a + ageTo, b + ageTo);
    }

    /// <summary>The remainders of the detours in progress at a window's start, one measure per age bin
    /// [<paramref name="edges"/>[b], <paramref name="edges"/>[b + 1]) (the last edge may be ∞): the same measures as
    /// <see cref="InProgress"/> bin by bin, with E[(D − x_i − e)⁺] and the cell integrals at each edge computed once for
    /// the two bins that share it.</summary>
    public static GridMeasure[] InProgressBins(NoiseGrid grid, DurationDistribution d, double rate, double[] edges)
    {
        var x = grid.X;
        var n = x.Length;
        var bins = new GridMeasure[edges.Length - 1];
        // Memos by edge and point (NaN: not computed yet): E[(D − x_i − e)⁺] and ∫ over cell i of E[(D − y − e)⁺] dy.
        var excess = new double[edges.Length][];
        var cells = new double[edges.Length][];
        for (var e = 0; e < edges.Length; e++)
        {
            excess[e] = new double[n];
            cells[e] = new double[n];
            Array.Fill(excess[e], double.NaN);
            Array.Fill(cells[e], double.NaN);
        }
        double Ee(int e, int i)
        {
            if (double.IsPositiveInfinity(edges[e])) return 0;
            var v = excess[e][i];
            if (double.IsNaN(v)) excess[e][i] = v = double.IsPositiveInfinity(x[i] + edges[e]) ? 0 : d.ExpectedExcess(x[i] + edges[e]);
            return v;
        }
        double Cell(int e, int i)
        {
            var v = cells[e][i];
            if (double.IsNaN(v)) cells[e][i] = v = d.ExcessIntegral(x[i] + edges[e], x[i + 1] + edges[e]);
            return v;
        }
        for (var b = 0; b + 1 < edges.Length; b++)
        {
            var (from, to) = (edges[b], edges[b + 1]);
            if (rate <= 0 || !(to > from))
            {
                bins[b] = GridMeasure.Empty(grid);
                continue;
            }
            var (b1, b2) = (b, b + 1);
            bins[b] = SplitAt(grid,
                i => rate * Math.Max(0, Ee(b1, i) - Ee(b2, i)),
                i => rate * Math.Max(0, double.IsPositiveInfinity(to) ? Cell(b1, i) : Cell(b1, i) - Cell(b2, i)),
                () => rate * Math.Max(0, CellIntegral(d, x[n - 1], double.PositiveInfinity, from, to)));
        }
        return bins;
    }

    /// <summary>Splits the measure with tail <paramref name="tail"/> and cell integrals <paramref name="integral"/> onto the
    /// points (see the class remarks).</summary>
    public static GridMeasure Split(NoiseGrid grid, Func<double, double> tail, Func<double, double, double> integral)
    {
        var x = grid.X;
        return SplitAt(grid, i => tail(x[i]), i => integral(x[i], x[i + 1]), () => integral(x[^1], double.PositiveInfinity));
    }

    /// <summary><see cref="Split"/> with the tail at point i (<paramref name="tailAt"/>), the integral over cell
    /// [x_i, x_(i+1)] (<paramref name="cellAt"/>) and the integral beyond the last point (<paramref name="beyond"/>).</summary>
    private static GridMeasure SplitAt(NoiseGrid grid, Func<int, double> tailAt, Func<int, double> cellAt, Func<double> beyond)
    {
        var x = grid.X;
        var n = x.Length;
        var m = new double[n];
        var nHere = tailAt(0);
        for (var i = 0; i + 1 < n; i++)
        {
            var nNext = tailAt(i + 1);
            if (nHere == 0 && nNext == 0) break;
            var avg = cellAt(i) / (x[i + 1] - x[i]);
            m[i] += Math.Max(0, nHere - avg);
            m[i + 1] += Math.Max(0, avg - nNext);
            nHere = nNext;
        }
        var over = tailAt(n - 1);
        return new GridMeasure(grid, m, over, over > 0 ? beyond() : 0);
    }

    /// <summary>The compound Poisson distribution with jump measure <paramref name="nu"/> (see the class remarks).</summary>
    public static GridMeasure CompoundPoisson(GridMeasure nu)
    {
        var grid = nu.Grid;
        var total = nu.Total;
        if (total <= 0) return GridMeasure.Zero(grid);
        var lin = grid.LinearCount;
        var small = new double[grid.Count];
        var big = new double[grid.Count];
        for (var i = 0; i < nu.M.Length; i++) (i < lin ? small : big)[i] = nu.M[i];
        var bigMeasure = new GridMeasure(grid, big, nu.Over, nu.OverExcess);
        var muSmall = total - bigMeasure.Total;
        var a = muSmall > 0 ? Panjer(grid, small, muSmall) : GridMeasure.Zero(grid);
        var b = bigMeasure.Total > 0 ? Series(bigMeasure) : null;
        return b is null ? a : GridMeasure.Convolve(a, b);
    }

    /// <summary>G * CP(ν) = e^(−μ) Σ_n G * ν^(*n)/n!, the series run until its terms fall below 1e-17 of G's mass; for a
    /// jump measure of small total μ (a collective round's window) this is cheaper than building CP(ν) first. With
    /// <paramref name="coarse"/> (ν on fewer points, same mass and mean: <see cref="GridMeasure.Compress"/>), the terms of
    /// two or more jumps use it: their weight is O(μ²), so the shape of the tail — which decides the maximum over P — stays
    /// exact to first order in μ while the cost of the higher terms drops.</summary>
    public static GridMeasure ConvolveCompoundPoisson(GridMeasure g, GridMeasure nu, GridMeasure? coarse = null)
    {
        var mu = nu.Total;
        if (mu <= 0) return g;
        if (mu > 0.5) return GridMeasure.Convolve(g, CompoundPoisson(nu));
        var acc = new GridMeasure.Accumulator(g.Grid);
        var e = Math.Exp(-mu);
        Add(acc, g, e);
        var term = g;
        var weight = 1.0;
        for (var n = 1; n < 40; n++)
        {
            weight *= mu / n;
            if (weight < 1e-17) break;
            term = GridMeasure.Convolve(term, n == 1 || coarse is null ? nu : coarse).Scale(1.0 / mu);
            Add(acc, term, e * weight);
        }
        return acc.ToMeasure();
    }

    private static void Add(GridMeasure.Accumulator acc, GridMeasure m, double factor)
    {
        for (var i = 0; i < m.M.Length; i++) if (m.M[i] != 0) acc.AddAt(i, factor * m.M[i]);
        acc.AddOver(factor * m.Over, factor * m.OverExcess);
    }

    /// <summary>e^(−μ) Σ ν^(*n)/n! for a measure of total μ ≤ ½; larger μ by halving 2^m times and squaring back.</summary>
    private static GridMeasure Series(GridMeasure nu)
    {
        var mu = nu.Total;
        var halvings = 0;
        while (mu / (1 << halvings) > 0.5) halvings++;
        var scaled = halvings == 0 ? nu : nu.Scale(1.0 / (1 << halvings));
        var result = ConvolveCompoundPoisson(GridMeasure.Zero(nu.Grid), scaled);
        for (var k = 0; k < halvings; k++) result = GridMeasure.Convolve(result, result);
        return result;
    }

    /// <summary>Σ a_i b_i over equal lengths, in <see cref="System.Numerics.Vector{T}"/> lanes.</summary>
    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var lanes = System.Numerics.Vector<double>.Count;
        var sum = System.Numerics.Vector<double>.Zero;
        var i = 0;
        for (; i + lanes <= a.Length; i += lanes)
            sum += new System.Numerics.Vector<double>(a[i..]) * new System.Numerics.Vector<double>(b[i..]);
        var total = System.Numerics.Vector.Sum(sum);
        for (; i < a.Length; i++) total += a[i] * b[i];
        return total;
    }

    /// <summary>Whether u_(s−w) … u_s are all below <paramref name="limit"/>.</summary>
    private static bool WindowBelow(double[] u, int s, int w, double limit)
    {
        for (var i = Math.Max(0, s - w); i <= s; i++)
            if (u[i] >= limit) return false;
        return true;
    }

    /// <summary>Panjer's recursion on the linear points (step h) for the jump masses <paramref name="small"/> of total μ,
    /// run on scaled values (rescaled past 1e250) so that means of thousands of detours neither underflow nor overflow,
    /// until the terms are below 1e-30 of the largest past the mean or beyond the grid; values past the linear points are
    /// split onto the geometric ones.</summary>
    private static GridMeasure Panjer(NoiseGrid grid, double[] small, double mu)
    {
        var lin = grid.LinearCount;
        var h = grid.Step;
        // The jumps on the points m ≥ 1 that hold mass, ascending, with m·f_m (f = the jump law).
        var nz = new List<int>();
        var f0 = small[0] / mu;
        for (var m = 1; m < lin; m++)
            if (small[m] / mu > 0) nz.Add(m);
        var nzs = nz.ToArray();
        var weights = new double[nzs.Length];
        var mean = 0.0;
        for (var k = 0; k < nzs.Length; k++)
        {
            weights[k] = nzs[k] * (small[nzs[k]] / mu);
            mean += weights[k] * mu;
        }
        var maxIndex = (int)Math.Min(64L * lin + 16, Math.Ceiling(grid.Last / h) + 2);
        var longest = nzs.Length == 0 ? 0 : nzs[^1];
        var u = new double[Math.Min(maxIndex + 1, 2 * lin)];
        u[0] = 1.0;
        var count = 1;
        var logScale = -mu * (1 - f0);
        var peak = 1.0;
        // Dense jumps (most points up to the longest hold mass): past the longest jump the sum is a dot product of the
        // reversed weights with the last terms, taken in SIMD lanes.
        var dense = nzs.Length >= 8 && 2 * nzs.Length >= longest;
        var reversed = new double[dense ? longest : 0];
        if (dense)
            for (var k = 0; k < nzs.Length; k++) reversed[longest - nzs[k]] = weights[k];
        for (var s = 1; s <= maxIndex; s++)
        {
            var acc = 0.0;
            if (dense && s > longest) acc = Dot(reversed, u.AsSpan(s - longest, longest));
            else
                for (var k = 0; k < nzs.Length; k++)
                {
                    var m = nzs[k];
                    if (m > s) break;
                    acc += weights[k] * u[s - m];
                }
            var v = mu / s * acc;
            if (s == u.Length) Array.Resize(ref u, Math.Min(maxIndex + 1, 2 * u.Length));
            u[s] = v;
            count = s + 1;
            if (v > peak) peak = v;
            if (v > 1e250)
            {
                for (var i = 0; i <= s; i++) u[i] *= 1e-250;
                peak *= 1e-250;
                logScale += 250 * Math.Log(10);
            }
            // Stop past the mean once a whole window of the longest jump is negligible: every later term is a sum over such
            // a window (u_s ≤ μ·m_max/s · max of the last m_max terms), so it can only shrink. A single small term is not
            // enough: with atomic jumps (fixed durations) most terms between the atoms are exactly 0.
            if (s > mean + 2 * longest && v < 1e-30 * peak && WindowBelow(u, s, longest, 1e-30 * peak)) break;
        }
        var acc2 = new GridMeasure.Accumulator(grid);
        var hint = 0;
        var total = 0.0;
        var moment = 0.0;
        for (var i = 0; i < count; i++)
        {
            if (u[i] <= 0) continue;
            var p = Math.Exp(Math.Log(u[i]) + logScale);
            total += p;
            moment += p * i * h;
            if (i < lin) acc2.AddAt(i, p);
            else acc2.Deposit(i * h, p, ref hint);
        }
        // What the recursion did not reach (it stops only where the terms are negligible, or at the grid's end): its
        // mass and, from the mean, its excess.
        var rest = Math.Max(0, 1 - total);
        if (rest > 1e-14) acc2.AddOver(rest, Math.Max(0, mean * h - moment - rest * grid.Last));
        return acc2.ToMeasure();
    }
}
