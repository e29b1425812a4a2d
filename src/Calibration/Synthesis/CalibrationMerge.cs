using System.Collections.Immutable;
using PerfModel.Descriptions;
using PerfModel.Profiles.Files;
using PerfModel.Profiles.Schema;
using Statistics = MathNet.Numerics.Statistics.Statistics;

namespace PerfModel.Calibration.Synthesis;

/// <summary>
/// Pools per-host calibrations (DIR/&lt;host&gt;.platform.json + DIR/&lt;host&gt;.linux.json, as <c>perfmodel calibrate</c>
/// writes them on every node) into one platform and one Linux OS profile: each kernel cost and bandwidth is the median
/// over the hosts; the noise is that of the host with the median noise fraction (a typical node, not an average of detour
/// processes). Every host's values come with their deviation from the median, and a host that deviates by more than
/// <see cref="OutlierThreshold"/> in a parameter is flagged for it (a noisy or slow node stands out). Pure apart from
/// <see cref="Load"/>: writing the merged files is the caller's (e.g. with <see cref="AtomicFile"/>).
/// </summary>
public static class CalibrationMerge
{
    /// <summary>A host stands out in a parameter when it deviates from the median by more than this fraction (25%).</summary>
    public const double OutlierThreshold = 0.25;

    /// <summary>The name stem of the merged files (merged.platform.json, merged.linux.json), which <see cref="Load"/> skips.</summary>
    public const string MergedName = "merged";

    /// <summary>Suffix of a host's platform file.</summary>
    public const string PlatformSuffix = ".platform.json";

    /// <summary>Suffix of a host's Linux OS file.</summary>
    public const string LinuxSuffix = ".linux.json";

    /// <summary>Name of the noise-fraction parameter: the fraction of a core's time the host's Linux noise takes; the host
    /// with its median is the typical one.</summary>
    public const string NoiseFraction = "noise_fraction";

    /// <summary>The parameters compared across hosts, in column order: the kernel costs, the zeroing rate and the DDR
    /// bandwidth (pooled as medians) and the noise fraction (compared only).</summary>
    public static ImmutableArray<MergeParameter> Parameters { get; } =
    [
        Kernel("syscall_s", nameof(KernelCosts.Syscall), k => k.Syscall.Seconds, (k, v) => k with { Syscall = TimeInterval.FromSeconds(v) }),
        Kernel("sched_yield_s", nameof(KernelCosts.SchedYield), k => k.SchedYield.Seconds, (k, v) => k with { SchedYield = TimeInterval.FromSeconds(v) }),
        Kernel("fault_4k_s", nameof(KernelCosts.PageFault4K), k => k.PageFault4K.Seconds, (k, v) => k with { PageFault4K = TimeInterval.FromSeconds(v) }),
        Kernel("fault_2m_s", nameof(KernelCosts.PageFault2M), k => k.PageFault2M.Seconds, (k, v) => k with { PageFault2M = TimeInterval.FromSeconds(v) }),
        Kernel("zeroing_Bps", nameof(KernelCosts.ZeroingBandwidthPerCore), k => k.ZeroingBandwidthPerCore.BytesPerSecond,
            (k, v) => k with { ZeroingBandwidthPerCore = Bandwidth.FromBytesPerSecond(v) }),
        new("ddr_Bps", p => $"{nameof(Platform.MemoryTiers)}[{DdrIndex(p)}].{nameof(MemoryTier.Bandwidth)}", (p, _) => p.Ddr.Bandwidth.BytesPerSecond,
            (p, v) => p with { MemoryTiers = p.MemoryTiers.SetItem(DdrIndex(p), p.Ddr with { Bandwidth = Bandwidth.FromBytesPerSecond(v) }) }),
        new(NoiseFraction, null, (_, o) => o.Noise.Fraction, null),
    ];

