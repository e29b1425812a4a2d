using System.Collections.Immutable;
using System.Globalization;
using MathNet.Numerics;
using PerfModel.Noise;
using PerfModel.Profiles.Schema;

namespace PerfModel.Calibration.Fitting;

/// <summary>Maximum-likelihood fits of detour-duration distributions.</summary>
public static class DurationFit
{
    /// <summary>
    /// Fits three families to the durations x_1..x_n (seconds) by maximum likelihood:
    /// <list type="bullet">
    /// <item><description>exponential: mean β̂ = x̄;</description></item>
    /// <item><description>log-normal: μ̂ = (1/n)Σ ln x_i, σ̂² = (1/n)Σ (ln x_i − μ̂)² (the MLE, divisor n); median = e^μ̂;</description></item>
    /// <item><description>Pareto type I: x̂_m = min x_i, α̂ = n / Σ ln(x_i / x̂_m). A Pareto fit with α̂ ≤ 1 has an
    /// infinite mean and cannot describe a noise source, so it is rejected as a candidate.</description></item>
    /// </list>
    /// Goodness of fit is the Kolmogorov–Smirnov statistic D = max_i max(F(x_(i)) − (i−1)/n, i/n − F(x_(i))) over the
    /// sorted sample. The chosen family is the admissible one with the smallest D: all three have two or fewer parameters and
    /// D compares them on the same scale (the largest CDF error, which is what the model's noise quantiles feel), whereas a
    /// likelihood comparison would be dominated by the bulk of short detours. With <paramref name="pValueResamples"/> &gt; 0,
    /// each admissible candidate also gets a parametric-bootstrap p-value: that many samples of size n are drawn from the
    /// fit, refitted, and p = (1 + #{D* ≥ D}) / (B + 1).
    /// The chosen family's parameters get percentile 95% intervals from <paramref name="resamples"/> nonparametric
    /// bootstrap resamples of the data, each refitted with the same family.
    /// </summary>
    /// <param name="samplesSeconds">Durations in seconds (n ≥ 3, finite, &gt; 0, not all equal).</param>
    /// <param name="seed">Seed of every bootstrap.</param>
    /// <param name="resamples">Resamples for the parameter intervals.</param>
    /// <param name="pValueResamples">Synthetic samples per candidate for the KS p-value (0: no p-values).</param>
    /// <exception cref="CalibrationException">Too few, non-finite, non-positive or all-equal durations.</exception>
    public static DurationFitResult Fit(IReadOnlyList<double> samplesSeconds, int seed, int resamples = 1000, int pValueResamples = 100)
    {
        ArgumentNullException.ThrowIfNull(samplesSeconds);
        Bootstrap.CheckResamples(resamples);
        ArgumentOutOfRangeException.ThrowIfNegative(pValueResamples);
        Bootstrap.CheckSample(samplesSeconds, "durations");
        for (var i = 0; i < samplesSeconds.Count; i++)
            if (samplesSeconds[i] <= 0)
                throw new CalibrationException(CalibrationFailure.OutOfDomain, $"durations: sample {i} is {Fmt(samplesSeconds[i])} s; durations must be > 0");
        var x = samplesSeconds.ToArray();
        Array.Sort(x);
        if (x[0] == x[^1])
            throw new CalibrationException(CalibrationFailure.DegenerateDesign, $"durations: all {x.Length} samples equal {Fmt(x[0])} s; no distribution can be fitted");

        var rng = Bootstrap.Rng(seed);
        var candidates = new List<DurationCandidate>();
        foreach (var family in Families)
        {
            var fit = FitFamily(family, x);
            var d = Ks(x, fit);
            var rejection = family == Pareto && fit.P2 <= 1
                ? $"alpha = {Fmt(fit.P2)} <= 1: infinite mean detour"
                : fit.Distribution is null ? $"the fitted parameters ({Fmt(fit.P1)}, {Fmt(fit.P2)}) describe no valid {family} distribution" : null;
            double? p = null;
            if (rejection is null && pValueResamples > 0) p = KsPValue(family, fit.Distribution!, x.Length, d, pValueResamples, rng);
            candidates.Add(new DurationCandidate(family, rejection is null ? fit.Distribution : null, d, p, fit.LogLikelihood, rejection));
        }
        var best = candidates.Where(c => c.Admissible).MinBy(c => c.KsStatistic)!;
        var estimates = Intervals(best, x, resamples, rng);
        return new DurationFitResult(candidates[0], candidates[1], candidates[2], best, estimates, x.Length);
    }

