using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PerfModel.Internal;

namespace PerfModel.Noise;

/// <summary>
/// A finite measure on a <see cref="NoiseGrid"/>: a delay distribution (total mass 1) or a jump measure of a compound
/// Poisson sum (total mass = expected count). Mass m_i sits on point x_i; what lies beyond the last point L is kept as its
/// mass <see cref="Over"/> and its excess ∫_L^∞ S(x) dx (<see cref="OverExcess"/>), with a power-law tail
/// S(x) = Over·(x/L)^(−β), β = 1 + Over·L/OverExcess, wherever a shape beyond L is needed. A value v between two points is
/// split between them in proportion to its distance from each (mass and mean preserved), so atoms on points stay exact
/// and a continuous distribution is represented to second order in the spacing: the survival function at each point is
/// the exact one at the middle of the cell. Immutable once built.
/// </summary>
internal sealed class GridMeasure
{
    public GridMeasure(NoiseGrid grid, double[] mass, double over, double overExcess)
    {
        Grid = grid;
        M = mass;
        Over = over;
        OverExcess = overExcess;
    }

    public NoiseGrid Grid { get; }

    /// <summary>Mass on each point.</summary>
    public double[] M { get; }

    /// <summary>Mass beyond the last point.</summary>
    public double Over { get; }

    /// <summary>∫ over (L, ∞) of the mass beyond x: E[(X − L)⁺] for a distribution (+∞ when its mean is infinite).</summary>
    public double OverExcess { get; }

    /// <summary>A point mass at 0.</summary>
    public static GridMeasure Zero(NoiseGrid grid)
    {
        var m = new double[grid.Count];
        m[0] = 1;
        return new GridMeasure(grid, m, 0, 0);
    }

    /// <summary>The zero measure.</summary>
    public static GridMeasure Empty(NoiseGrid grid) => new(grid, new double[grid.Count], 0, 0);

    public double Total
    {
        get
        {
            var s = Over;
            foreach (var v in M) s += v;
            return s;
        }
    }

    /// <summary>Σ x_i m_i: the first moment of the part on the grid.</summary>
    public double GridMoment
    {
        get
        {
            var x = Grid.X;
            var s = 0.0;
            for (var i = 0; i < M.Length; i++) s += x[i] * M[i];
            return s;
        }
    }

    /// <summary>∫ x dμ (+∞ when the excess is).</summary>
    public double Moment => GridMoment + Over * Grid.Last + OverExcess;

    /// <summary>S_i = μ((x_i, ∞)), summed from the top so the tail keeps its relative precision.</summary>
    public double[] Survival()
    {
        var s = new double[M.Length];
        var acc = Over;
        for (var i = M.Length - 1; i >= 0; i--)
        {
            s[i] = acc;
            acc += M[i];
        }
        return s;
    }

    /// <summary>Variance of the distribution restricted to the grid (the part beyond the last point counted at it).</summary>
    public double GridVariance
    {
        get
        {
            var x = Grid.X;
            var total = Total;
            var mean = (GridMoment + Over * Grid.Last) / total;
            var v = Over * (Grid.Last - mean) * (Grid.Last - mean);
            for (var i = 0; i < M.Length; i++) v += M[i] * (x[i] - mean) * (x[i] - mean);
            return v / total;
        }
    }

    /// <summary>Tail exponent β of the power law beyond the last point (+∞ without mass beyond, 1 when the excess is infinite).</summary>
    private double Beta => Over <= 0 ? double.PositiveInfinity : double.IsPositiveInfinity(OverExcess) ? 1 : 1 + Over * Grid.Last / Math.Max(OverExcess, 1e-300);

