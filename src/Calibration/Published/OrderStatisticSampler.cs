using MathNet.Numerics.Distributions;
using MathNet.Numerics.Integration;
using PerfModel.Noise;

namespace PerfModel.Calibration.Published;

/// <summary>
/// One parametric-bootstrap replicate of a <see cref="DetourSummary"/>: the values its points and its sum would have had if
/// its n detours had been drawn from a fitted distribution, without drawing all n.
/// </summary>
/// <remarks>
/// The uniform order statistics at the needed ranks r_1 &lt; … &lt; r_m are drawn jointly and exactly from exponential
/// spacings: with G_k ~ Gamma(r_k − r_(k−1), 1) and G_(m+1) ~ Gamma(n + 1 − r_m, 1), U_(r_k) = (G_1 + … + G_k) / ΣG
/// (L. Devroye, Non-Uniform Random Variate Generation, Springer 1986, ch. V.3); X_(r) = Q(U_(r)). The detours between two
/// needed ranks are i.i.d. on the quantile range between them: a gap of at most 4,096 detours, or one above the highest
/// rank (unbounded), is drawn detour by detour; a larger gap lies in the bounded bulk, and its sum is drawn as
/// Normal(m·E, m·V) with E and V the mean and variance of Q(U), U uniform on the gap, by 32-point Gauss–Legendre
/// quadrature (the central limit theorem for a bounded summand, m &gt; 4,096).
/// </remarks>
internal static class OrderStatisticSampler
{
    private const int ExactGap = 4096;

    /// <summary>Synthetic point values (in <see cref="DetourSummary.Points"/> order) and, when the summary has a sum, a
    /// synthetic sum.</summary>
    public static (double[] Values, double? Sum) Draw(DetourSummary s, DurationDistribution d, Random rng)
    {
        var n = s.Count;
        var ranks = s.Points.SelectMany(p => new[] { p.LowRank, p.HighRank }).Distinct().Order().ToArray();
        var spacing = new double[ranks.Length + 1];
        var previous = 0;
        for (var k = 0; k < ranks.Length; k++)
        {
            spacing[k] = Gamma.Sample(rng, ranks[k] - previous, 1.0);
            previous = ranks[k];
        }
        spacing[^1] = Gamma.Sample(rng, n + 1 - previous, 1.0);
        var total = spacing.Sum();
        // Lower and upper probability of each needed order statistic, each summed from its own side (no cancellation).
        var below = new double[ranks.Length];
        var above = new double[ranks.Length];
        double acc = 0;
        for (var k = 0; k < ranks.Length; k++) below[k] = (acc += spacing[k]) / total;
        acc = spacing[^1];
        for (var k = ranks.Length - 1; k >= 0; k--) { above[k] = acc / total; acc += spacing[k]; }
        var x = new double[ranks.Length];
        for (var k = 0; k < ranks.Length; k++) x[k] = below[k] < 0.5 ? d.Quantile(below[k]) : LogQuantileFit.UpperQuantile(d, above[k]);

        var index = new Dictionary<int, int>();
        for (var k = 0; k < ranks.Length; k++) index[ranks[k]] = k;
        var values = s.Points.Select(p => (x[index[p.LowRank]] + x[index[p.HighRank]]) / 2).ToArray();
        if (s.SumSeconds is null) return (values, null);

        var sum = x.Sum();
        previous = 0;
        var from = 0.0;
        for (var k = 0; k < ranks.Length; k++)
        {
            sum += Gap(d, ranks[k] - previous - 1, from, below[k], rng);
            previous = ranks[k];
            from = below[k];
        }
        var top = n - previous;
        var tail = ranks.Length == 0 ? 1.0 : above[^1];
        for (var i = 0; i < top; i++) sum += LogQuantileFit.UpperQuantile(d, tail * (1 - rng.NextDouble()));
        return (values, sum);
    }

    /// <summary>The summed durations of <paramref name="m"/> detours i.i.d. with quantile level uniform on (a, b).</summary>
    private static double Gap(DurationDistribution d, int m, double a, double b, Random rng)
    {
        if (m <= 0) return 0;
        if (m <= ExactGap)
        {
            var sum = 0.0;
            for (var i = 0; i < m; i++) sum += d.Quantile(a + (b - a) * rng.NextDouble());
            return sum;
        }
        var mean = GaussLegendreRule.Integrate(u => d.Quantile(u), a, b, 32) / (b - a);
        var second = GaussLegendreRule.Integrate(u => { var q = d.Quantile(u); return q * q; }, a, b, 32) / (b - a);
        var variance = Math.Max(0, second - mean * mean);
        return m * mean + Math.Sqrt(m * variance) * Normal.Sample(rng, 0, 1);
    }
}
