using System.Collections.Immutable;
using System.Globalization;
using PerfModel.Calibration.Fitting;
using PerfModel.Descriptions;
using PerfModel.Noise;

namespace PerfModel.Calibration.Published;

/// <summary>
/// The per-core noise classes from the osjitter figures (<see cref="PercentileTable"/> of data/measured/
/// osjitter_figures.csv; docs/sources.md#os-noise-osjitter), every source fitted by <see cref="DetourProcessFit"/> with
/// the CPUs of a group pooled (their quantiles fitted together as one distribution; <see cref="DetourProcessFit.Fit"/>).
/// Durations are the Atom C3758's; no rescaling to another core happens here (see <see cref="OsNoiseDerivation"/>).
/// </summary>
public static class NoiseClassFit
{
    /// <summary>Configuration of classes (a) and (c): <c>nohz_full</c> on the isolated CPUs.</summary>
    public const string NohzFullConfig = "A_nohzfull_isol_default";

    /// <summary>Configuration of class (b): <c>nohz=off</c>, a periodic tick on every CPU.</summary>
    public const string TickConfig = "E_isolcpus_nohz_off_periodic_tick";

    /// <summary>Configuration of the quietest isolated CPUs: <c>nohz_full</c>, IRQs and kernel threads moved off, latency
    /// profile.</summary>
    public const string QuietestConfig = "D_nohzfull_plus_latency_tuned_profile";

    /// <summary>
    /// The periodic tick, per second: 1,000 (the kernel's HZ). The counts agree: configurations E and F count 60,061-60,062
    /// interruptions per isolated CPU in 60 s, 1,001/s, and a housekeeping CPU of A 60,192-60,320, 1,003-1,005/s.
    /// </summary>
    public const double TickRatePerSecond = 1000;

    /// <summary>
    /// Where a housekeeping core's daemon tail starts: above its p99. From p90 to p99 the housekeeping quantiles of A rise
    /// 1.2-1.6x (4.2-6.0 us to 6.3-7.9 us); from p99 to p99.9 by 1.5-61x (to 11.5-443 us) and the maxima reach 0.6-9.4 ms.
    /// </summary>
    public const string DaemonSplit = "p99";

    /// <summary>
    /// Fits the four classes.
    /// <list type="number">
    /// <item><description>(a) <see cref="NoiseClasses.IsolatedNohzFull"/>: the isolated CPUs of
    /// <see cref="NohzFullConfig"/> as one Poisson source.</description></item>
    /// <item><description>(b) <see cref="NoiseClasses.IsolatedTick"/>: the isolated CPUs of <see cref="TickConfig"/>. A
    /// periodic source of <see cref="TickRatePerSecond"/> whose durations are the fit to all their quantiles, bounded by
    /// the largest published max (a periodic detour must end before the next; <c>DurationDiscretisation.Bounded</c>: 16
    /// probability bins, tail-refined); the interruptions beyond one per tick, (N − 1000·T)/T, are a Poisson source with
    /// class (a)'s durations (the non-tick interruptions of an isolated core, measured without a tick there; here they are
    /// 0.1 % of the events, too few to be told apart in the published quantiles, which are all fitted as the tick's).</description></item>
    /// <item><description>(c) <see cref="NoiseClasses.Housekeeping"/>: the housekeeping CPUs of
    /// <see cref="NohzFullConfig"/>, which count 1,003-1,005/s: not tick-free. Each CPU is split at its
    /// <see cref="DaemonSplit"/> (the rank r_s of its order statistic): the r_s shorter detours (the points up to p99)
    /// are fitted as the tick's durations, a periodic source of <see cref="TickRatePerSecond"/> bounded by the largest
    /// split value; the n − r_s longer ones (p99.9 and max, at ranks re-counted above r_s, with the mean
    /// (sum − r_s·E[tick]) / (n − r_s) where that exceeds the split value — a longer detour cannot average less — and no
    /// mean otherwise: the difference of two near sums is then noise) are fitted as a Poisson daemon source of rate
    /// Σ(n − r_s)/ΣT, the Pareto candidate with x_m fixed at the smallest split value (peaks over a threshold). This thins one event
    /// stream into two (exact for Poisson arrivals); the tick then counts 1,000/s where its share of the events is
    /// 0.99·λ ≈ 994/s, 0.6 % more short detours than measured.</description></item>
    /// <item><description><see cref="NoiseClasses.QuietestIsolated"/>: the isolated CPUs of <see cref="QuietestConfig"/>
    /// as one Poisson source.</description></item>
    /// </list>
    /// Seeds: the fits take <paramref name="seed"/>, seed + 1, … in the order (a), (b), (c) tick, (c) daemons, quietest.
    /// </summary>
    /// <param name="table">The osjitter figures.</param>
    /// <param name="seed">Seed of the first bootstrap.</param>
    /// <param name="resamples">Bootstrap replicates per fit.</param>
    /// <exception cref="CalibrationException">The table lacks the rows of a class, or they hold no interruption.</exception>
    public static NoiseClasses Fit(PercentileTable table, int seed, int resamples = 200)
    {
        ArgumentNullException.ThrowIfNull(table);
        var nohzIsolated = Rows(table, NohzFullConfig, isolated: true);
        var fitA = DetourProcessFit.Fit(Summaries(nohzIsolated), seed, resamples);
        var sourceA = Source(new NoiseSource("residual interrupts, isolated nohz_full core", EventRate.FromPerSecond(fitA.RatePerSecond), fitA.Duration),
            fitA, Where(table, nohzIsolated));
        var classA = new NoiseClass("isolated nohz_full core", $"{Where(table, nohzIsolated)}: one Poisson source, {fitA}", [sourceA], [fitA]);

        var classB = TickClass(table, Rows(table, TickConfig, isolated: true), fitA, seed + 1, resamples);
        var classC = HousekeepingClass(table, Rows(table, NohzFullConfig, isolated: false), seed + 2, resamples);

        var quietRows = Rows(table, QuietestConfig, isolated: true);
        var fitD = DetourProcessFit.Fit(Summaries(quietRows), seed + 4, resamples);
        var sourceD = Source(new NoiseSource("residual interrupts, best-isolated core", EventRate.FromPerSecond(fitD.RatePerSecond), fitD.Duration),
            fitD, Where(table, quietRows));
        var classD = new NoiseClass("quietest isolated core", $"{Where(table, quietRows)}: one Poisson source, {fitD}", [sourceD], [fitD]);
        return new NoiseClasses(classA, classB, classC, classD);
    }

