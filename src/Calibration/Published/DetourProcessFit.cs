using System.Collections.Immutable;
using System.Globalization;
using PerfModel.Calibration.Fitting;
using PerfModel.Noise;
using PerfModel.Profiles.Schema;

namespace PerfModel.Calibration.Published;

/// <summary>
/// Quantile matching of a per-core detour process to published summary statistics (<see cref="DetourSummary"/>): counts,
/// run times, sums and a few quantiles per core, no individual detours.
/// </summary>
public static class DetourProcessFit
{
    /// <summary>
    /// Fits one detour process to the cores of <paramref name="cores"/> together (the quantiles of all cores are pooled as
    /// observations of one distribution; the cores' differences remain in the residuals, see
    /// <see cref="DetourFitCandidate.Errors"/>).
    /// <list type="bullet">
    /// <item><description>Rate λ = Σ n_c / Σ T_c, with the exact (Garwood) Poisson 95% interval
    /// [χ²(0.025; 2N)/2, χ²(0.975; 2N + 2)/2] / ΣT (F. Garwood, Biometrika 28, 1936, doi:10.2307/2334134).</description></item>
    /// <item><description>Durations: each published quantile is the order statistic(s) it was computed from
    /// (<see cref="OrderStatistic"/>), placed at the expected value of that order statistic on the family's linearising
    /// scale (Blom's normal scores for the log-normal, exact exponential scores for the Pareto; <c>LogQuantileFit</c>).
    /// The maximum is kept as the order statistic of rank n — near the 1 − 1/(n + 1) quantile, but at the expected
    /// position of a maximum rather than that level, which would bias the tail — because the tail is what noise
    /// amplification at scale feels most. Log-normal and Pareto are fitted by least squares on the log quantiles with the
    /// log mean sum/n of every core that publishes a sum as a further equation of equal weight
    /// (S = Σ (ln x_j − ln Q_j)² + Σ (ln m_c − ln E[D])²), and the family with the smaller root mean square log residual
    /// √(S/K) is chosen (log-normal on a tie). When every published quantile is the same value the durations are that
    /// fixed value.</description></item>
    /// <item><description>95% intervals of the duration parameters by parametric bootstrap: <paramref name="resamples"/>
    /// times, every core's n detours are drawn from the chosen fit (its published order statistics and sum, exactly or by
    /// the central limit theorem in the bulk: <c>OrderStatisticSampler</c>), the same quantiles are taken and the same
    /// family is refitted; the interval is the 2.5th to 97.5th percentile of the replicates. A fixed duration's interval is
    /// the value itself.</description></item>
    /// </list>
    /// </summary>
    /// <param name="cores">Summaries of the cores fitted together (at least one detour in all).</param>
    /// <param name="seed">Seed of the bootstrap (<c>Bootstrap.Rng</c>).</param>
    /// <param name="resamples">Bootstrap replicates (≥ 1).</param>
    /// <param name="paretoScaleSeconds">When given, the Pareto candidate's x_m is this threshold and only α is fitted: a
    /// peaks-over-threshold fit of detours known to exceed it (above a threshold the excesses tend to a generalized Pareto
    /// law, of which type I with x_m at the threshold is the heavy-tailed case; J. Pickands, Annals of Statistics 3(1),
    /// 1975, doi:10.1214/aos/1176343003). Its interval is the value itself.</param>
    /// <exception cref="CalibrationException">No detour at all (TooFewSamples).</exception>
    public static DetourFitResult Fit(IReadOnlyList<DetourSummary> cores, int seed, int resamples = 200, double? paretoScaleSeconds = null)
    {
        if (paretoScaleSeconds is { } threshold && !(double.IsFinite(threshold) && threshold > 0))
            throw new ArgumentOutOfRangeException(nameof(paretoScaleSeconds), threshold, "a Pareto scale must be finite and > 0");
        var fixedLocation = paretoScaleSeconds is { } t ? Math.Log(t) : (double?)null;
        ArgumentNullException.ThrowIfNull(cores);
        Bootstrap.CheckResamples(resamples);
        if (cores.Count == 0) throw new ArgumentException("no core summary to fit", nameof(cores));
        foreach (var c in cores) ArgumentNullException.ThrowIfNull(c, nameof(cores));
        var count = cores.Sum(c => (long)c.Count);
        var run = cores.Sum(c => c.RunSeconds);
        var labels = cores.Select(c => c.Label).ToImmutableArray();
        if (count == 0)
            throw new CalibrationException(CalibrationFailure.TooFewSamples, $"{string.Join(", ", labels)}: no detour in {Fmt(run)} core-seconds; no duration can be fitted");
        if (count > int.MaxValue) throw new CalibrationException(CalibrationFailure.OutOfDomain, string.Create(CultureInfo.InvariantCulture, $"{count} detours: more than this fit counts"));
        var used = cores.Where(c => c.Count > 0).ToArray();
        var data = Observations(used, used.Select(c => c.Points.Select(p => p.Seconds).ToArray()).ToArray(), used.Select(c => c.MeanSeconds).ToArray());
        var allValues = used.SelectMany(c => c.Points).Select(p => p.Seconds).ToArray();

        ImmutableArray<DetourFitCandidate> candidates;
        DetourFitCandidate chosen;
        var fits = new Dictionary<string, LogQuantileFit.Result>();
        if (allValues.Max() <= allValues.Min() * (1 + 1e-12))
        {
            var fixedDuration = new FixedDuration(TimeInterval.FromSeconds(allValues[0]));
            chosen = Candidate(LogQuantileFit.Fixed, fixedDuration, used, data);
            candidates = [chosen];
        }
        else
        {
            var list = new List<DetourFitCandidate>();
            foreach (var family in new[] { LogQuantileFit.LogNormal, LogQuantileFit.Pareto })
            {
                var r = LogQuantileFit.Fit(family, data, family == LogQuantileFit.Pareto ? fixedLocation : null);
                if (LogQuantileFit.Distribution(family, r, family == LogQuantileFit.Pareto ? paretoScaleSeconds : null) is not { } d) continue;
                fits[family] = r;
                list.Add(Candidate(family, d, used, data));
            }
            if (list.Count == 0) throw new CalibrationException(CalibrationFailure.OutOfDomain, $"{string.Join(", ", labels)}: neither family gives a valid distribution");
            candidates = [.. list];
            chosen = list.MinBy(c => c.RmsLogError)!;
        }

        var estimates = Estimates(chosen, used, cores.Count, (int)count, run, seed, resamples, candidates,
            chosen.Family == LogQuantileFit.Pareto ? fixedLocation : null, out var method);
        return new DetourFitResult(labels, (int)count, run, chosen, candidates, estimates, method);
    }

