using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using PerfModel.Calibration.Measurements;
using PerfModel.Calibration.Synthesis;
using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Profiles;
using PerfModel.Profiles.Json;
using PerfModel.Profiles.Schema;

namespace PerfModel.Tests.Calibration.Synthesis;

/// <summary>CalibratedProfiles.Build on benchmark results with known numbers, and the written profiles it makes.</summary>
public sealed class SynthesisTests
{
    private static Platform DefaultPlatform() => Defaults.Platform();

    private static OsProfile DefaultOs(string name) => Defaults.Os(name);

    private static string PlatformPath(string propertyPath) => ProfileSchema.JsonPath(ProfileSchema.Platform, propertyPath);

    private static string OsPath(string propertyPath) => ProfileSchema.JsonPath(ProfileSchema.Os, propertyPath);

    private static string KernelPath(string property) => PlatformPath($"{nameof(Platform.Kernel)}.{property}");

    /// <summary>The JSON path of the DDR tier's bandwidth in <paramref name="p"/>.</summary>
    private static string DdrBandwidthPath(Platform p) =>
        PlatformPath($"{nameof(Platform.MemoryTiers)}[{p.MemoryTiers.IndexOf(p.Ddr)}].{nameof(MemoryTier.Bandwidth)}");

    /// <summary>The JSON path of a parameter of the duration distribution of noise source <paramref name="source"/>.</summary>
    private static string DurationParameterPath(int source, string parameter) =>
        $"{OsPath($"{nameof(OsProfile.Noise)}.{nameof(NoiseProfile.Sources)}[{source}]")}.{DurationSchema.DistributionField}.{parameter}";

    /// <summary>An estimate's name: its JSON path without the leading "$.".</summary>
    private static string NameOf(string jsonPath) => jsonPath[2..];

    [Fact]
    public void PlatformRoundTripsFieldByField()
    {
        var p = DefaultPlatform();
        var back = ProfileJson.ParsePlatform(ProfileJsonWriter.Write(p), "written");
        AssertPlatformEqual(p, back);
    }

    [Theory]
    [InlineData("linux")]
    [InlineData("mckernel")]
    [InlineData("mos")]
    public void OsRoundTripsFieldByField(string name)
    {
        var os = DefaultOs(name);
        var back = ProfileJson.ParseOs(ProfileJsonWriter.Write(os), "written");
        AssertOsEqual(os, back);
    }

    [Fact]
    public void DistributionsRoundTrip()
    {
        var os = DefaultOs("linux");
        var noise = new NoiseProfile([
            TestProfiles.Source("e", 1, new ExponentialDuration(TimeInterval.FromSeconds(2e-6))),
            TestProfiles.Source("l", 2, new LogNormalDuration(TimeInterval.FromSeconds(3e-6), 0.7)),
            TestProfiles.Source("p", 3, new ParetoDuration(TimeInterval.FromSeconds(5e-6), 2.5)),
            TestProfiles.Source("m", 4, new EmpiricalDuration([1e-6, 4e-6], [0.5, 0.5])),
        ], coScheduled: true);
        var withDist = os with
        {
            Noise = noise,
            Provenance = os.Provenance.With(DurationParameterPath(1, "sigma"), "estimate: a guess", 0.7),
        };
        var text = ProfileJsonWriter.Write(withDist);
        Assert.Contains("\"estimate\": \"a guess\"", text);
        AssertOsEqual(withDist with { Provenance = Provenance.Empty }, ProfileJson.ParseOs(text, "written") with { Provenance = Provenance.Empty });
    }