    /// <summary>∫_L^∞ 1 − (1 − S(x))^c dx for the power-law tail beyond the last point: the excess of the maximum of c copies.</summary>
    public double MaximumExcess(double copies)
    {
        if (Over <= 0) return 0;
        if (double.IsPositiveInfinity(OverExcess)) return double.PositiveInfinity;
        if (copies == 1) return OverExcess;
        var beta = Beta;
        var last = Grid.Last;
        if (copies * Over < 1e-9) return copies * OverExcess * (1 - 0.5 * (copies - 1) * Over * (beta - 1) / (2 * beta - 1));
        // x = L e^t: ∫_0^∞ L e^t (1 − (1 − Over e^(−βt))^c) dt, on panels of t until c·Over·e^(−βt) < 1e-12, then the
        // union bound's integral L c Over e^((1−β)t)/(β − 1) for the rest.
        var tEnd = Math.Max(0, Math.Log(copies * Over / 1e-12) / beta);
        const int panels = 48;
        var dt = tEnd / panels;
        var sum = 0.0;
        for (var k = 0; k < panels; k++)
            for (var g = 0; g < Gauss.Length; g += 2)
            {
                var t = (k + 0.5 + 0.5 * Gauss[g]) * dt;
                var s = Over * Math.Exp(-beta * t);
                sum += Gauss[g + 1] * 0.5 * dt * last * Math.Exp(t) * StableMath.OneMinusPowComplement(s, copies);
            }
        return sum + last * copies * Over * Math.Exp((1 - beta) * tEnd) / (beta - 1);
    }

    /// <summary>Five-point Gauss–Legendre nodes on [−1, 1] and weights, interleaved (constant data, no static field).</summary>
    internal static ReadOnlySpan<double> Gauss =>
    [
        -0.9061798459386640, 0.2369268850561891, -0.5384693101056831, 0.4786286704993665, 0, 0.5688888888888889,
        0.5384693101056831, 0.4786286704993665, 0.9061798459386640, 0.2369268850561891,
    ];

    /// <summary>The law of the maximum of <paramref name="copies"/> independent copies (a distribution): S' = 1 − (1 − S)^c.</summary>
    public GridMeasure Power(double copies)
    {
        if (copies == 1) return this;
        var s = Survival();
        var m = new double[M.Length];
        var prev = 1.0;
        for (var i = 0; i < s.Length; i++)
        {
            var t = StableMath.OneMinusPowComplement(s[i], copies);
            m[i] = Math.Max(0, prev - t);
            prev = t;
        }
        return new GridMeasure(Grid, m, StableMath.OneMinusPowComplement(Over, copies), MaximumExcess(copies));
    }

    /// <summary>E[max of <paramref name="copies"/> independent copies] of a distribution: Σ (x_(i+1) − x_i)(1 − (1 − S_i)^c)
    /// plus the excess of the maximum beyond the last point.</summary>
    public double ExpectedMaximum(double copies)
    {
        var x = Grid.X;
        var acc = Over;
        var sum = 0.0;
        for (var i = M.Length - 1; i >= 0; i--)
        {
            if (i < M.Length - 1) sum += (x[i + 1] - x[i]) * StableMath.OneMinusPowComplement(acc, copies);
            acc += M[i];
        }
        return sum + MaximumExcess(copies);
    }

    /// <summary>The smallest point x_i with P(max of c copies ≤ x_i) ≥ q; beyond the grid, from the power-law tail.</summary>
    public double QuantileOfMaximum(double copies, double q)
    {
        var target = -StableMath.Expm1(Math.Log(q) / copies); // S ≤ target
        var s = Survival();
        for (var i = 0; i < s.Length; i++)
            if (s[i] <= target) return Grid.X[i];
        var beta = Beta;
        return double.IsFinite(beta) && beta > 0 ? Grid.Last * Math.Pow(Over / target, 1 / beta) : Grid.Last;
    }

    /// <summary>The smallest point x_i with P(X ≤ x_i) ≥ q (a distribution).</summary>
    public double Quantile(double q) => QuantileOfMaximum(1, q);