    private static NoiseClass TickClass(PercentileTable table, ImmutableArray<PercentileRow> rows, DetourFitResult fitA, int seed, int resamples)
    {
        var fit = DetourProcessFit.Fit(Summaries(rows), seed, resamples);
        var where = Where(table, rows);
        var bound = rows.Max(r => r.MaxSeconds);
        var tickDuration = DurationDiscretisation.Bounded(fit.Duration, bound);
        var tick = Periodic("timer tick", tickDuration, fit, where, bound);
        var residualCount = fit.Count - TickRatePerSecond * fit.RunSeconds;
        var sources = ImmutableArray.Create(tick);
        if (residualCount > 0)
        {
            var (lo, hi) = DetourProcessFit.Garwood(residualCount);
            var rate = new ParameterEstimate("ratePerSecond", residualCount / fit.RunSeconds, lo / fit.RunSeconds, hi / fit.RunSeconds, "1/s",
                $"{Num(fit.Count)} interruptions in {Num(fit.RunSeconds)} core-s less one per tick ({Num(TickRatePerSecond)}/s): {Num(residualCount)}; exact Poisson (Garwood) 95% interval");
            var durations = fitA.Estimates.Skip(1).Where(e => e.Name != "meanDurationSeconds")
                .Select(e => e with { Method = $"durations of the isolated nohz_full class: {e.Method}" });
            var residual = new NoiseSource("non-tick interrupts, isolated core", EventRate.FromPerSecond(rate.Value), fitA.Duration);
            sources = sources.Add(new FittedNoiseSource(residual, [.. Provenance([rate, .. durations], where)]));
        }
        return new NoiseClass("isolated core with a 1 kHz tick",
            $"{where}: a periodic tick of {Num(TickRatePerSecond)}/s with the durations {fit.Chosen} bounded by the largest max {Num(bound * 1e6)} us, "
            + $"plus {Num(Math.Max(0, residualCount))} further interruptions as a Poisson source with the isolated nohz_full durations", sources, [fit]);
    }