    /// <summary>The least-squares observations of the cores with the given point values and means.</summary>
    private static LogQuantileFit.Data Observations(DetourSummary[] cores, double[][] values, double?[] means)
    {
        var points = new List<OrderStatistic>();
        var counts = new List<int>();
        var y = new List<double>();
        var m = new List<double>();
        for (var c = 0; c < cores.Length; c++)
        {
            for (var j = 0; j < cores[c].Points.Length; j++)
            {
                points.Add(cores[c].Points[j]);
                counts.Add(cores[c].Count);
                y.Add(Math.Log(values[c][j]));
            }
            if (means[c] is { } mean && mean > 0) m.Add(Math.Log(mean));
        }
        return new LogQuantileFit.Data([.. points], [.. counts], [.. y], [.. m]);
    }

    private static DetourFitCandidate Candidate(string family, DurationDistribution d, DetourSummary[] cores, LogQuantileFit.Data data)
    {
        var errors = ImmutableArray.CreateBuilder<QuantileError>();
        var s = 0.0;
        foreach (var c in cores)
        {
            foreach (var p in c.Points)
            {
                double level, fitted;
                if (family == LogQuantileFit.Fixed)
                    (level, fitted) = (p.PlottingPosition(c.Count), d.MeanSeconds);
                else
                {
                    var position = LogQuantileFit.Position(family, p, c.Count);
                    (level, fitted) = (LogQuantileFit.Level(family, position), LogQuantileFit.QuantileAt(family, d, position));
                }
                errors.Add(new QuantileError(c.Label, p.Label, level, p.Seconds, fitted));
                s += Math.Pow(Math.Log(p.Seconds / fitted), 2);
            }
            if (c.MeanSeconds is { } mean && mean > 0)
            {
                errors.Add(new QuantileError(c.Label, "mean", null, mean, d.MeanSeconds));
                s += Math.Pow(Math.Log(mean / d.MeanSeconds), 2);
            }
        }
        return new DetourFitCandidate(family, d, Math.Sqrt(s / data.Equations), errors.ToImmutable());
    }