    /// <summary>E[j-th smallest of k independent draws] for each j in <paramref name="js"/>:
    /// Σ_i (x_(i+1) − x_i)·P(X_(j:k) &gt; x_i), P(X_(j:k) ≤ x) = Σ_(m=j..k) C(k, m) F^m (1 − F)^(k−m), plus the part beyond the
    /// last point from the power-law tail (for the largest of k: the excess of the maximum).</summary>
    public double[] OrderStatistics(int k, params int[] js)
    {
        var x = Grid.X;
        var s = Survival();
        var c = new double[k + 1];
        for (var m = 0; m <= k; m++) c[m] = MathNet.Numerics.SpecialFunctions.Binomial(k, m);
        var result = new double[js.Length];
        for (var i = 0; i + 1 < s.Length; i++)
        {
            var f = 1 - s[i];
            for (var q = 0; q < js.Length; q++)
            {
                var below = 0.0;
                for (var m = js[q]; m <= k; m++) below += c[m] * Math.Pow(f, m) * Math.Pow(s[i], k - m);
                result[q] += (x[i + 1] - x[i]) * Math.Max(0, 1 - below);
            }
        }
        for (var q = 0; q < js.Length; q++) if (js[q] == k) result[q] += MaximumExcess(k);
        return result;
    }

    /// <summary>max(X, Y) of independent distributions: S = S_X + S_Y − S_X S_Y.</summary>
    public static GridMeasure Max(GridMeasure a, GridMeasure b)
    {
        var sa = a.Survival();
        var sb = b.Survival();
        var m = new double[sa.Length];
        var prev = 1.0;
        for (var i = 0; i < sa.Length; i++)
        {
            var t = sa[i] + sb[i] - sa[i] * sb[i];
            m[i] = Math.Max(0, prev - t);
            prev = t;
        }
        var over = a.Over + b.Over - a.Over * b.Over;
        var excess = a.OverExcess + b.OverExcess;
        if (a.Over > 0 && b.Over > 0 && double.IsFinite(excess))
            excess -= a.Over * b.Over * a.Grid.Last / (a.Beta + b.Beta - 1);
        return new GridMeasure(a.Grid, m, over, Math.Max(0, excess));
    }

    /// <summary>Σ w_k μ_k.</summary>
    public static GridMeasure Mix(IReadOnlyList<double> weights, IReadOnlyList<GridMeasure> parts)
    {
        var grid = parts[0].Grid;
        var m = new double[grid.Count];
        double over = 0, excess = 0;
        for (var k = 0; k < parts.Count; k++)
        {
            var w = weights[k];
            if (w == 0) continue;
            var p = parts[k];
            for (var i = 0; i < m.Length; i++) m[i] += w * p.M[i];
            over += w * p.Over;
            excess += Times(w, p.OverExcess);
        }
        return new GridMeasure(grid, m, over, excess);
    }

    /// <summary>Σ w_k μ_k for distributions (the same as <see cref="Mix"/>; named for laws mixed by their CDFs).</summary>
    public static GridMeasure MixCdf(IReadOnlyList<double> weights, IReadOnlyList<GridMeasure> parts) => Mix(weights, parts);

    public GridMeasure Scale(double factor)
    {
        var m = new double[M.Length];
        for (var i = 0; i < m.Length; i++) m[i] = factor * M[i];
        return new GridMeasure(Grid, m, factor * Over, Times(factor, OverExcess));
    }

    /// <summary>X + c (c ≥ 0), each mass split between the points around its new place.</summary>
    public GridMeasure Shift(double c)
    {
        if (c == 0) return this;
        var acc = new Accumulator(Grid);
        var x = Grid.X;
        var k = 0;
        for (var i = 0; i < M.Length; i++)
            if (M[i] != 0) acc.Deposit(x[i] + c, M[i], ref k);
        acc.AddOver(Over, OverExcess + Over * c);
        return acc.ToMeasure();
    }

    /// <summary>(X − c)⁺ (c ≥ 0): each mass moved down by c, split between the points around its new place, and what falls
    /// below 0 put on 0.</summary>
    public GridMeasure ShiftDown(double c)
    {
        if (c <= 0) return this;
        var acc = new Accumulator(Grid);
        var x = Grid.X;
        var k = 0;
        for (var i = 0; i < M.Length; i++)
        {
            if (M[i] == 0) continue;
            var v = x[i] - c;
            if (v <= 0) acc.AddAt(0, M[i]);
            else acc.Deposit(v, M[i], ref k);
        }
        if (Over > 0)
        {
            // The tail beyond the last point, moved down: its part that stays beyond keeps its excess less c per unit.
            acc.AddOver(Over, Math.Max(0, OverExcess - c * Over));
        }
        return acc.ToMeasure();
    }

