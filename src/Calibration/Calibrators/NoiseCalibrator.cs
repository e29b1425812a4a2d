using PerfModel.Calibration.Benchmarks;
using PerfModel.Calibration.Fitting;
using PerfModel.Calibration.Noise;
using PerfModel.Descriptions;
using PerfModel.Profiles.Schema;

namespace PerfModel.Calibration.Calibrators;

/// <summary>
/// The Linux OS noise from the fwq benchmark: the result becomes a trace with <see cref="FwqBenchmark.ToFwqTraceData"/>
/// (series core&lt;k&gt; hold one core's sample durations; per core the minimum, mean and detours, i.e. samples exceeding
/// the minimum by more than <see cref="FwqTrace.DefaultDetourThresholdNs"/> ns, as their excess), and the noise is
/// <see cref="NoiseFit.FromTrace"/> of that trace: one source named "measured detours (&lt;host&gt;)" whose rate is the
/// mean per-core detour rate and whose duration is the best-fitting distribution of the detour excesses. The input's
/// noise sources are replaced as a whole (with their provenance); a trace without any detour gives an OS without noise.
/// </summary>
public sealed class NoiseCalibrator : ICalibrator
{
    /// <inheritdoc />
    public string Id => "noise";

    /// <inheritdoc />
    public string Benchmark => "fwq";

    /// <inheritdoc />
    public CalibrationStep Calibrate(CalibrationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var step = new StepBuilder(input);
        var noisePath = StepBuilder.OsPath(nameof(OsProfile.Noise));
        var parameter = StepBuilder.NameOf(noisePath);
        var result = input.Result(Benchmark);
        if (result is null) { step.Keep(parameter, $"no '{Benchmark}' result"); return step.Step(); }
        if (result.Skipped) { step.Keep(parameter, $"'{Benchmark}' was skipped: {result.SkipReason}"); return step.Step(); }
        var coreSeries = FwqBenchmark.CoreSeries(result);
        if (coreSeries.Length == 0) { step.Keep(parameter, $"'{Benchmark}' has no series core<k>"); return step.Step(); }
        try
        {
            var trace = FwqBenchmark.ToFwqTraceData(result);
            NoiseFitResult fit;
            try
            {
                fit = NoiseFit.FromTrace(trace, step.NextSeed(), $"measured detours ({input.Host})");
            }
            catch (InvalidDescriptionException e)
            {
                // A machine busy with other work (or a trace with a tail too heavy for the fit) gives detours that would take
                // the whole core: no noise profile can say that, so the template's noise is kept and the note says why.
                step.Keep(parameter, $"the noise fitted to the fwq trace breaks a rule of {noisePath} ({e.Message}); the machine was probably too busy to measure its own noise: calibrate it idle");
                return step.Step();
            }
            step.SetOs(noisePath, os => os with { Noise = fit.Profile, Provenance = os.Provenance.Without(noisePath + ".") });
            var seriesLabel = string.Join(",", coreSeries.Select(s => s.Name));
            var source = StepBuilder.OsPath($"{nameof(OsProfile.Noise)}.{nameof(NoiseProfile.Sources)}[0]");
            var rate = StepBuilder.OsPath($"{nameof(OsProfile.Noise)}.{nameof(NoiseProfile.Sources)}[0].{nameof(NoiseSource.Rate)}");
            var written = fit.Profile.Sources.Length > 0;
            for (var i = 0; i < fit.Estimates.Length; i++)
            {
                // The rate comes first, then the duration's parameters, named as the profile file names them.
                var path = i == 0 ? rate : $"{source}.{DurationSchema.DistributionField}.{fit.Estimates[i].Name}";
                var named = fit.Estimates[i] with { Name = StepBuilder.NameOf(path) };
                step.Add(written
                    ? StepBuilder.Sets(named, ProfileKind.Os, path) with { Provenance = step.Provenance(Benchmark, seriesLabel, named) }
                    : named);
            }
            if (!written) step.Note($"{parameter}: the fwq trace has no detour above the threshold; the calibrated OS has no noise source");
        }
        catch (CalibrationException ex)
        {
            step.Keep(parameter, $"{Benchmark} could not be fitted ({ex.Reason}): {ex.Message}");
        }
        return step.Step();
    }
}