    private const string Exponential = "exponential", LogNormal = "lognormal", Pareto = "pareto";

    private static readonly ImmutableArray<string> Families = [Exponential, LogNormal, Pareto];

    /// <summary>
    /// One family's maximum-likelihood parameters: the mean (exponential), the median and σ (log-normal) or x_m and α
    /// (Pareto), in seconds where they are durations, with the maximised log-likelihood. <see cref="Distribution"/> is the
    /// Models' distribution when the parameters describe a valid one, else null (a Pareto α ≤ 1 has no finite mean and
    /// PerfModel.Noise.ParetoDuration refuses it); <see cref="Cdf"/> works either way, so the rejected candidate still
    /// gets its KS statistic.
    /// </summary>
    internal readonly record struct FamilyFit(string Family, double P1, double P2, double LogLikelihood)
    {
        public DurationDistribution? Distribution { get; } = Make(Family, P1, P2);

        /// <summary>F(x): the distribution's own CDF; for parameters it refuses, the same closed form evaluated here.</summary>
        public double Cdf(double seconds)
        {
            if (Distribution is not null) return Distribution.Cdf(seconds);
            return Family switch
            {
                Exponential => seconds <= 0 ? 0 : -Expm1(-seconds / P1),
                LogNormal => seconds <= 0 ? 0 : 0.5 * SpecialFunctions.Erfc(-((Math.Log(seconds) - Math.Log(P1)) / P2) / Math.Sqrt(2)),
                _ => seconds <= P1 ? 0 : -Expm1(P2 * Math.Log(P1 / seconds)),
            };
        }

        private static DurationDistribution? Make(string family, double p1, double p2)
        {
            if (!(p1 > 0) || !double.IsFinite(p1)) return null;
            return family switch
            {
                Exponential => new ExponentialDuration(TimeInterval.FromSeconds(p1)),
                LogNormal => p2 > 0 && double.IsFinite(p2) ? new LogNormalDuration(TimeInterval.FromSeconds(p1), p2) : null,
                _ => p2 > 1 && double.IsFinite(p2) ? new ParetoDuration(TimeInterval.FromSeconds(p1), p2) : null,
            };
        }

        /// <summary>e^x − 1 without cancellation near 0 (the form PerfModel.Noise uses for these CDFs).</summary>
        private static double Expm1(double x)
        {
            var u = Math.Exp(x);
            if (u == 1.0) return x;
            var um1 = u - 1.0;
            return um1 == -1.0 ? -1.0 : um1 * x / Math.Log(u);
        }
    }

    /// <summary>The MLE of one family on positive samples, with its maximised log-likelihood.</summary>
    internal static FamilyFit FitFamily(string family, IReadOnlyList<double> x)
    {
        var n = x.Count;
        double sum = 0, sumLog = 0, min = double.PositiveInfinity;
        for (var i = 0; i < n; i++)
        {
            sum += x[i];
            sumLog += Math.Log(x[i]);
            min = Math.Min(min, x[i]);
        }
        switch (family)
        {
            case Exponential:
            {
                var mean = sum / n;
                return new FamilyFit(family, mean, double.NaN, -n * Math.Log(mean) - n);
            }
            case LogNormal:
            {
                var mu = sumLog / n;
                var ss = 0.0;
                for (var i = 0; i < n; i++) ss += (Math.Log(x[i]) - mu) * (Math.Log(x[i]) - mu);
                var sigma = Math.Sqrt(ss / n);
                var ll = -sumLog - n * Math.Log(sigma) - 0.5 * n * Math.Log(2 * Math.PI) - 0.5 * n;
                return new FamilyFit(family, Math.Exp(mu), sigma, ll);
            }
            default:
            {
                var alpha = n / (sumLog - n * Math.Log(min));
                var ll = n * Math.Log(alpha) + n * alpha * Math.Log(min) - (alpha + 1) * sumLog;
                return new FamilyFit(family, min, alpha, ll);
            }
        }
    }