    /// <summary>The convolution μ * ν (the law of X + Y for distributions): every pair of points' sum split between the
    /// points around it; the parts beyond the last point add their masses and excesses.</summary>
    public static GridMeasure Convolve(GridMeasure a, GridMeasure b)
    {
        var acc = new Accumulator(a.Grid);
        ConvolveInto(acc, a, b, 1);
        return acc.ToMeasure();
    }

    /// <summary>Adds factor·(a * b) to <paramref name="acc"/>. Every pair (i, j) is taken once, by the larger point: pass A
    /// the pairs j ≤ i (rows of a), pass B the pairs i &lt; j (rows of b). In a row i the smaller points j &lt; J_i
    /// (<see cref="SumTable.Bulk"/>) all fall in x_i's own cell; their masses and first moment are prefix sums of the other
    /// measure, so the row adds m_i·(Σ m_j) − m_i·(Σ x_j m_j)/(x_(i+1) − x_i) on x_i and the rest on x_(i+1) at once — the
    /// same split as pair by pair, in a few operations instead of J_i. In the geometric part J_i reaches the points below
    /// ρ·x_i, so a row's remaining pairs, looked up in the table, are the ~ln(1/ρ)/ln(1 + ρ) points just below it; they come
    /// in runs of one cell (<see cref="SumTable.RunEnd"/>), each summed in registers and added to its two points once, and
    /// stop at the other measure's last significant point. Against a sparse measure (a point mass, a compressed jump
    /// measure) a row takes that measure's significant points one by one instead (29 % fewer pairs and runs visited in a
    /// recursive-doubling step, 25 % in the tree's, Linux's noise at 131,072 ranks). The result is the pair-by-pair split up
    /// to rounding (measured: every closed-form output of the default OSes and of
    /// heavy-tailed, log-normal and periodic noise within 6·10⁻¹⁴ of itself), at half the cost of a recursive-doubling
    /// step.</summary>
    public static void ConvolveInto(Accumulator acc, GridMeasure a, GridMeasure b, double factor)
    {
        var grid = a.Grid;
        var n = grid.Count;
        var mass = acc.Mass;
        double over = 0, overExcess = 0;
        var sums = grid.Sums;
        var bulk = sums.Bulk;
        var (rowRuns, runEnds) = (sums.RowRuns, sums.RunEnd);
        var inv = grid.InverseSpacing;
        var x = grid.X;
        var (ia, ib) = (Significant(a.M), Significant(b.M));
        Rows(ia, a.M, b.M, ib, inclusive: true);
        Rows(ib, b.M, a.M, ia, inclusive: false);

        // The rows of one measure against the other's points up to the row (inclusive) or below it. Against a sparse
        // measure (a point mass, a compressed jump measure: at most a quarter of the points significant) pair by pair over
        // its significant points; otherwise the prefix sums and the runs.
        void Rows(int[] rows, double[] outer, double[] inner, int[] innerSignificant, bool inclusive)
        {
            if (rows.Length == 0 || innerSignificant.Length == 0) return;
            var sparse = innerSignificant.Length * 4 <= n;
            var innerEnd = innerSignificant[^1] + 1;
            double[] innerMass = [], innerMoment = [];
            if (!sparse)
            {
                (innerMass, innerMoment) = (new double[n + 1], new double[n + 1]);
                Prefix(inner, x, innerMass, innerMoment);
            }
            // The hot loop of every evaluation: references instead of indexed loads (no bounds checks). Every index is in
            // range: i, j < n index the n × n table, and k + 1 ≤ n − 1 for the points the table gives (k = −1 beyond the last).
            ref var point = ref MemoryMarshal.GetArrayDataReference(sums.Point);
            ref var share = ref MemoryMarshal.GetArrayDataReference(sums.Share);
            ref var massRef = ref MemoryMarshal.GetArrayDataReference(mass);
            ref var innerRef = ref MemoryMarshal.GetArrayDataReference(inner);
            if (sparse)
            {
                foreach (var i in rows)
                {
                    var mi = factor * outer[i];
                    var end = inclusive ? i + 1 : i;
                    ref var pointRow = ref Unsafe.Add(ref point, i * n);
                    ref var shareRow = ref Unsafe.Add(ref share, i * n);
                    foreach (var j in innerSignificant)
                    {
                        if (j >= end) break;
                        var m = mi * Unsafe.Add(ref innerRef, j);
                        var k = Unsafe.Add(ref pointRow, j);
                        var w = Unsafe.Add(ref shareRow, j);
                        if (k < 0)
                        {
                            over += m;
                            overExcess += m * w;
                            continue;
                        }
                        var mw = m * w;
                        ref var at = ref Unsafe.Add(ref massRef, k);
                        at += m - mw;
                        Unsafe.Add(ref at, 1) += mw;
                    }
                }
                return;
            }
            foreach (var i in rows)
            {
                var mi = factor * outer[i];
                var end = Math.Min(inclusive ? i + 1 : i, innerEnd);
                var cut = Math.Min(bulk[i], end);
                if (cut > 0)
                {
                    var up = mi * innerMoment[cut] * inv[i];
                    mass[i] += mi * innerMass[cut] - up;
                    mass[i + 1] += up;
                }
                ref var pointRow = ref Unsafe.Add(ref point, i * n);
                ref var shareRow = ref Unsafe.Add(ref share, i * n);
                // The cells rise with j: a run of points whose sums fall in one cell is summed in registers and added to it
                // once.
                if (cut >= end) continue;
                var j = cut;
                for (var r = rowRuns[i]; j < end; r++)
                {
                    var runEnd = Math.Min(runEnds[r], end);
                    var k = Unsafe.Add(ref pointRow, j);
                    double toCell = 0, toNext = 0;
                    for (; j < runEnd; j++)
                    {
                        var m = Unsafe.Add(ref innerRef, j);
                        var mw = m * Unsafe.Add(ref shareRow, j);
                        toCell += m - mw;
                        toNext += mw;
                    }
                    if (k >= 0)
                    {
                        ref var at = ref Unsafe.Add(ref massRef, k);
                        at += mi * toCell;
                        Unsafe.Add(ref at, 1) += mi * toNext;
                    }
                    else
                    {
                        over += mi * (toCell + toNext);
                        overExcess += mi * toNext;
                    }
                }
            }
        }
        acc.AddOver(over, overExcess);
        double ta = a.Total, tb = b.Total;
        // a's overflow with all of b, then a's grid part with b's overflow.
        acc.AddOver(factor * a.Over * tb, factor * (Times(a.OverExcess, tb) + Times(a.Over, b.Moment)));
        var aGrid = ta - a.Over;
        acc.AddOver(factor * aGrid * b.Over, factor * (Times(aGrid, b.OverExcess) + b.Over * a.GridMoment));
    }

