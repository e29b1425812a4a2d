using PerfModel.Calibration.Synthesis;
using PerfModel.Descriptions;
using PerfModel.Profiles;
using PerfModel.Profiles.Files;
using PerfModel.Profiles.Json;
using PerfModel.Profiles.Schema;

namespace PerfModel.Tests.Calibration.Synthesis;

/// <summary>
/// Pooling per-host calibrations (CalibrationMerge; the CLI's <c>calibrate merge</c> is its front end): three hosts
/// written as &lt;host&gt;.platform.json / &lt;host&gt;.linux.json and loaded back, merged into medians with every host's
/// deviation, the 25% flag, the typical host's noise and the median provenance.
/// </summary>
public sealed class CalibrationMergeTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private static readonly Platform Template = Defaults.Platform();
    private static readonly OsProfile Linux = Defaults.Os("linux");

    /// <summary>One host's calibrated values: the kernel costs in seconds, the zeroing and DDR rates in B/s, and a factor on
    /// the rates of a Linux-like noise (250/s × 2.5 µs + 1/s × 50 µs = 0.0675% of a core).</summary>
    private sealed record HostValues(string Host, double Syscall, double SchedYield, double Fault4K, double Fault2M, double Zeroing, double Ddr, double NoiseScale);

    // Medians: syscall 3.0e-7, sched_yield 1.0e-6, fault_4k 2.0e-6, fault_2m 2.0e-5, zeroing 4e9, ddr 100e9, noise ×1.
    // Host c has a 5x slower syscall (+400%), host a's zeroing is exactly 25% below the median (not flagged: the rule is
    // "more than 25%"), host c's DDR is 26% above it (flagged), and the noise of a (×0.5) and c (×3) stands out.
    private static readonly HostValues[] Hosts =
    [
        new("a", 2.5e-7, 1.0e-6, 2.0e-6, 2.0e-5, 3e9, 100e9, 0.5),
        new("b", 3.0e-7, 1.1e-6, 2.2e-6, 1.9e-5, 4e9, 90e9, 1),
        new("c", 1.5e-6, 0.9e-6, 1.8e-6, 2.1e-5, 5e9, 126e9, 3),
    ];

    private static HostCalibration Calibrated(HostValues v)
    {
        var ddr = Template.MemoryTiers.IndexOf(Template.Ddr);
        var platform = Template with
        {
            Name = $"{v.Host} (calibrated 2026-12-01)",
            Kernel = Template.Kernel with
            {
                Syscall = TimeInterval.FromSeconds(v.Syscall), SchedYield = TimeInterval.FromSeconds(v.SchedYield),
                PageFault4K = TimeInterval.FromSeconds(v.Fault4K), PageFault2M = TimeInterval.FromSeconds(v.Fault2M),
                ZeroingBandwidthPerCore = Bandwidth.FromBytesPerSecond(v.Zeroing),
            },
            MemoryTiers = Template.MemoryTiers.SetItem(ddr, Template.Ddr with { Bandwidth = Bandwidth.FromBytesPerSecond(v.Ddr) }),
        };
        var os = Linux with { DisplayName = $"Linux ({v.Host})", Noise = TestProfiles.ScaleRates(TestProfiles.LinuxNoise, v.NoiseScale) };
        return new HostCalibration(v.Host, platform, os);
    }

    /// <summary>Writes the hosts as the calibrate command does (profile writer, atomic file) and returns the directory.</summary>
    private string Write(IEnumerable<HostValues> hosts)
    {
        foreach (var h in hosts.Select(Calibrated))
        {
            AtomicFile.WriteAllText(dir.Sub(h.Host + CalibrationMerge.PlatformSuffix), ProfileJsonWriter.Write(h.Platform));
            AtomicFile.WriteAllText(dir.Sub(h.Host + CalibrationMerge.LinuxSuffix), ProfileJsonWriter.Write(h.Os));
        }
        return dir.Path;
    }

    private static string PlatformPath(string propertyPath) => ProfileSchema.JsonPath(ProfileSchema.Platform, propertyPath);

    /// <summary>The pooled parameters by name, each with the platform field it pools.</summary>
    private static readonly Dictionary<string, string> PooledPaths = new()
    {
        ["syscall_s"] = PlatformPath($"{nameof(Platform.Kernel)}.{nameof(KernelCosts.Syscall)}"),
        ["sched_yield_s"] = PlatformPath($"{nameof(Platform.Kernel)}.{nameof(KernelCosts.SchedYield)}"),
        ["fault_4k_s"] = PlatformPath($"{nameof(Platform.Kernel)}.{nameof(KernelCosts.PageFault4K)}"),
        ["fault_2m_s"] = PlatformPath($"{nameof(Platform.Kernel)}.{nameof(KernelCosts.PageFault2M)}"),
        ["zeroing_Bps"] = PlatformPath($"{nameof(Platform.Kernel)}.{nameof(KernelCosts.ZeroingBandwidthPerCore)}"),
        ["ddr_Bps"] = PlatformPath($"{nameof(Platform.MemoryTiers)}[{Template.MemoryTiers.IndexOf(Template.Ddr)}].{nameof(MemoryTier.Bandwidth)}"),
    };

    [Fact]
    public void Load_reads_every_host_in_name_order_and_skips_the_merged_files()
    {
        var path = Write(Hosts.Reverse());
        // A previous merge's output is not a host.
        var merged = CalibrationMerge.Merge([.. Hosts.Select(Calibrated)]);
        AtomicFile.WriteAllText(dir.Sub(CalibrationMerge.MergedName + CalibrationMerge.PlatformSuffix), ProfileJsonWriter.Write(merged.Platform));
        AtomicFile.WriteAllText(dir.Sub(CalibrationMerge.MergedName + CalibrationMerge.LinuxSuffix), ProfileJsonWriter.Write(merged.Os));

        var hosts = CalibrationMerge.Load(path);
        Assert.Equal(["a", "b", "c"], hosts.Select(h => h.Host));
        foreach (var (loaded, written) in hosts.Zip(Hosts.Select(Calibrated)))
        {
            Assert.Empty(ProfilePaths.Differences(written.Platform, loaded.Platform));
            Assert.Empty(ProfilePaths.Differences(written.Os, loaded.Os));
        }
    }

    [Fact]
    public void Merge_pools_the_medians_and_flags_the_hosts_that_deviate_by_more_than_25_percent()
    {
        var m = CalibrationMerge.Merge(CalibrationMerge.Load(Write(Hosts)));
        var names = CalibrationMerge.Parameters.Select(p => p.Name).ToArray();
        Assert.Equal(["syscall_s", "sched_yield_s", "fault_4k_s", "fault_2m_s", "zeroing_Bps", "ddr_Bps", CalibrationMerge.NoiseFraction], names);
        Assert.Equal(0.25, CalibrationMerge.OutlierThreshold);

        var noiseFraction = TestProfiles.LinuxNoise.Fraction;
        double[] medians = [3.0e-7, 1.0e-6, 2.0e-6, 2.0e-5, 4e9, 100e9, noiseFraction];
        for (var i = 0; i < medians.Length; i++) Assert.Equal(medians[i], m.Medians[i], medians[i] * 1e-12);

        Assert.Equal(["a", "b", "c"], m.Hosts.Select(h => h.Host));
        foreach (var (row, values) in m.Hosts.Zip(Hosts))
        {
            Assert.Equal(names, row.Values.Select(v => v.Parameter));
            double[] raw = [values.Syscall, values.SchedYield, values.Fault4K, values.Fault2M, values.Zeroing, values.Ddr, noiseFraction * values.NoiseScale];
            for (var i = 0; i < raw.Length; i++)
            {
                Assert.Equal(raw[i], row.Values[i].Value, raw[i] * 1e-12);
                Assert.Equal(m.Medians[i], row.Values[i].Median);
                Assert.Equal((raw[i] - medians[i]) / medians[i], row.Values[i].Deviation, 1e-9);
            }
        }
        // Deviations by hand: c's syscall (1.5e-6 − 3e-7) / 3e-7 = +4; a's zeroing (3e9 − 4e9) / 4e9 = −0.25 exactly.
        Assert.Equal(4, m.Hosts[2].Values[0].Deviation, 1e-12);
        Assert.Equal(-0.25, m.Hosts[0].Values[4].Deviation);
        Assert.False(m.Hosts[0].Values[4].StandsOut);
        Assert.Equal(0.26, m.Hosts[2].Values[5].Deviation, 1e-12);
        Assert.True(m.Hosts[2].Values[5].StandsOut);

        Assert.Equal([CalibrationMerge.NoiseFraction], m.Hosts[0].Flagged.AsEnumerable());
        Assert.Empty(m.Hosts[1].Flagged);
        Assert.Equal(["syscall_s", "ddr_Bps", CalibrationMerge.NoiseFraction], m.Hosts[2].Flagged.AsEnumerable());
    }

    [Fact]
    public void The_merged_platform_is_the_first_host_with_the_medians_credited_to_all_hosts()
    {
        var hosts = CalibrationMerge.Load(Write(Hosts));
        var m = CalibrationMerge.Merge(hosts);
        var first = hosts[0].Platform;
        Assert.Equal("merged calibration of 3 hosts", m.Platform.Name);
        Assert.Equal(3.0e-7, m.Platform.Kernel.Syscall.Seconds, 1e-20);
        Assert.Equal(1.0e-6, m.Platform.Kernel.SchedYield.Seconds, 1e-20);
        Assert.Equal(2.0e-6, m.Platform.Kernel.PageFault4K.Seconds, 1e-20);
        Assert.Equal(2.0e-5, m.Platform.Kernel.PageFault2M.Seconds, 1e-20);
        Assert.Equal(4e9, m.Platform.Kernel.ZeroingBandwidthPerCore.BytesPerSecond);
        Assert.Equal(100e9, m.Platform.Ddr.Bandwidth.BytesPerSecond);

        // Every pooled parameter names its field, and only those fields (and the name) differ from the first host.
        var pooled = CalibrationMerge.Parameters.Where(p => p.Pooled).ToArray();
        Assert.Equal(PooledPaths.Keys, pooled.Select(p => p.Name));
        Assert.All(pooled, p => Assert.Equal(PooledPaths[p.Name], p.JsonPath(m.Platform)));
        Assert.Null(CalibrationMerge.Parameters.Single(p => p.Name == CalibrationMerge.NoiseFraction).JsonPath(m.Platform));
        var nameOnly = ProfilePaths.Differences(first, m.Platform).Select(d => d.Path).Where(p => !PooledPaths.ContainsValue(p));
        Assert.Equal([PlatformPath(nameof(Platform.Name))], nameOnly);

        // Provenance by name: each pooled field is credited to the median of the three hosts; the rest keeps host a's sources.
        const string why = "measured: median of 3 hosts (a, b, c)";
        foreach (var p in pooled) Assert.Equal(why, ProfilePaths.SourceOf(m.Platform, p.JsonPath(m.Platform)!));
        foreach (var v in ProfilePaths.Values(m.Platform).Where(v => v.HasProvenance && !PooledPaths.ContainsValue(v.Path)))
            Assert.Equal(ProfilePaths.SourceOf(first, v.Path), ProfilePaths.SourceOf(m.Platform, v.Path));

        // The merged file credits the medians too.
        var written = ProfileJson.ParsePlatform(ProfileJsonWriter.Write(m.Platform), "merged.platform.json");
        foreach (var path in PooledPaths.Values) Assert.Equal(why, ProfilePaths.SourceOf(written, path));
    }

    [Fact]
    public void The_merged_os_is_the_typical_host_with_the_median_noise()
    {
        var hosts = CalibrationMerge.Load(Write(Hosts));
        var m = CalibrationMerge.Merge(hosts);
        Assert.Equal("b", m.Typical.Host);
        Assert.Equal(hosts[1], m.Typical);
        Assert.Equal(hosts[1].Os with { DisplayName = "Linux (noise of b, the median of 3 hosts)" }, m.Os);
        Assert.Equal(TestProfiles.LinuxNoise.Fraction, m.Os.Noise.Fraction, 1e-15);

        // With an even count the lower middle host is typical: noise ×0.5, ×1, ×3, ×2 → the ×1 host.
        var four = CalibrationMerge.Merge([.. hosts, Calibrated(new HostValues("d", 3e-7, 1e-6, 2e-6, 2e-5, 4e9, 100e9, 2))]);
        Assert.Equal("b", four.Typical.Host);
        Assert.Equal("Linux (noise of b, the median of 4 hosts)", four.Os.DisplayName);
        Assert.Equal("measured: median of 4 hosts (a, b, c, d)", ProfilePaths.SourceOf(four.Platform, PooledPaths["syscall_s"]));
    }

    [Fact]
    public void One_host_is_its_own_median()
    {
        var a = Calibrated(Hosts[0]);
        var m = CalibrationMerge.Merge([a]);
        Assert.All(m.Hosts.Single().Values, v => Assert.Equal(0, v.Deviation));
        Assert.Empty(m.Hosts.Single().Flagged);
        Assert.Equal(a, m.Typical);
        Assert.Equal([PlatformPath(nameof(Platform.Name))], ProfilePaths.Differences(a.Platform, m.Platform).Select(d => d.Path));
        Assert.Equal("measured: median of 1 hosts (a)", ProfilePaths.SourceOf(m.Platform, PooledPaths["ddr_Bps"]));
    }

    [Fact]
    public void Merge_needs_a_host() => Assert.Throws<ArgumentException>(() => CalibrationMerge.Merge([]));

    [Fact]
    public void Load_errors_name_the_directory_or_the_file()
    {
        var missing = dir.Sub("no-such-dir");
        var e = Assert.Throws<IOException>(() => CalibrationMerge.Load(missing));
        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);

        var empty = Assert.Throws<IOException>(() => CalibrationMerge.Load(dir.Path));
        Assert.Contains("no <host>.platform.json files", empty.Message, StringComparison.Ordinal);

        // Only merged files: still no host.
        AtomicFile.WriteAllText(dir.Sub(CalibrationMerge.MergedName + CalibrationMerge.PlatformSuffix), ProfileJsonWriter.Write(Template));
        Assert.Contains("no <host>.platform.json files", Assert.Throws<IOException>(() => CalibrationMerge.Load(dir.Path)).Message, StringComparison.Ordinal);

        // A platform file without its Linux file.
        AtomicFile.WriteAllText(dir.Sub("x" + CalibrationMerge.PlatformSuffix), ProfileJsonWriter.Write(Template));
        var lonely = Assert.Throws<ProfileValidationException>(() => CalibrationMerge.Load(dir.Path));
        Assert.Equal(new ValidationError(dir.Sub("x" + CalibrationMerge.LinuxSuffix), "$", "file not found"), Assert.Single(lonely.Errors));

        // An invalid profile names its file.
        AtomicFile.WriteAllText(dir.Sub("x" + CalibrationMerge.LinuxSuffix), "{ not json");
        var invalid = Assert.Throws<ProfileValidationException>(() => CalibrationMerge.Load(dir.Path));
        Assert.All(invalid.Errors, error => Assert.Equal(dir.Sub("x" + CalibrationMerge.LinuxSuffix), error.File));
    }
}