    /// <summary>KS statistic of ascending samples against a fitted family's CDF.</summary>
    internal static double Ks(double[] sorted, FamilyFit fit)
    {
        var n = sorted.Length;
        var d = 0.0;
        for (var i = 0; i < n; i++)
        {
            var f = fit.Cdf(sorted[i]);
            d = Math.Max(d, Math.Max(f - (double)i / n, (double)(i + 1) / n - f));
        }
        return d;
    }

    private static double KsPValue(string family, DurationDistribution fitted, int n, double d, int b, Random rng)
    {
        var sample = new double[n];
        var atLeast = 0;
        for (var k = 0; k < b; k++)
        {
            for (var i = 0; i < n; i++) sample[i] = fitted.Quantile(rng.NextDouble());
            Array.Sort(sample);
            if (sample[0] <= 0 || sample[0] == sample[^1]) { atLeast++; continue; }
            if (Ks(sample, FitFamily(family, sample)) >= d) atLeast++;
        }
        return (1.0 + atLeast) / (b + 1.0);
    }

    /// <summary>Nonparametric bootstrap of the chosen family's parameters, from running sums over resampled indices.</summary>
    private static ImmutableArray<ParameterEstimate> Intervals(DurationCandidate best, double[] x, int resamples, Random rng)
    {
        var n = x.Length;
        var logs = x.Select(v => Math.Log(v)).ToArray();
        var p1 = new double[resamples];
        var p2 = new double[resamples];
        for (var b = 0; b < resamples; b++)
        {
            double sum = 0, sumLog = 0, sumLog2 = 0, min = double.PositiveInfinity;
            for (var k = 0; k < n; k++)
            {
                var i = rng.Next(n);
                sum += x[i];
                sumLog += logs[i];
                sumLog2 += logs[i] * logs[i];
                if (x[i] < min) min = x[i];
            }
            switch (best.Distribution)
            {
                case ExponentialDuration:
                    p1[b] = sum / n;
                    break;
                case LogNormalDuration:
                    var mu = sumLog / n;
                    p1[b] = Math.Exp(mu);
                    p2[b] = Math.Sqrt(Math.Max(0, sumLog2 / n - mu * mu));
                    break;
                default:
                    p1[b] = min;
                    p2[b] = n / (sumLog - n * Math.Log(min));
                    break;
            }
        }
        var method = $"MLE {best.Family} (n={n}, KS D={best.KsStatistic.ToString("G3", CultureInfo.InvariantCulture)}"
            + (best.KsPValue is { } p ? $", KS p={p.ToString("G3", CultureInfo.InvariantCulture)}" : "") + $", bootstrap B={resamples})";
        // Named as the profile file names the parameters (PerfModel.Profiles.Schema.DurationSchema).
        var form = DurationSchema.Forms.First(f => f.Read(best.Distribution!) is not null);
        ParameterEstimate E(int parameter, double value, double[] reps, string unit)
        {
            var (lo, hi) = Bootstrap.Percentile95(reps);
            return new ParameterEstimate(form.Parameters[parameter].Json, value, lo, hi, unit, method);
        }
        return best.Distribution switch
        {
            ExponentialDuration e => [E(0, e.Mean.Seconds, p1, "s")],
            LogNormalDuration l => [E(0, l.Median.Seconds, p1, "s"), E(1, l.Sigma, p2, "1")],
            ParetoDuration q => [E(0, q.Scale.Seconds, p1, "s"), E(1, q.Alpha, p2, "1")],
            _ => throw new InvalidOperationException("unreachable"),
        };
    }

    private static string Fmt(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