    /// <summary>The same measure on at most <paramref name="points"/> of its points: the points holding at least 1/points
    /// of the mass (atoms) and evenly spaced others among the occupied ones; every mass is split between the two kept
    /// points around it, so the mass and the mean are kept.</summary>
    public GridMeasure Compress(int points)
    {
        var nz = NonZero(M);
        if (nz.Length <= points) return this;
        var total = Total;
        var keep = new SortedSet<int> { nz[0], nz[^1] };
        foreach (var i in nz) if (M[i] >= total / points && keep.Count < points / 2) keep.Add(i);
        var stride = (double)(nz.Length - 1) / Math.Max(1, points - keep.Count - 1);
        for (var t = 0.0; t < nz.Length && keep.Count < points; t += stride) keep.Add(nz[(int)t]);
        var kept = keep.ToArray();
        var x = Grid.X;
        var m = new double[M.Length];
        var k = 0;
        foreach (var i in nz)
        {
            while (k + 1 < kept.Length && kept[k + 1] <= i) k++;
            if (kept[k] == i || k + 1 == kept.Length) { m[kept[k]] += M[i]; continue; }
            var (lo, hi) = (kept[k], kept[k + 1]);
            var w = (x[i] - x[lo]) / (x[hi] - x[lo]);
            m[lo] += M[i] * (1 - w);
            m[hi] += M[i] * w;
        }
        return new GridMeasure(Grid, m, Over, OverExcess);
    }

