using System.Collections.Immutable;
using System.Globalization;
using MathNet.Numerics.Distributions;
using PerfModel.Calibration.Noise;
using PerfModel.Descriptions;
using PerfModel.Profiles.Schema;

namespace PerfModel.Calibration.Fitting;

/// <summary>Parametric noise profiles from fixed-work-quantum traces.</summary>
public static class NoiseFit
{
    /// <summary>
    /// One noise source fitted to the trace. Rate λ = <see cref="FwqTraceData.MeanDetourRatePerSecond"/> = (1/K) Σ_k N_k / T_k,
    /// the mean over the K cores of detours N_k per second of wall-clock time T_k = samples × mean sample (the rate of
    /// <see cref="FwqTrace.ToNoiseProfile"/>).
    /// Its 95% interval is a parametric bootstrap of the Poisson counts: each replicate draws N*_k ~ Poisson(N_k) per core
    /// and recomputes λ (the trace keeps no detour times, so a block bootstrap over time is not possible, and two cores
    /// are too few to resample cores). The duration is the best of <see cref="DurationFit.Fit"/> on the pooled detour
    /// excesses in seconds (<see cref="FwqTraceData.DetourExcessSeconds"/>). These excesses are left-truncated at the trace's detour threshold (shorter detours are
    /// invisible), which favours families with a lower bound (Pareto, whose x_m is the smallest excess); the rate is
    /// likewise a lower bound. A trace without any detour gives <see cref="NoiseProfile.None"/> with a zero rate.
    /// </summary>
    /// <exception cref="ArgumentException">The trace has no cores or a core without samples or a positive, finite mean.</exception>
    /// <exception cref="CalibrationException">Fewer than 3 detours in all, or durations that cannot be fitted.</exception>
    /// <exception cref="InvalidDescriptionException">The fitted source would take the whole core (rate × mean duration ≥ 1).</exception>
    public static NoiseFitResult FromTrace(FwqTraceData trace, int seed, string name = "fwq", int resamples = 1000, int pValueResamples = 100)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Bootstrap.CheckResamples(resamples);
        trace.CheckUsable(nameof(trace));
        var cores = trace.Cores;

        var rate = trace.MeanDetourRatePerSecond;
        var rng = Bootstrap.Rng(seed);
        var reps = new double[resamples];
        for (var b = 0; b < resamples; b++)
        {
            var sum = 0.0;
            foreach (var c in cores) sum += (c.Detours == 0 ? 0 : Poisson.Sample(rng, c.Detours)) / c.ElapsedSeconds;
            reps[b] = sum / cores.Length;
        }
        var (lo, hi) = Bootstrap.Percentile95(reps);
        var detours = cores.Sum(c => c.Detours);
        var rateEstimate = new ParameterEstimate(RateName, rate, lo, hi, "1/s",
            $"mean per-core detour rate ({cores.Length} cores, {detours} detours > {trace.DetourThresholdNs.ToString("G6", CultureInfo.InvariantCulture)} ns), Poisson parametric bootstrap B={resamples}");
        if (detours == 0) return new NoiseFitResult(NoiseProfile.None, null, [rateEstimate]);

        var fit = DurationFit.Fit(trace.DetourExcessSeconds, seed + 1, resamples, pValueResamples);
        var profile = new NoiseProfile([new NoiseSource(name, EventRate.FromPerSecond(rate), fit.Chosen)], coScheduled: false);
        return new NoiseFitResult(profile, fit, [rateEstimate, .. fit.Estimates]);
    }

    /// <summary>Name of the rate estimate: the noise source's rate field as the profile file names it.</summary>
    private static string RateName => ProfileSchema.NoiseSource.ByProperty(nameof(NoiseSource.Rate))!.Json;
}
