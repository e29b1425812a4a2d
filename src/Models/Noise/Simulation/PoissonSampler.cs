using System.Runtime.CompilerServices;
using PerfModel.Internal;

namespace PerfModel.Noise.Simulation;

/// <summary>
/// Exact sampler of K ~ Poisson(m) for one fixed mean m (0 ≤ m ≤ <see cref="MaxMean"/>).
/// <list type="bullet">
/// <item>m &lt; 30: inversion from 0 with one uniform u: K = min{k : u &lt; F(k)}, F(k) = Σ_{j≤k} e^(−m) m^j / j! accumulated
/// with the recurrence p_j = p_{j−1}·m/j into a table once per sampler, up to the first k &gt; m whose term no longer changes F
/// (p_k ≤ 1e-17·F(k)). The first comparison, u &lt; e^(−m), is the whole cost of the common K = 0 case. Should rounding
/// leave the last tabulated F just below u (probability about 1e-16), K = table length (already in the far tail).</item>
/// <item>m ≥ 30: PTRS, transformed rejection with squeeze (W. Hörmann, "The transformed rejection method for generating
/// Poisson random variables", Insurance: Mathematics and Economics 12, 1993; constants as in NumPy's
/// <c>random_poisson_ptrs</c>), exact, about 1.1 pairs of uniforms per sample.</item>
/// </list>
/// </summary>
internal readonly struct PoissonSampler
{
    /// <summary>Means from here on use PTRS; below, inversion (expected m + 1 comparisons).</summary>
    public const double InversionLimit = 30;

    /// <summary>Largest supported mean (counts stay far inside <see cref="int"/>; the simulation cost is O(m) per window anyway).</summary>
    public const double MaxMean = 1e6;

    private readonly double mean;
    private readonly double expNegMean;
    private readonly double[] cdf; // F(0..n−1) for the inversion (empty for PTRS)
    private readonly bool usePtrs;
    private readonly double logMean, a, b, logInvAlpha, vr;

    public PoissonSampler(double mean)
    {
        if (!(mean >= 0) || !(mean <= MaxMean))
            throw new ArgumentOutOfRangeException(nameof(mean), mean, $"mean={mean}, but it should be in [0, {MaxMean:G}]");
        this.mean = mean;
        expNegMean = Math.Exp(-mean);
        usePtrs = mean >= InversionLimit;
        cdf = usePtrs ? [] : CdfTable(mean);
        logMean = Math.Log(mean);
        b = 0.931 + 2.53 * Math.Sqrt(mean);
        a = -0.059 + 0.02483 * b;
        logInvAlpha = Math.Log(1.1239 + 1.1328 / (b - 3.4));
        vr = 0.9277 - 3.6224 / (b - 2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Sample(ref Xoshiro256StarStar rng)
    {
        if (usePtrs) return SamplePtrs(ref rng);
        var u = rng.NextDouble();
        return u < expNegMean ? 0 : InvertFromOne(u);
    }

    /// <summary>Continues the inversion once u ≥ F(0).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int InvertFromOne(double u)
    {
        var table = cdf;
        var k = 1;
        while (k < table.Length && u >= table[k]) k++;
        return k;
    }

    private static double[] CdfTable(double mean)
    {
        var f = new List<double>();
        var p = Math.Exp(-mean);
        var acc = p;
        f.Add(acc);
        for (var k = 1; ; k++)
        {
            p *= mean / k;
            acc += p;
            f.Add(acc);
            if (k > mean && p <= acc * 1e-17) return [.. f];
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int SamplePtrs(ref Xoshiro256StarStar rng)
    {
        while (true)
        {
            var u = rng.NextDouble() - 0.5;
            var v = rng.NextDouble();
            var us = 0.5 - Math.Abs(u);
            if (us <= 0) continue; // u = −0.5: the hat's pole; NumPy rejects it too (k comes out negative).
            var kd = Math.Floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) return (int)kd; // squeeze: inside the region where acceptance is certain
            if (kd < 0 || (us < 0.013 && v > us)) continue;
            // Beyond 2^30 the log-pmf (m ≤ 1e6) is below −1e9 while the left side is above −200 unless v = 0 (probability
            // 2^−53), so the acceptance test below would fail anyway; skip it to keep k inside int.
            if (kd > 1 << 30) continue;
            var k = (int)kd;
            if (Math.Log(v) + logInvAlpha - Math.Log(a / (us * us) + b) <= -mean + k * logMean - PoissonMath.LogFactorial(k))
                return k;
        }
    }
}