    /// <summary>Prefix sums from the lowest point: mass[t] = Σ_(j&lt;t) m_j, moment[t] = Σ_(j&lt;t) x_j m_j (summed upwards, so
    /// a prefix dominated by the body keeps its relative precision).</summary>
    private static void Prefix(double[] m, double[] x, double[] mass, double[] moment)
    {
        double s0 = 0, s1 = 0;
        mass[0] = 0;
        moment[0] = 0;
        for (var j = 0; j < m.Length; j++)
        {
            s0 += m[j];
            s1 += x[j] * m[j];
            mass[j + 1] = s0;
            moment[j + 1] = s1;
        }
    }

    /// <summary>a·b with 0·∞ = 0: a part of zero mass adds nothing, even when the excess it would scale is infinite.</summary>
    internal static double Times(double a, double b) => a == 0 || b == 0 ? 0 : a * b;

    /// <summary>Indices of the masses above 10⁻³⁵ of the largest: a product of masses below that changes no probability
    /// the closed forms use by more than 10⁻³⁵ (P·S stays below 10⁻²⁵ at P = 2^30), and skipping them saves most of the
    /// pairs of a light-tailed law's far tail.</summary>
    private static int[] Significant(double[] m)
    {
        var max = 0.0;
        foreach (var v in m) if (v > max) max = v;
        var limit = max * 1e-35;
        var n = 0;
        foreach (var v in m) if (v > limit) n++;
        var idx = new int[n];
        n = 0;
        for (var i = 0; i < m.Length; i++) if (m[i] > limit) idx[n++] = i;
        return idx;
    }

    private static int[] NonZero(double[] m)
    {
        var n = 0;
        foreach (var v in m) if (v != 0) n++;
        var idx = new int[n];
        n = 0;
        for (var i = 0; i < m.Length; i++) if (m[i] != 0) idx[n++] = i;
        return idx;
    }

    /// <summary>Builds a measure by depositing masses at arbitrary values.</summary>
    internal sealed class Accumulator(NoiseGrid grid)
    {
        private readonly double[] mass = new double[grid.Count];
        private double over, overExcess;

        /// <summary>The masses being built (for tight loops that split values themselves).</summary>
        public double[] Mass => mass;

        /// <summary>Adds mass m at value v ≥ 0, split between the points around v; <paramref name="hint"/> is a point at or
        /// below v (updated), so increasing values are located in amortised constant time.</summary>
        public void Deposit(double v, double m, ref int hint)
        {
            var x = grid.X;
            var last = x.Length - 1;
            if (v >= x[last])
            {
                if (v == x[last]) mass[last] += m;
                else
                {
                    over += m;
                    overExcess += m * (v - x[last]);
                }
                hint = last;
                return;
            }
            var k = x[hint] <= v ? grid.LocateFrom(hint, v) : grid.Locate(v);
            hint = k;
            var lo = x[k];
            var w = (v - lo) / (x[k + 1] - lo);
            if (w < 1e-12) mass[k] += m;
            else if (w > 1 - 1e-12) mass[k + 1] += m;
            else
            {
                mass[k] += m * (1 - w);
                mass[k + 1] += m * w;
            }
        }

        /// <summary>Adds mass on a point.</summary>
        public void AddAt(int i, double m) => mass[i] += m;

        /// <summary>Adds mass beyond the last point with its excess.</summary>
        public void AddOver(double m, double excess)
        {
            over += m;
            overExcess += excess;
        }

        public GridMeasure ToMeasure() => new(grid, mass, over, overExcess);
    }
}
