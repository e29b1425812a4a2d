using System.Collections.Immutable;
using PerfModel.Calibration.Calibrators;
using PerfModel.Calibration.Fitting;
using PerfModel.Calibration.Measurements;
using PerfModel.Calibration.Noise;
using PerfModel.Descriptions;
using PerfModel.Profiles.Schema;
using PerfModel.Validation;

namespace PerfModel.Calibration.Synthesis;

/// <summary>Builds a platform and a Linux OS profile for the host the micro-benchmarks ran on.</summary>
public static class CalibratedProfiles
{
    /// <summary>A fault cost is floored at this fraction of the measured per-page time (see <see cref="PageFaultCalibrator"/>).</summary>
    public const double FaultFloorFraction = PageFaultCalibrator.FaultFloorFraction;

    /// <summary>The calibrators <see cref="Build"/> runs, in order: syscall, bandwidth, page faults (which need the measured
    /// zeroing rate), TLB, noise.</summary>
    public static ImmutableArray<ICalibrator> Calibrators { get; } =
        [new SyscallCalibrator(), new BandwidthCalibrator(), new PageFaultCalibrator(), new TlbCalibrator(), new NoiseCalibrator()];

    /// <summary>
    /// Replaces the template's parameters with those the benchmark results measure and keeps everything else, with the
    /// template's provenance, by running <see cref="Calibrators"/> one after the other, each on the profiles, estimates and
    /// seed the previous one left:
    /// <list type="bullet">
    /// <item><description><see cref="SyscallCalibrator"/>: kernel.syscallSeconds = median of syscall/getppid;
    /// kernel.schedYieldSeconds = median of syscall/sched_yield (y in a time unit, converted to seconds).</description></item>
    /// <item><description><see cref="BandwidthCalibrator"/>: kernel.zeroingBytesPerSecondPerCore = median of
    /// bandwidth/triad-1-thread; the DDR tier's bandwidthBytesPerSecond = median of bandwidth/triad-N-threads, the series
    /// with the largest N ≥ 2 (y in a bandwidth unit).</description></item>
    /// <item><description><see cref="PageFaultCalibrator"/>: kernel.pageFault4KSeconds = b₄ₖ − 4096 / Z, where b₄ₖ is the
    /// OLS slope of faults/touch-4k (time per page touched) and Z the zeroing rate (measured above, else the template's);
    /// likewise pageFault2MSeconds from faults/touch-2m when present; floored at <see cref="FaultFloorFraction"/> × slope,
    /// with a note, when zeroing explains (almost) all of the slope.</description></item>
    /// <item><description><see cref="TlbCalibrator"/>: the 4 KiB TLB entries of both levels and the two penalties from
    /// tlb/chase-4k; tlb/chase-2m is reported only.</description></item>
    /// <item><description><see cref="NoiseCalibrator"/>: the OS noise = <see cref="NoiseFit.FromTrace"/> of the fwq result's
    /// trace: series core&lt;k&gt; hold one core's sample durations; per core the minimum, mean and detours (samples
    /// exceeding the minimum by more than <see cref="FwqTrace.DefaultDetourThresholdNs"/> ns, as their excess).</description></item>
    /// </list>
    /// A benchmark, or series, that is missing or skipped, or whose fit fails (<see cref="CalibrationException"/>), leaves
    /// the template value, and the notes say so. Measured values get the provenance
    /// "measured: &lt;host&gt; &lt;date&gt;, &lt;benchmark&gt;/&lt;series&gt;, &lt;method&gt;, 95% CI [lo, hi] &lt;unit&gt;"
    /// (<see cref="Credit(Platform, IEnumerable{ParameterEstimate})"/>). The platform is named
    /// "&lt;host&gt; (calibrated &lt;date&gt;)"; the OS is "linux", displayed "Linux (&lt;host&gt;)". Every bootstrap takes
    /// the next seed from <paramref name="seed"/> on, so the result is reproducible.
    /// </summary>
    /// <param name="template">The platform whose unmeasured parameters are kept (e.g. PerfModel.Profiles.Defaults.Platform()).</param>
    /// <param name="linuxTemplate">The Linux OS profile whose unmeasured parameters are kept.</param>
    /// <param name="results">The host's benchmark results.</param>
    /// <param name="host">Host name.</param>
    /// <param name="date">Date of the measurement.</param>
    /// <param name="seed">Seed of the first bootstrap.</param>
    /// <exception cref="ProfileValidationException">The calibrated profiles break a profile rule. (Noise that would take the whole core
    /// is not an error: the template's noise is kept and a note says why.)</exception>
    public static CalibratedProfileSet Build(Platform template, OsProfile linuxTemplate, IReadOnlyList<BenchmarkResult> results,
        string host, string date, int seed)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(linuxTemplate);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentException.ThrowIfNullOrWhiteSpace(date);
        var input = new CalibrationInput(template, linuxTemplate, results, host, date, seed, []);
        var notes = ImmutableArray.CreateBuilder<string>();
        foreach (var calibrator in Calibrators)
        {
            var step = calibrator.Calibrate(input);
            notes.AddRange(step.Notes);
            input = input with { Platform = step.Platform, Os = step.Os, Seed = step.NextSeed, Estimates = input.Estimates.AddRange(step.Estimates) };
        }
        var platform = input.Platform with { Name = $"{host} (calibrated {date})" };
        var linux = input.Os with { Name = PaperTargets.Linux, DisplayName = $"Linux ({host})" };
        return new CalibratedProfileSet(Credit(platform, input.Estimates), Credit(linux, input.Estimates), input.Estimates, notes.ToImmutable());
    }

    /// <summary>
    /// The platform with the provenance of every platform field an estimate set replaced by the estimate's
    /// <see cref="ParameterEstimate.Provenance"/>, recorded for the value now at that path, so that the profile writer
    /// credits the measurement (and a later change in code is still told apart as a what-if).
    /// </summary>
    public static Platform Credit(Platform platform, IEnumerable<ParameterEstimate> estimates)
    {
        ArgumentNullException.ThrowIfNull(platform);
        return platform with { Provenance = Credit(platform, platform.Provenance, ProfileKind.Platform, estimates) };
    }

    /// <summary>The OS profile with the provenance of every OS field an estimate set replaced (see
    /// <see cref="Credit(Platform, IEnumerable{ParameterEstimate})"/>).</summary>
    public static OsProfile Credit(OsProfile os, IEnumerable<ParameterEstimate> estimates)
    {
        ArgumentNullException.ThrowIfNull(os);
        return os with { Provenance = Credit(os, os.Provenance, ProfileKind.Os, estimates) };
    }

    private static Provenance Credit(object profile, Provenance provenance, ProfileKind kind, IEnumerable<ParameterEstimate> estimates)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        foreach (var e in estimates)
        {
            if (e.Profile != kind || e.JsonPath is null || e.Provenance is null) continue;
            var value = ProfilePaths.At(profile, e.JsonPath)
                ?? throw new ArgumentException($"estimate '{e.Name}' sets {e.JsonPath}, which the {kind} profile does not have", nameof(estimates));
            provenance = provenance.With(e.JsonPath, e.Provenance, value.Value);
        }
        return provenance;
    }
}