    private static NoiseClass HousekeepingClass(PercentileTable table, ImmutableArray<PercentileRow> rows, int seed, int resamples)
    {
        var where = Where(table, rows);
        var summaries = Summaries(rows);
        var splits = summaries.Select(s => s.Point(DaemonSplit)
            ?? throw new CalibrationException(CalibrationFailure.TooFewSamples, $"{s.Label}: no {DaemonSplit} point to split the daemon tail at")).ToArray();
        if (summaries.Zip(splits).Any(p => p.Second.HighRank >= p.First.Count))
            throw new CalibrationException(CalibrationFailure.TooFewSamples, $"{where}: too few interruptions for a tail above {DaemonSplit}");
        var bodyFit = DetourProcessFit.Fit(summaries.Select((s, i) => s.Body(splits[i])).ToArray(), seed, resamples);
        var bound = splits.Max(s => s.Seconds);
        var tickDuration = DurationDiscretisation.Bounded(bodyFit.Duration, bound);
        var tails = summaries.Select((s, i) =>
        {
            var tailSum = s.SumSeconds - splits[i].HighRank * tickDuration.MeanSeconds;
            return s.Tail(splits[i], tailSum > (s.Count - splits[i].HighRank) * splits[i].Seconds ? tailSum : null);
        }).ToArray();
        var threshold = splits.Min(s => s.Seconds);
        var tailFit = DetourProcessFit.Fit(tails, seed + 1, resamples, paretoScaleSeconds: threshold);
        var tick = Periodic("timer tick and short kernel work, housekeeping core", tickDuration, bodyFit, where + $", detours up to {DaemonSplit}", bound);
        var daemons = Source(new NoiseSource("kernel threads and daemons, housekeeping core", EventRate.FromPerSecond(tailFit.RatePerSecond), tailFit.Duration),
            tailFit, where + $", detours above {DaemonSplit}");
        return new NoiseClass("housekeeping core",
            $"{where}: split at each CPU's {DaemonSplit}; a periodic tick of {Num(TickRatePerSecond)}/s with the durations {bodyFit.Chosen} bounded by {Num(bound * 1e6)} us, "
            + $"and a Poisson daemon source {tailFit}", [tick, daemons], [bodyFit, tailFit]);
    }

    /// <summary>A periodic tick source: rate <see cref="TickRatePerSecond"/>, a bounded duration; the duration's estimate is
    /// its mean, with the fit's interval of the mean scaled by the bounded/continuous mean ratio.</summary>
    private static FittedNoiseSource Periodic(string name, DurationDistribution duration, DetourFitResult fit, string where, double bound)
    {
        var source = new NoiseSource(name, EventRate.FromPerSecond(TickRatePerSecond), duration, NoiseArrival.Periodic);
        var rate = new ParameterEstimate("ratePerSecond", TickRatePerSecond, TickRatePerSecond, TickRatePerSecond, "1/s",
            $"the kernel's timer tick, HZ = {Num(TickRatePerSecond)} ({Num(fit.RatePerSecond)} interruptions/s counted)");
        var mean = fit.Estimate("meanDurationSeconds")!;
        var ratio = duration.MeanSeconds / fit.Duration.MeanSeconds;
        var histogram = new ParameterEstimate("duration", duration.MeanSeconds, mean.Lower95 * ratio, mean.Upper95 * ratio, "s",
            $"{fit.Duration.ToSpec()} ({fit.Method}) as a 16-bin histogram bounded by the largest published value {Num(bound * 1e6)} us; value = its mean duration");
        return new FittedNoiseSource(source, [.. Provenance([rate, histogram, .. fit.Estimates.Skip(1).Where(e => e.Name != "meanDurationSeconds")
            .Select(e => e with { Name = "fit." + e.Name })], where)]);
    }

    private static FittedNoiseSource Source(NoiseSource source, DetourFitResult fit, string where) =>
        new(source, [.. Provenance(fit.Estimates.Where(e => e.Name != "meanDurationSeconds"), where)]);

    /// <summary>Sets each estimate's provenance text: "&lt;file&gt;: &lt;rows&gt;; &lt;method&gt;; 95% CI [lo, hi] unit".</summary>
    private static IEnumerable<ParameterEstimate> Provenance(IEnumerable<ParameterEstimate> estimates, string where) =>
        estimates.Select(e => e with
        {
            Provenance = string.Create(CultureInfo.InvariantCulture, $"{where}; {e.Method}; 95% CI [{e.Lower95:G4}, {e.Upper95:G4}] {e.Unit}"),
        });

    private static ImmutableArray<PercentileRow> Rows(PercentileTable table, string config, bool isolated)
    {
        var rows = table.Select(config, isolated);
        return rows.IsEmpty
            ? throw new CalibrationException(CalibrationFailure.TooFewSamples, $"{table.File}: no {(isolated ? "isolated" : "housekeeping")} rows of configuration {config}")
            : rows;
    }

    private static DetourSummary[] Summaries(ImmutableArray<PercentileRow> rows) => [.. rows.Select(r => r.ToDetourSummary())];

    /// <summary>"&lt;file&gt;: osjitter &lt;config&gt;, isolated CPUs 5,6,7 (438 interruptions in 180 core-s)".</summary>
    private static string Where(PercentileTable table, ImmutableArray<PercentileRow> rows) => string.Create(CultureInfo.InvariantCulture,
        $"{table.File}: osjitter {rows[0].Config}, {(rows[0].Isolated ? "isolated" : "housekeeping")} CPUs {string.Join(",", rows.Select(r => r.Cpu))} "
        + $"({rows.Sum(r => (long)r.Interruptions)} interruptions in {rows.Sum(r => r.RunSeconds):G6} core-s)");

    private static string Num(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
