using PerfModel.Internal;

namespace PerfModel.Noise;

/// <summary>
/// A distribution on the lattice x_i = Offset + i·Step, i = 0 … N−1, held as probabilities. Immutable.
/// Tail probabilities S_i = P(X &gt; x_i) are summed from the top, so they keep full relative precision in the upper tail,
/// which is what the maximum of P copies depends on: E[max] = Offset + Step·Σ_i (1 − (1 − S_i)^P), with
/// 1 − (1 − S)^P = −expm1(P·log1p(−S)) (no underflow, no 1 − 1 cancellation, P up to 2^30 and beyond).
/// </summary>
public sealed class LatticeDistribution
{
    private readonly double[] p;
    private readonly double[] tail;

    /// <summary>A distribution on offset + i·step with the given (unnormalised, finite, ≥ 0, not all 0) weights; trailing zeros are dropped.</summary>
    public LatticeDistribution(double offsetSeconds, double stepSeconds, IReadOnlyList<double> probabilities)
    {
        Guard.Finite(nameof(offsetSeconds), offsetSeconds);
        Guard.Positive(nameof(stepSeconds), stepSeconds);
        if (probabilities.Count == 0) throw new ArgumentException("a lattice distribution needs at least one point", nameof(probabilities));
        // Trim trailing zeros; keep at least one point.
        var n = probabilities.Count;
        while (n > 1 && probabilities[n - 1] == 0) n--;
        p = new double[n];
        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            var v = probabilities[i];
            if (!(v >= 0) || double.IsInfinity(v)) throw new ArgumentOutOfRangeException(nameof(probabilities), v, $"probability[{i}]={v}, but it should be finite and >= 0");
            p[i] = v;
            total += v;
        }
        if (!(total > 0)) throw new ArgumentException("probabilities sum to 0", nameof(probabilities));
        for (var i = 0; i < n; i++) p[i] /= total;
        tail = new double[n];
        var acc = 0.0;
        for (var i = n - 1; i >= 0; i--)
        {
            tail[i] = acc;
            acc += p[i];
        }
        OffsetSeconds = offsetSeconds;
        StepSeconds = stepSeconds;
    }

    /// <summary>A point mass at <paramref name="seconds"/>.</summary>
    public static LatticeDistribution Point(double seconds, double stepSeconds) => new(seconds, stepSeconds, [1.0]);

    /// <summary>x_0, seconds.</summary>
    public double OffsetSeconds { get; }
    /// <summary>h, seconds.</summary>
    public double StepSeconds { get; }
    /// <summary>Number of lattice points N.</summary>
    public int Count => p.Length;
    /// <summary>The probabilities of the points (summing to 1).</summary>
    public IReadOnlyList<double> Probabilities => p;

    /// <summary>x_i.</summary>
    public double ValueAt(int i) => OffsetSeconds + i * StepSeconds;

    /// <summary>P(X &gt; x_i), accurate in the upper tail.</summary>
    public double TailAt(int i) => i < 0 ? 1 : i >= p.Length ? 0 : tail[i];

    /// <summary>E[X] = Offset + Step·Σ S_i, seconds.</summary>
    public double MeanSeconds
    {
        get
        {
            var s = 0.0;
            for (var i = 0; i < p.Length; i++) s += tail[i];
            return OffsetSeconds + StepSeconds * s;
        }
    }

    /// <summary>Var[X], seconds².</summary>
    public double VarianceSeconds2
    {
        get
        {
            var m = (MeanSeconds - OffsetSeconds) / StepSeconds;
            var v = 0.0;
            for (var i = 0; i < p.Length; i++) v += p[i] * (i - m) * (i - m);
            return v * StepSeconds * StepSeconds;
        }
    }

    /// <summary>Smallest lattice value x with P(X ≤ x) ≥ q, found from the tail (1 − q) for accuracy near 1.</summary>
    public double Quantile(double q)
    {
        if (!(q >= 0 && q <= 1)) throw new ArgumentOutOfRangeException(nameof(q), q, $"q={q}, but it should be in [0, 1]");
        var target = 1 - q;
        for (var i = 0; i < p.Length; i++)
            if (tail[i] <= target) return ValueAt(i);
        return ValueAt(p.Length - 1);
    }

    /// <summary>E[max of <paramref name="copies"/> independent draws] = Offset + Step·Σ (1 − (1 − S_i)^P).</summary>
    public double ExpectedMaximumSeconds(double copies)
    {
        CheckCopies(copies);
        var s = 0.0;
        for (var i = 0; i < p.Length; i++) s += StableMath.OneMinusPowComplement(tail[i], copies);
        return OffsetSeconds + StepSeconds * s;
    }

    /// <summary>The q-quantile of the maximum of P draws: the smallest x_i with (1 − S_i)^P ≥ q, i.e. S_i ≤ −expm1(ln q / P).</summary>
    public double QuantileOfMaximum(double copies, double q)
    {
        CheckCopies(copies);
        if (!(q > 0 && q < 1)) throw new ArgumentOutOfRangeException(nameof(q), q, $"q={q}, but it should be in (0, 1)");
        var target = -StableMath.Expm1(Math.Log(q) / copies);
        for (var i = 0; i < p.Length; i++)
            if (tail[i] <= target) return ValueAt(i);
        return ValueAt(p.Length - 1);
    }

    /// <summary>The distribution of the maximum of P independent copies: S' = 1 − (1 − S)^P.</summary>
    public LatticeDistribution MaximumOf(double copies)
    {
        CheckCopies(copies);
        var probs = new double[p.Length];
        var prevTail = 1.0;
        var two = copies == 2;
        for (var i = 0; i < p.Length; i++)
        {
            var si = tail[i];
            var t = two ? si * (2 - si) : StableMath.OneMinusPowComplement(si, copies);
            probs[i] = Math.Max(0, prevTail - t);
            prevTail = t;
        }
        return new LatticeDistribution(OffsetSeconds, StepSeconds, probs);
    }

    /// <summary>max(X, Y) of two independent variables on the same lattice step: S = 1 − (1 − S_X)(1 − S_Y) = S_X + S_Y − S_X S_Y.</summary>
    public LatticeDistribution MaxWith(LatticeDistribution other)
    {
        var (a, b) = Align(this, other);
        var n = Math.Max(a.Count, b.Count);
        var probs = new double[n];
        var prev = 1.0;
        for (var i = 0; i < n; i++)
        {
            var sa = a.TailAt(i);
            var sb = b.TailAt(i);
            var t = sa + sb - sa * sb;
            probs[i] = Math.Max(0, prev - t);
            prev = t;
        }
        return new LatticeDistribution(a.OffsetSeconds, StepSeconds, probs);
    }

    /// <summary>X + Y of two independent variables on the same lattice step; the sparser one drives the loop.</summary>
    public LatticeDistribution Convolve(LatticeDistribution other)
    {
        CheckStep(other);
        var (dense, sparse) = CountNonZero(this) >= CountNonZero(other) ? (this, other) : (other, this);
        if (CountNonZero(sparse) > 64 && (double)dense.Count * CountNonZero(sparse) > 4e6)
            return new LatticeDistribution(OffsetSeconds + other.OffsetSeconds, StepSeconds, FftConvolve(dense.p, sparse.p));
        var probs = new double[dense.Count + sparse.Count - 1];
        for (var j = 0; j < sparse.p.Length; j++)
        {
            var w = sparse.p[j];
            if (w == 0) continue;
            for (var i = 0; i < dense.p.Length; i++) probs[i + j] += w * dense.p[i];
        }
        return new LatticeDistribution(OffsetSeconds + other.OffsetSeconds, StepSeconds, probs);
    }

    /// <summary>
    /// Linear convolution by FFT (both operands dense). Rounding leaves an absolute error of about 1e-16 of the largest
    /// probability on every point, so values below that are set to 0 (they cannot be resolved); used only where the
    /// direct sum would cost more than a few million operations.
    /// </summary>
    private static double[] FftConvolve(double[] a, double[] b)
    {
        var n = a.Length + b.Length - 1;
        var size = 1;
        while (size < n) size <<= 1;
        var fa = new System.Numerics.Complex[size];
        var fb = new System.Numerics.Complex[size];
        for (var i = 0; i < a.Length; i++) fa[i] = a[i];
        for (var i = 0; i < b.Length; i++) fb[i] = b[i];
        MathNet.Numerics.IntegralTransforms.Fourier.Forward(fa, MathNet.Numerics.IntegralTransforms.FourierOptions.Matlab);
        MathNet.Numerics.IntegralTransforms.Fourier.Forward(fb, MathNet.Numerics.IntegralTransforms.FourierOptions.Matlab);
        for (var i = 0; i < size; i++) fa[i] *= fb[i];
        MathNet.Numerics.IntegralTransforms.Fourier.Inverse(fa, MathNet.Numerics.IntegralTransforms.FourierOptions.Matlab);
        var result = new double[n];
        var floor = 1e-15 * Math.Max(a.Max(), b.Max());
        for (var i = 0; i < n; i++) result[i] = fa[i].Real > floor ? fa[i].Real : 0;
        return result;
    }

    /// <summary>Keeps at most <paramref name="bins"/> points, lumping the mass beyond onto the last one.</summary>
    public LatticeDistribution Cap(int bins)
    {
        if (p.Length <= bins) return this;
        var probs = new double[bins];
        Array.Copy(p, probs, bins);
        probs[^1] += tail[bins - 1];
        return new LatticeDistribution(OffsetSeconds, StepSeconds, probs);
    }

    /// <summary>X + c.</summary>
    public LatticeDistribution Shift(double seconds) => new(OffsetSeconds + seconds, StepSeconds, p);

    /// <summary>Drops the upper tail beyond the first point whose tail is below <paramref name="epsilon"/>, lumping it onto that point
    /// (rounding down: a lower bound) or keeping it for the caller to account for.</summary>
    public LatticeDistribution TruncateTail(double epsilon)
    {
        for (var i = 0; i < p.Length; i++)
            if (tail[i] < epsilon)
            {
                if (i == p.Length - 1) return this;
                var probs = new double[i + 1];
                Array.Copy(p, probs, i + 1);
                probs[i] += tail[i];
                return new LatticeDistribution(OffsetSeconds, StepSeconds, probs);
            }
        return this;
    }

    /// <summary>
    /// Expected j-th smallest of k independent draws (order statistics): P(X_(j) ≤ x) = Σ_{m=j}^{k} C(k,m) F^m (1−F)^(k−m),
    /// E[X_(j)] = Offset + Step·Σ_i P(X_(j) &gt; x_i).
    /// </summary>
    public double ExpectedOrderStatistic(int j, int k) => ExpectedOrderStatistics(k, j)[0];

    /// <summary>Several order statistics of k draws in one pass over the lattice (powers of F and S built by multiplication).</summary>
    public double[] ExpectedOrderStatistics(int k, params int[] js)
    {
        if (k < 1 || js.Any(j => j < 1 || j > k)) throw new ArgumentOutOfRangeException(nameof(js), $"need 1 <= j <= k = {k}");
        var c = new double[k + 1];
        for (var m = 0; m <= k; m++) c[m] = Binomial(k, m);
        var pf = new double[k + 1];
        var ps = new double[k + 1];
        var sums = new double[js.Length];
        for (var i = 0; i < p.Length; i++)
        {
            var f = 1 - tail[i];
            pf[0] = ps[0] = 1;
            for (var m = 1; m <= k; m++) { pf[m] = pf[m - 1] * f; ps[m] = ps[m - 1] * tail[i]; }
            for (var q = 0; q < js.Length; q++)
            {
                var below = 0.0; // P(at least j of k draws ≤ x_i)
                for (var m = js[q]; m <= k; m++) below += c[m] * pf[m] * ps[k - m];
                sums[q] += Math.Max(0, 1 - below);
            }
        }
        return sums.Select(x => OffsetSeconds + StepSeconds * x).ToArray();
    }

    private static double Binomial(int n, int k)
    {
        var r = 1.0;
        for (var i = 1; i <= k; i++) r = r * (n - k + i) / i;
        return r;
    }

    private static int CountNonZero(LatticeDistribution d) => d.p.Count(x => x != 0);

    private void CheckStep(LatticeDistribution other)
    {
        if (Math.Abs(other.StepSeconds - StepSeconds) > 1e-12 * StepSeconds)
            throw new ArgumentException($"lattice steps differ: {StepSeconds} s and {other.StepSeconds} s", nameof(other));
    }

    /// <summary>Puts two distributions on a common origin (offsets must differ by a whole number of steps).</summary>
    private static (LatticeDistribution, LatticeDistribution) Align(LatticeDistribution a, LatticeDistribution b)
    {
        a.CheckStep(b);
        var shift = (b.OffsetSeconds - a.OffsetSeconds) / a.StepSeconds;
        var k = (int)Math.Round(shift);
        if (Math.Abs(shift - k) > 1e-6)
            throw new ArgumentException($"offsets {a.OffsetSeconds} s and {b.OffsetSeconds} s are not a whole number of steps apart", nameof(b));
        if (k == 0) return (a, b);
        if (k > 0) return (a, Pad(b, k, a.OffsetSeconds));
        return (Pad(a, -k, b.OffsetSeconds), b);
    }

    private static LatticeDistribution Pad(LatticeDistribution d, int leading, double offset)
    {
        var probs = new double[d.p.Length + leading];
        Array.Copy(d.p, 0, probs, leading, d.p.Length);
        return new LatticeDistribution(offset, d.StepSeconds, probs);
    }

    private static void CheckCopies(double copies)
    {
        if (!(copies >= 1) || double.IsInfinity(copies))
            throw new ArgumentOutOfRangeException(nameof(copies), copies, $"copies={copies}, but it should be a finite number >= 1");
    }
}
