using PerfModel.Descriptions;
using PerfModel.Noise;

namespace PerfModel.Calibration.Noise;

/// <summary>
/// Reads fixed-work-quantum (FWQ) noise probes and turns them into a <see cref="NoiseProfile"/>.
/// </summary>
/// <remarks>
/// <para>Two CSV formats are read (cells are trimmed, blank lines skipped, numbers in invariant culture):</para>
/// <list type="bullet">
/// <item><description>Long format (e.g. <c>data/fwq/kvm-2core-fwq.csv</c> of the shared data): <c>#</c> comment line(s)
/// with <c>key=value</c> parameters, of which <c>samples_per_core</c> is required and <c>detour_threshold_ns</c> is
/// optional (default 5000); then the header <c>core,kind,index,value_ns</c>; then rows whose <c>kind</c> is a per-core
/// statistic (<c>min</c>, <c>mean</c>, <c>max</c> or a percentile <c>pNN</c>; index −1; <c>min</c> and <c>mean</c>
/// are required per core) or <c>detour</c> (index = the sample's 0-based position, below samples_per_core and not
/// repeated; value_ns = the sample's excess over the core's minimum, above the threshold).</description></item>
/// <item><description>Wide format: optional <c>#</c> comment lines before the header (<c>detour_threshold_ns=</c> is
/// honoured, default 5000 ns); a header naming one column per core (any distinct, non-numeric names, e.g. <c>core0,core1</c>); then one
/// row per sample, each cell the duration of that core's sample in ns (&gt; 0). The minimum, mean and the detours (samples
/// exceeding the minimum by more than the threshold, as their excess) are computed per column.</description></item>
/// </list>
/// <para>The header (the first line that is neither blank nor a comment) decides the format: a first column <c>core</c>
/// and second <c>kind</c> mean the long format. Comment lines after the header are skipped.</para>
/// <para>Every failure is a <see cref="ProfileValidationException"/> whose <see cref="ValidationError"/>s name the file,
/// a location (<c>$</c> for the whole file, <c>line 12</c>, <c>line 12, column value_ns</c>, or <c>core 0</c>) and the
/// rule; row errors are collected (at most 10) before throwing.</para>
/// <para><see cref="NoiseTraceFile.Load(string)"/> reads either this format or a LogGOPSim noise trace
/// (<see cref="LogGopsimTrace"/>), telling them apart by the first data line.</para>
/// </remarks>
public static class FwqTrace
{
    /// <summary>Detour threshold of the wide format when no <c># detour_threshold_ns=</c> line gives one.</summary>
    public const double DefaultDetourThresholdNs = 5000;

    /// <summary>Reads an FWQ trace in either format (see the remarks of <see cref="FwqTrace"/>).</summary>
    /// <exception cref="ProfileValidationException">The file is missing, unreadable, empty or malformed.</exception>
    public static FwqTraceData Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return FwqTraceReader.Read(path);
    }

    /// <summary>
    /// One noise source fitted to the trace: detours arrive on every core as a Poisson process whose rate is
    /// <see cref="FwqTraceData.MeanDetourRatePerSecond"/> (the mean of the per-core rates, detours / (samples × mean sample
    /// duration), i.e. per second of wall-clock time), and each takes a duration drawn from the pooled detour excesses
    /// <see cref="FwqTraceData.DetourExcessSeconds"/> (an <see cref="EmpiricalDuration"/> in seconds with equal weights). Not co-scheduled: each core's detours are taken as independent of the others'.
    /// </summary>
    /// <remarks>
    /// Assumptions: (1) detours are Poisson arrivals: independent, at a constant rate, one per noisy sample (two detours
    /// in one quantum count as one longer detour); (2) a sample's excess over its core's minimum is the detour's length,
    /// which overstates every detour by the ordinary jitter of undisturbed samples (up to the threshold; for the KVM
    /// trace the median sample is ~0.5 µs above the minimum); (3) detours shorter than the threshold are hidden among
    /// undisturbed samples, so the rate is a lower bound and the profile misses that share of the noise.
    /// A trace without any detour gives a profile with no sources.
    /// </remarks>
    /// <param name="data">A loaded trace with at least one core.</param>
    /// <param name="name">Name of the noise source.</param>
    /// <exception cref="ArgumentException">The trace has no cores, or a core without samples or a positive, finite mean.</exception>
    /// <exception cref="InvalidDescriptionException">The detours would take the whole core (rate × mean duration ≥ 1).</exception>
    public static NoiseProfile ToNoiseProfile(FwqTraceData data, string name = "trace")
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        data.CheckUsable(nameof(data));
        var rate = data.MeanDetourRatePerSecond;
        var excessSeconds = data.DetourExcessSeconds;
        if (excessSeconds.Length == 0) return NoiseProfile.None;
        var duration = new EmpiricalDuration(excessSeconds, Enumerable.Repeat(1.0, excessSeconds.Length));
        return new NoiseProfile([new NoiseSource(name, EventRate.FromPerSecond(rate), duration)], coScheduled: false);
    }
}