    private static void AssertPlatformEqual(Platform a, Platform b)
    {
        Assert.Equal(a.Name, b.Name);
        Assert.Equal(a.CoresPerNode, b.CoresPerNode);
        Assert.Equal(a.AppCoresPerNode, b.AppCoresPerNode);
        Assert.Equal(a.OsCoresPerNode, b.OsCoresPerNode);
        Assert.Equal(a.ClockFrequency, b.ClockFrequency);
        Assert.Equal(a.MemoryTiers.AsEnumerable(), b.MemoryTiers.AsEnumerable());
        Assert.Equal(a.Tlb.AsEnumerable(), b.Tlb.AsEnumerable());
        Assert.Equal(a.TlbL2Hit, b.TlbL2Hit);
        Assert.Equal(a.PageWalkCached, b.PageWalkCached);
        Assert.Equal(a.PageWalkMemory, b.PageWalkMemory);
        Assert.Equal(a.CachePerCore, b.CachePerCore);
        Assert.Equal(a.Kernel, b.Kernel);
        Assert.Equal(a.Network, b.Network);
        Assert.Equal(a.MachineNodes, b.MachineNodes);
        AssertSameSources(a, b);
        Assert.Equal(a, b);
    }

    private static void AssertOsEqual(OsProfile a, OsProfile b)
    {
        Assert.Equal(a.Name, b.Name);
        Assert.Equal(a.DisplayName, b.DisplayName);
        Assert.Equal(a.IsLightweightKernel, b.IsLightweightKernel);
        Assert.Equal(a.Noise.CoScheduled, b.Noise.CoScheduled);
        Assert.Equal(a.Noise.Sources.AsEnumerable(), b.Noise.Sources.AsEnumerable());
        Assert.Equal(a.Brk, b.Brk);
        Assert.Equal(a.Pages, b.Pages);
        Assert.Equal(a.Placement, b.Placement);
        Assert.Equal(a.Syscalls, b.Syscalls);
        AssertSameSources(a, b);
        Assert.Equal(a, b);
    }

    /// <summary>Both profiles credit every value to the same source (the recorded provenance, resolved per path).</summary>
    private static void AssertSameSources(object a, object b)
    {
        Assert.Equal(ProfilePaths.Values(a).Select(v => v.Path), ProfilePaths.Values(b).Select(v => v.Path));
        Assert.Equal(ProfilePaths.Values(a).Select(v => (v.Path, ProfilePaths.SourceOf(a, v.Path))),
            ProfilePaths.Values(b).Select(v => (v.Path, ProfilePaths.SourceOf(b, v.Path))));
    }

    private static Series S(string name, string xUnit, string yUnit, IEnumerable<double> x, IEnumerable<double> y) => new(name, xUnit, yUnit, [.. x], [.. y]);

    private static Series Reps(string name, string yUnit, params double[] y) => S(name, "rep", yUnit, y.Select((_, i) => (double)i), y);

    private static BenchmarkResult Result(string bench, params Series[] series) => new(bench, "testhost", [.. series], [], null);

    private static BenchmarkResult Skipped(string bench, string why) => new(bench, "testhost", [], [], why);

    /// <summary>Known numbers: getppid median 300 ns, sched_yield median 1.2 µs, one-thread triad 10 GB/s, 4-thread triad
    /// 40 GB/s, and a 4 KiB touch line of slope 3e-6 s/page = 2.5904e-6 s handling + 4096 B / 10 GB/s zeroing (4.096e-7 s).</summary>
    private static List<BenchmarkResult> KnownResults()
    {
        var pages = Enumerable.Range(1, 20).Select(i => i * 1000.0).ToArray();
        var rng = new Xoshiro256StarStar(77);
        return
        [
            Result("syscall", Reps("getppid", "ns", 290, 300, 310, 305, 295, 300, 900), Reps("sched_yield", "us", 1.1, 1.2, 1.3, 1.2, 1.25)),
            Result("bandwidth", Reps("triad-1-thread", "GB/s", 9.9, 10, 10.1, 10, 10.05),
                Reps("triad-2-threads", "GB/s", 20, 20, 20), Reps("triad-4-threads", "GB/s", 39, 40, 41, 40)),
            Result("faults", S("touch-4k", "pages", "s", pages, pages.Select(x => 3e-6 * x + 1e-4 + Normal.Sample(rng, 0, 1e-6)))),
            Skipped("fwq", "cannot pin threads"),
        ];
    }