    /// <summary>
    /// Merges the hosts: the medians of <see cref="Parameters"/>, the first host's platform with the pooled ones set to
    /// their medians (provenance "measured: median of N hosts (a, b, c)" at each pooled field's JSON path, recorded for the
    /// median so that the profile writer credits it), the typical host's OS, and one row per host.
    /// </summary>
    /// <param name="hosts">At least one host, in the order the rows should have (<see cref="Load"/> sorts by host name).</param>
    /// <exception cref="ArgumentException">No hosts.</exception>
    /// <exception cref="ProfileValidationException">A median breaks a platform rule (the error names the JSON path).</exception>
    public static MergedCalibration Merge(IReadOnlyList<HostCalibration> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        if (hosts.Count == 0) throw new ArgumentException("there are no host calibrations to merge", nameof(hosts));
        var medians = Parameters.Select(p => Statistics.Median(hosts.Select(h => p.Get(h.Platform, h.Os)))).ToImmutableArray();
        var rows = hosts.Select(h => new MergedHost(h.Host,
            [.. Parameters.Select((p, i) => new ParameterDeviation(p.Name, p.Get(h.Platform, h.Os), medians[i]))])).ToImmutableArray();

        var baseHost = hosts[0];
        var why = $"measured: median of {hosts.Count} hosts ({string.Join(", ", hosts.Select(h => h.Host))})";
        var platform = baseHost.Platform with { Name = $"merged calibration of {hosts.Count} hosts" };
        var pooled = new List<string>();
        for (var i = 0; i < Parameters.Length; i++)
        {
            var parameter = Parameters[i];
            if (!parameter.Pooled) continue;
            var path = parameter.JsonPath(platform)!;
            try
            {
                platform = parameter.Set!(platform, medians[i]);
            }
            catch (InvalidDescriptionException e)
            {
                throw new ProfileValidationException([new ValidationError(platform.Name, path, e.Message)]);
            }
            pooled.Add(path);
        }
        var provenance = platform.Provenance;
        foreach (var path in pooled) provenance = provenance.With(path, why, ProfilePaths.At(platform, path)!.Value);
        platform = platform with { Provenance = provenance };

        var noise = Parameters.First(p => p.Name == NoiseFraction);
        var typical = hosts.OrderBy(h => noise.Get(h.Platform, h.Os)).ElementAt((hosts.Count - 1) / 2);
        var os = typical.Os with { DisplayName = $"Linux (noise of {typical.Host}, the median of {hosts.Count} hosts)" };
        return new MergedCalibration(platform, os, medians, rows, typical);
    }

    /// <summary>
    /// The host calibrations in <paramref name="directory"/>: every &lt;host&gt;.platform.json (except merged.platform.json),
    /// in ordinal order of the file names, with its &lt;host&gt;.linux.json, read with <see cref="ProfileFiles"/>.
    /// </summary>
    /// <exception cref="IOException">The directory does not exist, or holds no &lt;host&gt;.platform.json file.</exception>
    /// <exception cref="ProfileValidationException">A profile file is missing (a platform file without its Linux file),
    /// unreadable or invalid; the error names the file.</exception>
    public static ImmutableArray<HostCalibration> Load(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory)) throw new IOException($"calibrate merge: directory {directory} does not exist");
        var hosts = Directory.GetFiles(directory, "*" + PlatformSuffix).Order(StringComparer.Ordinal)
            .Select(f => Path.GetFileName(f)[..^PlatformSuffix.Length])
            .Where(h => h != MergedName)
            .Select(h => new HostCalibration(h, ProfileFiles.LoadPlatform(Path.Combine(directory, h + PlatformSuffix)),
                ProfileFiles.LoadOs(Path.Combine(directory, h + LinuxSuffix))))
            .ToImmutableArray();
        if (hosts.Length == 0)
            throw new IOException($"calibrate merge: no <host>.platform.json files in {directory}; run 'perfmodel calibrate --out {directory}' on each node first");
        return hosts;
    }

    private static int DdrIndex(Platform p) => p.MemoryTiers.IndexOf(p.Ddr);

    private static MergeParameter Kernel(string name, string property, Func<KernelCosts, double> get, Func<KernelCosts, double, KernelCosts> set) =>
        new(name, _ => $"{nameof(Platform.Kernel)}.{property}", (p, _) => get(p.Kernel), (p, v) => p with { Kernel = set(p.Kernel, v) });
}