    private static ImmutableArray<ParameterEstimate> Estimates(DetourFitCandidate chosen, DetourSummary[] cores, int coreCount, int count, double run, int seed,
        int resamples, ImmutableArray<DetourFitCandidate> candidates, double? fixedLocation, out string method)
    {
        var (rateLo, rateHi) = Garwood(count);
        var rate = new ParameterEstimate("ratePerSecond", count / run, rateLo / run, rateHi / run, "1/s",
            string.Create(CultureInfo.InvariantCulture, $"{count} detours in {Fmt(run)} core-s over {coreCount} core(s); exact Poisson (Garwood) 95% interval"));
        var form = DurationSchema.Forms.First(f => f.Read(chosen.Duration) is not null);
        var parameters = form.Read(chosen.Duration)!;
        var quantiles = cores.Sum(c => c.Points.Length);
        var means = cores.Count(c => c.MeanSeconds is > 0);
        var others = string.Join("; ", candidates.Where(c => c != chosen).Select(c => $"{c.Family} {Fmt(c.RmsLogError)}"));
        method = chosen.Family == LogQuantileFit.Fixed
            ? string.Create(CultureInfo.InvariantCulture, $"all {quantiles} published quantiles equal: fixed duration")
            : string.Create(CultureInfo.InvariantCulture, $"quantile matching: least squares on ln of {quantiles} published quantiles (each at its order statistic's expected position, max as rank n) and ln of {means} mean(s) sum/n; ")
              + (fixedLocation is { } l ? $"Pareto scale fixed at the threshold {Fmt(Math.Exp(l) * 1e6)} us; " : "")
              + $"{chosen.Family} chosen by RMS ln error {Fmt(chosen.RmsLogError)}" + (others.Length > 0 ? $" ({others})" : "")
              + string.Create(CultureInfo.InvariantCulture, $"; parametric bootstrap B={resamples}, seed {seed}");
        var reps = new double[parameters.Length + 1][];
        for (var k = 0; k < reps.Length; k++) reps[k] = new double[chosen.Family == LogQuantileFit.Fixed ? 1 : resamples];
        if (chosen.Family == LogQuantileFit.Fixed)
        {
            reps[0][0] = parameters[0];
            reps[1][0] = chosen.Duration.MeanSeconds;
        }
        else
        {
            var rng = Bootstrap.Rng(seed);
            for (var b = 0; b < resamples; b++)
            {
                var draws = cores.Select(c => OrderStatisticSampler.Draw(c, chosen.Duration, rng)).ToArray();
                var data = Observations(cores, draws.Select(d => d.Values).ToArray(),
                    cores.Select((c, i) => draws[i].Sum is { } sum && c.Count > 0 ? sum / c.Count : (double?)null).ToArray());
                var r = LogQuantileFit.Fit(chosen.Family, data, fixedLocation);
                var scale = fixedLocation is not null ? parameters[0] : Math.Exp(r.Location);
                var shape = chosen.Family == LogQuantileFit.LogNormal ? r.Shape : 1 / r.Shape;
                reps[0][b] = scale;
                reps[1][b] = shape;
                reps[2][b] = chosen.Family == LogQuantileFit.LogNormal ? scale * Math.Exp(r.Shape * r.Shape / 2) : scale / (1 - r.Shape);
            }
        }
        var list = ImmutableArray.CreateBuilder<ParameterEstimate>();
        list.Add(rate);
        for (var k = 0; k < parameters.Length; k++)
        {
            var (lo, hi) = Bootstrap.Percentile95(reps[k]);
            var (json, _) = form.Parameters[k];
            var name = form.Name == LogQuantileFit.Fixed ? DurationSchema.FixedField : $"{DurationSchema.DistributionField}.{json}";
            list.Add(new ParameterEstimate(name, parameters[k], lo, hi, json.EndsWith("Seconds", StringComparison.Ordinal) || json == "seconds" ? "s" : "1", method));
        }
        var (meanLo, meanHi) = Bootstrap.Percentile95(reps[^1]);
        list.Add(new ParameterEstimate("meanDurationSeconds", chosen.Duration.MeanSeconds, meanLo, meanHi, "s", method + " (reported only)"));
        return list.ToImmutable();
    }

    /// <summary>Exact Poisson 95% interval of a count: [Γ⁻¹(0.025; N), Γ⁻¹(0.975; N + 1)] (0 below for N = 0).</summary>
    internal static (double Lower, double Upper) Garwood(double count) =>
        (count <= 0 ? 0 : MathNet.Numerics.Distributions.Gamma.InvCDF(count, 1, 0.025), MathNet.Numerics.Distributions.Gamma.InvCDF(count + 1, 1, 0.975));

    private static string Fmt(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