    [Fact]
    public void BuildPutsMeasuredValuesWithProvenance()
    {
        var platform = DefaultPlatform();
        var linux = DefaultOs("linux");
        var (p, os, estimates) = CalibratedProfiles.Build(platform, linux, KnownResults(), "testhost", "2026-12-01", seed: 5);

        Assert.Equal("testhost (calibrated 2026-12-01)", p.Name);
        Assert.Equal("linux", os.Name);
        Assert.Equal("Linux (testhost)", os.DisplayName);
        Assert.Equal(300e-9, p.Kernel.Syscall.Seconds, 15);
        Assert.Equal(1.2e-6, p.Kernel.SchedYield.Seconds, 15);
        Assert.Equal(10e9, p.Kernel.ZeroingBandwidthPerCore.BytesPerSecond, 3);
        Assert.Equal(40e9, p.Ddr.Bandwidth.BytesPerSecond, 3);
        // slope 3e-6 ± ~1e-10 (noise 1 µs over 20 points spread 19,000 pages) minus 4.096e-7 s zeroing: 1% tolerance.
        Assert.InRange(p.Kernel.PageFault4K.Seconds, 2.5904e-6 * 0.99, 2.5904e-6 * 1.01);

        var syscallPath = KernelPath(nameof(KernelCosts.Syscall));
        var prov = ProfilePaths.SourceOf(p, syscallPath);
        Assert.StartsWith("measured: testhost 2026-12-01, syscall/getppid, median", prov);
        Assert.Contains("95% CI [", prov);
        Assert.EndsWith("] s", prov);
        Assert.StartsWith("measured: testhost 2026-12-01, faults/touch-4k, OLS slope", ProfilePaths.SourceOf(p, KernelPath(nameof(KernelCosts.PageFault4K))));
        Assert.StartsWith("measured: testhost 2026-12-01, bandwidth/triad-4-threads, median", ProfilePaths.SourceOf(p, DdrBandwidthPath(p)));

        // Untouched values and their provenance come from the template.
        var fault2M = KernelPath(nameof(KernelCosts.PageFault2M));
        Assert.Equal(platform.Kernel.PageFault2M, p.Kernel.PageFault2M);
        Assert.Equal(ProfilePaths.SourceOf(platform, fault2M), ProfilePaths.SourceOf(p, fault2M));
        Assert.Equal(platform.Hbm, p.Hbm);
        Assert.Equal(platform.Network, p.Network);
        Assert.Equal(linux.Noise.Sources.AsEnumerable(), os.Noise.Sources.AsEnumerable());
        Assert.Equal(linux.Provenance, os.Provenance);

        var names = estimates.Select(e => e.Name).ToArray();
        Assert.Equal(
            [NameOf(syscallPath), NameOf(KernelPath(nameof(KernelCosts.SchedYield))), NameOf(KernelPath(nameof(KernelCosts.ZeroingBandwidthPerCore))),
             NameOf(DdrBandwidthPath(platform)), NameOf(KernelPath(nameof(KernelCosts.PageFault4K)))],
            names);
        foreach (var e in estimates) Assert.InRange(e.Value, e.Lower95, e.Upper95);

        var result = CalibratedProfiles.Build(platform, linux, KnownResults(), "testhost", "2026-12-01", seed: 5);
        Assert.Contains(result.Notes, n => n.StartsWith("noise: kept the template value", StringComparison.Ordinal) && n.Contains("cannot pin threads", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.StartsWith($"{NameOf(fault2M)}: kept the template value", StringComparison.Ordinal));

        // The calibrated profiles are written and read back unchanged.
        AssertPlatformEqual(p, ProfileJson.ParsePlatform(ProfileJsonWriter.Write(p), "calibrated"));
        AssertOsEqual(os, ProfileJson.ParseOs(ProfileJsonWriter.Write(os), "calibrated"));
    }

    [Fact]
    public void SkippedBenchmarkKeepsTemplateValues()
    {
        var platform = DefaultPlatform();
        var results = new List<BenchmarkResult> { Skipped("syscall", "seccomp forbids it") };
        var r = CalibratedProfiles.Build(platform, DefaultOs("linux"), results, "h", "d", 1);
        var syscallPath = KernelPath(nameof(KernelCosts.Syscall));
        Assert.Equal(platform.Kernel, r.Platform.Kernel);
        Assert.Equal(ProfilePaths.SourceOf(platform, syscallPath), ProfilePaths.SourceOf(r.Platform, syscallPath));
        Assert.Empty(r.Estimates);
        Assert.Contains(r.Notes, n => n == $"{NameOf(syscallPath)}: kept the template value ('syscall' was skipped: seccomp forbids it)");
        Assert.Contains(r.Notes, n => n.StartsWith($"{NameOf(KernelPath(nameof(KernelCosts.ZeroingBandwidthPerCore)))}: kept the template value (no 'bandwidth' result", StringComparison.Ordinal));
    }

    [Fact]
    public void FaultBelowZeroingIsFlooredAndNoted()
    {
        var pages = Enumerable.Range(1, 10).Select(i => i * 100.0).ToArray();
        var results = new List<BenchmarkResult>
        {
            Result("bandwidth", Reps("triad-1-thread", "B/s", 1e9, 1e9, 1e9)),
            // 4096 B at 1 GB/s = 4.096 µs of zeroing, but the slope is only 4 µs per page.
            Result("faults", S("touch-4k", "pages", "us", pages, pages.Select(x => 4 * x))),
        };
        var r = CalibratedProfiles.Build(DefaultPlatform(), DefaultOs("linux"), results, "h", "d", 1);
        Assert.Equal(0.01 * 4e-6, r.Platform.Kernel.PageFault4K.Seconds, 15);
        Assert.Equal(CalibratedProfiles.FaultFloorFraction * 4e-6, r.Platform.Kernel.PageFault4K.Seconds, 15);
        Assert.Contains(r.Notes, n => n.StartsWith($"{NameOf(KernelPath(nameof(KernelCosts.PageFault4K)))}: the faults/touch-4k slope", StringComparison.Ordinal)
            && n.Contains("floored", StringComparison.Ordinal));
    }

    [Fact]
    public void FwqSeriesBecomeAFittedNoiseSource()
    {
        // Two cores of 40,000 samples of 10 µs; 400 per core are detours with Pareto(8 µs, 3) excess: rate = 400 /
        // (40,000 × mean sample) per core.
        var rng = new Xoshiro256StarStar(9);
        Series Core(string name)
        {
            var y = Enumerable.Repeat(10_000.0, 40_000).ToArray();
            for (var i = 0; i < 400; i++) y[i * 100 + 7] += Pareto.Sample(rng, 8000, 3);
            return Reps(name, "ns", y);
        }
        var cores = new[] { Core("core0"), Core("core1") };
        var linux = DefaultOs("linux");
        var r = CalibratedProfiles.Build(DefaultPlatform(), linux, [Result("fwq", cores)], "h", "d", 3);
        var source = Assert.Single(r.Os.Noise.Sources);
        var expectedRate = cores.Average(c => 400 / (c.Y.Sum() * 1e-9));
        Assert.Equal(expectedRate, source.Rate.PerSecond, 6);
        Assert.IsType<ParetoDuration>(source.Duration);
        var ratePath = OsPath($"{nameof(OsProfile.Noise)}.{nameof(NoiseProfile.Sources)}[0].{nameof(NoiseSource.Rate)}");
        Assert.StartsWith("measured: h d, fwq/core0,core1, mean per-core detour rate", ProfilePaths.SourceOf(r.Os, ratePath));
        Assert.StartsWith("measured: h d, fwq/core0,core1, MLE pareto", ProfilePaths.SourceOf(r.Os, DurationParameterPath(0, "alpha")));
        var secondSource = OsPath($"{nameof(OsProfile.Noise)}.{nameof(NoiseProfile.Sources)}[1]");
        Assert.DoesNotContain(r.Os.Provenance.ByPath.Keys, k => k.StartsWith(secondSource, StringComparison.Ordinal));
        Assert.Equal(linux.Brk, r.Os.Brk);
        AssertOsEqual(r.Os, ProfileJson.ParseOs(ProfileJsonWriter.Write(r.Os), "calibrated"));
    }
}
