using System.Collections.Immutable;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using PerfModel.Calibration.Benchmarks;
using PerfModel.Calibration.Calibrators;
using PerfModel.Calibration.Fitting;
using PerfModel.Calibration.Measurements;
using PerfModel.Calibration.Noise;
using PerfModel.Calibration.Synthesis;
using PerfModel.Descriptions;
using PerfModel.Memory;
using PerfModel.Noise;
using PerfModel.Profiles;
using PerfModel.Profiles.Json;
using PerfModel.Profiles.Schema;

namespace PerfModel.Tests.Calibration.Calibrators;

/// <summary>
/// The contract of <see cref="ICalibrator"/>: each of the five calibrators, run on synthetic benchmark results with known
/// parameters, sets exactly its profile fields (named by their <see cref="ProfileSchema.JsonPath(ObjectSchema, string, string)"/>),
/// with estimates that carry that path and the "measured: …" provenance text, keeps everything else (provenance included;
/// crediting is the caller's), and keeps the input's values, with a note, when its benchmark is missing, skipped or unfit.
/// <see cref="CalibratedProfiles.Build"/> is the calibrators run in order, and the written profile credits each measured value.
/// </summary>
public sealed class CalibratorContractTests
{
    private const string Host = "node7", Date = "2026-12-01";
    private const int Seed = 11;

    private static readonly Platform Template = Defaults.Platform();
    private static readonly OsProfile Linux = Defaults.Os("linux");

    private static string PlatformPath(string propertyPath) => ProfileSchema.JsonPath(ProfileSchema.Platform, propertyPath);

    private static string OsPath(string propertyPath) => ProfileSchema.JsonPath(ProfileSchema.Os, propertyPath);

    private static string KernelPath(string property) => PlatformPath($"{nameof(Platform.Kernel)}.{property}");

    private static int DdrIndex => Template.MemoryTiers.IndexOf(Template.Ddr);

    private static string DdrPath => PlatformPath($"{nameof(Platform.MemoryTiers)}[{DdrIndex}].{nameof(MemoryTier.Bandwidth)}");

    private static int TlbIndex(int level) => Template.Tlb.IndexOf(Template.Tlb.Single(t => t.Level == level && t.PageSize == PageSizes.Base));

    private static string TlbEntriesPath(int level) => PlatformPath($"{nameof(Platform.Tlb)}[{TlbIndex(level)}].{nameof(TlbLevel.Entries)}");

    private static readonly string NoisePrefix = OsPath(nameof(OsProfile.Noise)) + ".";

    private static CalibrationInput Input(params BenchmarkResult[] results) => new(Template, Linux, results, Host, Date, Seed, []);

    private static Series Reps(string name, string yUnit, params double[] y) => new(name, "rep", yUnit, [.. y.Select((_, i) => (double)i)], [.. y]);

    private static BenchmarkResult Result(string benchmark, params Series[] series) => new(benchmark, Host, [.. series], [], null);

    // ---- synthetic results with known parameters ------------------------------------------------------------------------

    /// <summary>getppid median 400 ns, sched_yield median 2 µs (the template has 250 ns and 1 µs).</summary>
    private static BenchmarkResult Syscall() =>
        Result("syscall", Reps("getppid", "ns", 390, 400, 410, 395, 405, 400, 2000), Reps("sched_yield", "us", 1.9, 2.0, 2.1, 2.0, 2.05),
            Reps("pinvoke-baseline", "ns", 5, 5, 5));

    /// <summary>One thread 7 GB/s (zeroing), all threads 60 GB/s (DDR); a 2-thread series that must not be taken for DDR.</summary>
    private static BenchmarkResult Bandwidth() =>
        Result("bandwidth", Reps("triad-1-thread", "GB/s", 6.9, 7, 7.1, 7, 7.05), Reps("triad-2-threads", "GB/s", 14, 14, 14),
            Reps("triad-N-threads", "GB/s", 59, 60, 61, 60));

    private const double Slope4K = 3e-6, Slope2M = 5e-4;

    /// <summary>Exact lines: 3 µs per 4 KiB page touched, 500 µs per 2 MiB page touched (zeroing included).</summary>
    private static BenchmarkResult Faults()
    {
        var pages = Enumerable.Range(1, 20).Select(i => i * 1000.0).ToArray();
        var huge = Enumerable.Range(1, 16).Select(i => (double)i).ToArray();
        return Result("faults",
            new Series("touch-4k", "pages", "s", [.. pages], [.. pages.Select(x => Slope4K * x + 1e-4)]),
            new Series("populate-4k", "pages", "s", [.. pages], [.. pages.Select(x => 2e-6 * x)]),
            new Series("touch-2m", "2MiB-pages", "s", [.. huge], [.. huge.Select(x => Slope2M * x + 1e-5)]));
    }

    /// <summary>A two-level TLB: 32 first-level entries (128 KiB reach), 1,024 second-level entries (4 MiB); 1.5 ns per
    /// access within reach, +2.5 ns for a first-level miss, +20 ns for a walk. The 2 MiB chase has 8 and 64 entries.</summary>
    private static BenchmarkResult Tlb()
    {
        var sizes4k = Enumerable.Range(4, 12).Select(e => Math.Pow(2, e) * 1024).ToArray(); // 16 KiB … 32 MiB
        var ns4k = sizes4k.Select(s => s <= 128 * 1024 ? 1.5 : s <= 4 * 1024 * 1024 ? 4.0 : 24.0);
        var sizes2m = Enumerable.Range(21, 10).Select(e => Math.Pow(2, e)).ToArray(); // 2 MiB … 1 GiB
        var ns2m = sizes2m.Select(s => s <= 16.0 * 1024 * 1024 ? 1.5 : s <= 128.0 * 1024 * 1024 ? 3.0 : 12.0);
        return Result("tlb", new Series("chase-4k", "bytes", "ns/access", [.. sizes4k], [.. ns4k]),
            new Series("chase-2m", "bytes", "ns/access", [.. sizes2m], [.. ns2m]));
    }

    /// <summary>Two cores of 10,000 samples of 10 µs, 200 of them per core detours with a Pareto(8 µs, 3) excess.</summary>
    private static BenchmarkResult Fwq()
    {
        var rng = new Xoshiro256StarStar(9);
        Series Core(string name)
        {
            var y = Enumerable.Repeat(10_000.0, 10_000).ToArray();
            for (var i = 0; i < 200; i++) y[i * 50 + 7] += Pareto.Sample(rng, 8000, 3);
            return new Series(name, "sample", "ns", [.. y.Select((_, i) => (double)i)], [.. y]);
        }
        return Result("fwq", Core("core0"), Core("core1"));
    }

    private static BenchmarkResult[] AllResults() => [Syscall(), Bandwidth(), Faults(), Tlb(), Fwq()];

    // ---- the contract, one calibrator at a time -----------------------------------------------------------------------

    /// <summary>
    /// The step changed exactly <paramref name="expected"/> (JSON path → series it was measured from) in the platform (and
    /// nothing in the OS profile), its estimates that set a field are exactly those, each named by its path, for the
    /// platform, with the value now at the path and the provenance "measured: host date, benchmark/series, method, 95% CI
    /// [lo, hi] unit"; the input's provenance is kept as it was, so the measured values read as what-ifs until credited.
    /// </summary>
    private static void AssertSetsExactlyPlatform(CalibrationInput input, CalibrationStep step, string benchmark, IReadOnlyDictionary<string, string> expected)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), ProfilePaths.Differences(input.Platform, step.Platform).Select(d => d.Path).Order(StringComparer.Ordinal));
        Assert.Empty(ProfilePaths.Differences(input.Os, step.Os));
        Assert.Equal(input.Os, step.Os);
        var setting = step.Estimates.Where(e => e.JsonPath is not null).ToArray();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), setting.Select(e => e.JsonPath!).Order(StringComparer.Ordinal));
        foreach (var e in setting)
        {
            Assert.Equal(ProfileKind.Platform, e.Profile);
            AssertMeasured(e, benchmark, expected[e.JsonPath!]);
            Assert.Equal(e.Value, (double)ProfilePaths.At(step.Platform, e.JsonPath!)!.Value!, e.Value * 1e-12);
            Assert.Equal(Provenance.WhatIf, ProfilePaths.SourceOf(step.Platform, e.JsonPath!));
        }
        Assert.Equal(input.Platform.Provenance, step.Platform.Provenance);

        // Crediting the estimates turns each measured value's source into its provenance text, and nothing else.
        var credited = CalibratedProfiles.Credit(step.Platform, step.Estimates);
        foreach (var v in ProfilePaths.Values(credited).Where(v => v.HasProvenance))
            Assert.Equal(expected.ContainsKey(v.Path) ? setting.Single(e => e.JsonPath == v.Path).Provenance : ProfilePaths.SourceOf(step.Platform, v.Path),
                ProfilePaths.SourceOf(credited, v.Path));
    }

    /// <summary>An estimate that set a field: named by its path, with the provenance of a measurement of this host.</summary>
    private static void AssertMeasured(ParameterEstimate e, string benchmark, string series)
    {
        Assert.Equal(e.JsonPath![2..], e.Name);
        Assert.NotNull(e.Provenance);
        Assert.StartsWith($"measured: {Host} {Date}, {benchmark}/{series}, {e.Method}, 95% CI [", e.Provenance);
        Assert.EndsWith($"] {e.Unit}", e.Provenance);
        Assert.InRange(e.Value, e.Lower95, e.Upper95);
    }

    [Fact]
    public void The_five_calibrators_in_order_and_the_benchmarks_they_read()
    {
        Assert.Equal(["syscall", "bandwidth", "faults", "tlb", "noise"], CalibratedProfiles.Calibrators.Select(c => c.Id));
        Assert.Equal(["syscall", "bandwidth", "faults", "tlb", "fwq"], CalibratedProfiles.Calibrators.Select(c => c.Benchmark));
        // Every benchmark a calibrator reads is one of the micro-benchmarks.
        Assert.All(CalibratedProfiles.Calibrators, c => Assert.Equal(c.Benchmark, MicroBenchmarks.Get(c.Benchmark).Name));
    }

    [Fact]
    public void Syscall_sets_the_two_call_costs()
    {
        var input = Input(Syscall());
        var step = new SyscallCalibrator().Calibrate(input);
        Assert.Equal(400e-9, step.Platform.Kernel.Syscall.Seconds, 1e-18);
        Assert.Equal(2e-6, step.Platform.Kernel.SchedYield.Seconds, 1e-18);
        AssertSetsExactlyPlatform(input, step, "syscall", new Dictionary<string, string>
        {
            [KernelPath(nameof(KernelCosts.Syscall))] = "getppid",
            [KernelPath(nameof(KernelCosts.SchedYield))] = "sched_yield",
        });
        Assert.All(step.Estimates, e => Assert.Equal("s", e.Unit));
        Assert.Equal(Seed + 2, step.NextSeed); // one bootstrap per median
        Assert.Empty(step.Notes);
    }

    [Fact]
    public void Bandwidth_sets_the_zeroing_rate_and_the_ddr_bandwidth()
    {
        var input = Input(Bandwidth());
        var step = new BandwidthCalibrator().Calibrate(input);
        Assert.Equal(7e9, step.Platform.Kernel.ZeroingBandwidthPerCore.BytesPerSecond, 1e-3);
        Assert.Equal(60e9, step.Platform.Ddr.Bandwidth.BytesPerSecond, 1e-3);
        Assert.Equal(Template.Hbm, step.Platform.Hbm);
        AssertSetsExactlyPlatform(input, step, "bandwidth", new Dictionary<string, string>
        {
            [KernelPath(nameof(KernelCosts.ZeroingBandwidthPerCore))] = "triad-1-thread",
            [DdrPath] = "triad-N-threads",
        });
        Assert.All(step.Estimates, e => Assert.Equal("B/s", e.Unit));
        Assert.Equal(Seed + 2, step.NextSeed);
    }

    [Fact]
    public void Bandwidth_without_a_triad_N_series_takes_the_most_threads()
    {
        var result = Result("bandwidth", Reps("triad-1-thread", "GB/s", 7, 7, 7), Reps("triad-2-threads", "GB/s", 14, 14, 14),
            Reps("triad-16-threads", "GB/s", 50, 50, 50), Reps("triad-4-threads", "GB/s", 28, 28, 28));
        var step = new BandwidthCalibrator().Calibrate(Input(result));
        Assert.Equal(50e9, step.Platform.Ddr.Bandwidth.BytesPerSecond, 1e-3);
        Assert.StartsWith($"measured: {Host} {Date}, bandwidth/triad-16-threads, ", step.Estimates.Single(e => e.JsonPath == DdrPath).Provenance);
    }

    [Fact]
    public void Faults_set_both_fault_costs_net_of_zeroing()
    {
        var input = Input(Faults());
        var step = new PageFaultCalibrator().Calibrate(input);
        // Without a measured zeroing rate the template's is subtracted.
        var z = Template.Kernel.ZeroingBandwidthPerCore.BytesPerSecond;
        Assert.Equal(Slope4K - 4096 / z, step.Platform.Kernel.PageFault4K.Seconds, 1e-15);
        Assert.Equal(Slope2M - 2.0 * 1024 * 1024 / z, step.Platform.Kernel.PageFault2M.Seconds, 1e-12);
        AssertSetsExactlyPlatform(input, step, "faults", new Dictionary<string, string>
        {
            [KernelPath(nameof(KernelCosts.PageFault4K))] = "touch-4k",
            [KernelPath(nameof(KernelCosts.PageFault2M))] = "touch-2m",
        });
        Assert.All(step.Estimates, e => Assert.Contains("template zeroing rate", e.Method));
        Assert.Equal(Seed + 2, step.NextSeed); // one pairs bootstrap per line
    }

    [Fact]
    public void Faults_subtract_the_zeroing_rate_the_bandwidth_step_measured()
    {
        var bandwidth = new BandwidthCalibrator().Calibrate(Input(Bandwidth()));
        var input = Input(Faults()) with { Platform = bandwidth.Platform, Estimates = bandwidth.Estimates };
        var step = new PageFaultCalibrator().Calibrate(input);
        var z = bandwidth.Estimates.Single(e => e.JsonPath == KernelPath(nameof(KernelCosts.ZeroingBandwidthPerCore))).Value;
        Assert.Equal(7e9, z, 1e-3);
        Assert.Equal(Slope4K - 4096 / z, step.Platform.Kernel.PageFault4K.Seconds, 1e-15);
        Assert.All(step.Estimates, e => Assert.Contains("measured zeroing rate", e.Method));
    }

    [Fact]
    public void Tlb_sets_the_4k_geometry_and_both_penalties_and_reports_the_2m_chase()
    {
        var input = Input(Tlb());
        var step = new TlbCalibrator().Calibrate(input);
        Assert.Equal(32, step.Platform.Tlb[TlbIndex(1)].Entries);
        Assert.Equal(1024, step.Platform.Tlb[TlbIndex(2)].Entries);
        Assert.Equal(2.5e-9, step.Platform.TlbL2Hit.Seconds, 1e-15);
        Assert.Equal(20e-9, step.Platform.PageWalkCached.Seconds, 1e-15);
        AssertSetsExactlyPlatform(input, step, "tlb", new Dictionary<string, string>
        {
            [TlbEntriesPath(1)] = "chase-4k",
            [TlbEntriesPath(2)] = "chase-4k",
            [PlatformPath(nameof(Platform.TlbL2Hit))] = "chase-4k",
            [PlatformPath(nameof(Platform.PageWalkCached))] = "chase-4k",
        });
        // The 2 MiB and 1 GiB structures keep the template's geometry; the 2 MiB chase is reported only.
        Assert.Equal(Template.Tlb.Where(t => t.PageSize != PageSizes.Base), step.Platform.Tlb.Where(t => t.PageSize != PageSizes.Base));
        var reported = step.Estimates.Where(e => e.JsonPath is null).ToArray();
        Assert.Equal(["tlb2m.firstLevelReachBytes", "tlb2m.secondLevelReachBytes", "tlb2m.firstLevelMissPenaltySeconds", "tlb2m.walkPenaltySeconds"],
            reported.Select(e => e.Name));
        Assert.All(reported, e => Assert.Null(e.Provenance));
        Assert.All(reported, e => Assert.Null(e.Profile));
        Assert.Equal(16.0 * 1024 * 1024, reported[0].Value);
        Assert.Equal(128.0 * 1024 * 1024, reported[1].Value);
        Assert.Equal(Seed, step.NextSeed); // the knee fit draws no bootstrap
    }

    [Fact]
    public void Noise_replaces_the_linux_noise_with_the_fitted_source()
    {
        var result = Fwq();
        var input = Input(result);
        var step = new NoiseCalibrator().Calibrate(input);
        Assert.Equal(input.Platform, step.Platform);

        // The source is NoiseFit.FromTrace of the result's trace, with the seed the step was given.
        var trace = FwqBenchmark.ToFwqTraceData(result);
        var fit = NoiseFit.FromTrace(trace, Seed, $"measured detours ({Host})");
        Assert.Equal(fit.Profile, step.Os.Noise);
        var source = Assert.Single(step.Os.Noise.Sources);
        Assert.Equal($"measured detours ({Host})", source.Name);
        Assert.Equal(trace.MeanDetourRatePerSecond, source.Rate.PerSecond);
        Assert.Equal(Seed + 1, step.NextSeed);

        // Only the noise changed, and every value of the new source is set by an estimate carrying its path.
        Assert.All(ProfilePaths.Differences(input.Os, step.Os), d => Assert.StartsWith(NoisePrefix, d.Path));
        var sourcePath = OsPath($"{nameof(OsProfile.Noise)}.{nameof(NoiseProfile.Sources)}[0]") + ".";
        var expected = ProfilePaths.Values(step.Os).Where(v => v.HasProvenance && v.Path.StartsWith(sourcePath, StringComparison.Ordinal)).Select(v => v.Path).ToArray();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, step.Estimates.Select(e => e.JsonPath));
        Assert.Equal(OsPath($"{nameof(OsProfile.Noise)}.{nameof(NoiseProfile.Sources)}[0].{nameof(NoiseSource.Rate)}"), step.Estimates[0].JsonPath);
        foreach (var e in step.Estimates)
        {
            Assert.Equal(ProfileKind.Os, e.Profile);
            AssertMeasured(e, "fwq", "core0,core1");
            Assert.Equal(e.Value, (double)ProfilePaths.At(step.Os, e.JsonPath!)!.Value!, Math.Abs(e.Value) * 1e-12);
        }
        Assert.Equal(fit.Estimates.Select(e => (e.Value, e.Lower95, e.Upper95, e.Unit, e.Method)), step.Estimates.Select(e => (e.Value, e.Lower95, e.Upper95, e.Unit, e.Method)));

        // The template's noise provenance is dropped with its sources; the rest of the provenance is kept.
        Assert.Equal(Linux.Provenance.Without(NoisePrefix), step.Os.Provenance);
        var credited = CalibratedProfiles.Credit(step.Os, step.Estimates);
        Assert.All(step.Estimates, e => Assert.Equal(e.Provenance, ProfilePaths.SourceOf(credited, e.JsonPath!)));
    }

    [Fact]
    public void Noise_of_a_quiet_trace_is_no_noise_and_sets_no_field()
    {
        var quiet = Result("fwq", Reps("core0", "ns", 10_000, 10_100, 10_050), Reps("core1", "ns", 10_000, 10_000, 10_200));
        var step = new NoiseCalibrator().Calibrate(Input(quiet));
        Assert.Equal(NoiseProfile.None, step.Os.Noise);
        var rate = Assert.Single(step.Estimates);
        Assert.Equal(0, rate.Value);
        Assert.Null(rate.JsonPath);
        Assert.Null(rate.Provenance);
        Assert.Contains(step.Notes, n => n.Contains("has no detour above the threshold", StringComparison.Ordinal));
    }

    /// <summary>
    /// One core of 1,000 samples: 10 undisturbed ones of 1 µs and 990 detours whose excesses are the quantiles of a
    /// Pareto(6 µs, α = 1.05). The data are consistent (the detours take 97% of the wall-clock time), but the fitted Pareto
    /// has a mean of about 21 × 6 µs, so rate × mean duration is about 3: the fitted source would take the whole core.
    /// </summary>
    private static BenchmarkResult HeavyTailedFwq()
    {
        const int n = 990;
        var y = Enumerable.Repeat(1000.0, 10).Concat(Enumerable.Range(0, n).Select(i => 1000 + 6000 * Math.Pow(1 - (i + 0.5) / n, -1 / 1.05))).ToArray();
        return Result("fwq", Reps("core0", "ns", y));
    }

    [Fact]
    public void Noise_that_would_take_the_whole_core_keeps_the_template_noise_and_says_why()
    {
        // The empirical conversion of the same trace is valid (its fraction is the measured one, below 1) ...
        var trace = FwqBenchmark.ToFwqTraceData(HeavyTailedFwq());
        Assert.InRange(FwqTrace.ToNoiseProfile(trace).Fraction, 0.9, 1);
        // ... the fitted source is not a NoiseSource at all ...
        Assert.Throws<InvalidDescriptionException>(() => NoiseFit.FromTrace(trace, Seed, pValueResamples: 0));
        // ... so the calibration keeps the template's noise and its note names the field, the rule and the likely cause
        // (a busy machine), while the other calibrators still run.
        var step = new NoiseCalibrator().Calibrate(Input(HeavyTailedFwq()));
        Assert.Equal(Linux.Noise, step.Os.Noise);
        var note = Assert.Single(step.Notes);
        Assert.Contains(OsPath(nameof(OsProfile.Noise)), note, StringComparison.Ordinal);
        Assert.Contains("must be < 1", note, StringComparison.Ordinal);
        Assert.Contains("too busy", note, StringComparison.Ordinal);
        var built = CalibratedProfiles.Build(Template, Linux, [HeavyTailedFwq()], Host, Date, Seed);
        Assert.Equal(Linux.Noise, built.Os.Noise);
        Assert.Contains(built.Notes, n => n.Contains("too busy", StringComparison.Ordinal));
    }

    [Fact]
    public void A_measured_value_that_breaks_a_profile_rule_keeps_the_template_and_says_why()
    {
        // A syscall series of negative times (what a difference of two timings can give on a busy machine) breaks the rule
        // that a call costs >= 0: the step keeps the template's value, adds no estimate for it and its note names the
        // rule; sched_yield, measured fine, is still calibrated.
        var busy = Result("syscall", Reps("getppid", "ns", -3, -3, -2, -3), Reps("sched_yield", "us", 1.9, 2.0, 2.1, 2.0, 2.05), Reps("pinvoke-baseline", "ns", 5, 5, 5));
        var step = new SyscallCalibrator().Calibrate(Input(busy));
        Assert.Equal(Template.Kernel.Syscall, step.Platform.Kernel.Syscall);
        Assert.Equal(2.0e-6, step.Platform.Kernel.SchedYield.Seconds, 1e-12);
        Assert.DoesNotContain(step.Estimates, e => e.Name.Contains("syscallSeconds", StringComparison.Ordinal));
        Assert.Contains(step.Notes, n => n.Contains("breaks a profile rule", StringComparison.Ordinal) && n.Contains("too busy", StringComparison.Ordinal));
    }

    public static TheoryData<string> CalibratorIds => new() { "syscall", "bandwidth", "faults", "tlb", "noise" };

    private static ICalibrator Calibrator(string id) => CalibratedProfiles.Calibrators.Single(c => c.Id == id);

    [Theory]
    [MemberData(nameof(CalibratorIds))]
    public void A_missing_benchmark_keeps_the_input(string id)
    {
        var input = Input(AllResults().Where(r => r.Benchmark != Calibrator(id).Benchmark).ToArray());
        var step = Calibrator(id).Calibrate(input);
        AssertKept(input, step);
        Assert.Contains(step.Notes, n => n.Contains($"kept the template value (no '{Calibrator(id).Benchmark}' result)", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CalibratorIds))]
    public void A_skipped_benchmark_keeps_the_input(string id)
    {
        var skipped = new BenchmarkResult(Calibrator(id).Benchmark, Host, [], [], "not allowed here");
        var input = Input(skipped);
        var step = Calibrator(id).Calibrate(input);
        AssertKept(input, step);
        Assert.Contains(step.Notes, n => n.Contains($"kept the template value ('{Calibrator(id).Benchmark}' was skipped: not allowed here)", StringComparison.Ordinal));
    }

    private static void AssertKept(CalibrationInput input, CalibrationStep step)
    {
        Assert.Equal(input.Platform, step.Platform);
        Assert.Equal(input.Os, step.Os);
        Assert.Empty(step.Estimates);
        Assert.Equal(input.Seed, step.NextSeed);
        Assert.NotEmpty(step.Notes);
    }

    [Fact]
    public void A_fit_that_fails_keeps_that_value_and_says_why()
    {
        // Two getppid samples are too few for a median with an interval; sched_yield is still measured.
        var result = Result("syscall", Reps("getppid", "ns", 400, 410), Reps("sched_yield", "us", 2, 2, 2));
        var input = Input(result);
        var step = new SyscallCalibrator().Calibrate(input);
        Assert.Equal(Template.Kernel.Syscall, step.Platform.Kernel.Syscall);
        Assert.Equal(2e-6, step.Platform.Kernel.SchedYield.Seconds, 1e-18);
        Assert.Equal([KernelPath(nameof(KernelCosts.SchedYield))], step.Estimates.Select(e => e.JsonPath));
        Assert.Contains(step.Notes, n => n.StartsWith($"{KernelPath(nameof(KernelCosts.Syscall))[2..]}: kept the template value (syscall/getppid could not be fitted ({CalibrationFailure.TooFewSamples})", StringComparison.Ordinal));

        // A bad fwq sample is a CalibrationException of the trace conversion, which the noise step turns into a note.
        var bad = Result("fwq", Reps("core0", "ns", 10_000, double.NaN, 10_000));
        var noise = new NoiseCalibrator().Calibrate(Input(bad));
        Assert.Equal(Linux, noise.Os);
        Assert.Contains(noise.Notes, n => n.StartsWith($"noise: kept the template value (fwq could not be fitted ({CalibrationFailure.NonFiniteInput})", StringComparison.Ordinal));
    }

    // ---- Build = the calibrators in order ------------------------------------------------------------------------------

    [Fact]
    public void Build_runs_the_calibrators_in_order_each_on_what_the_previous_made()
    {
        var results = AllResults();
        var built = CalibratedProfiles.Build(Template, Linux, results, Host, Date, Seed);

        var input = new CalibrationInput(Template, Linux, results, Host, Date, Seed, []);
        var notes = new List<string>();
        foreach (var calibrator in CalibratedProfiles.Calibrators)
        {
            var step = calibrator.Calibrate(input);
            notes.AddRange(step.Notes);
            input = input with { Platform = step.Platform, Os = step.Os, Seed = step.NextSeed, Estimates = input.Estimates.AddRange(step.Estimates) };
        }

        Assert.Equal(input.Estimates.AsEnumerable(), built.Estimates.AsEnumerable());
        Assert.Equal(notes, built.Notes.AsEnumerable());
        Assert.Equal(CalibratedProfiles.Credit(input.Platform with { Name = $"{Host} (calibrated {Date})" }, input.Estimates), built.Platform);
        Assert.Equal(CalibratedProfiles.Credit(input.Os with { Name = "linux", DisplayName = $"Linux ({Host})" }, input.Estimates), built.Os);

        // The order matters: the fault step subtracted the zeroing rate the bandwidth step measured, not the template's.
        Assert.Equal(Slope4K - 4096 / built.Platform.Kernel.ZeroingBandwidthPerCore.BytesPerSecond, built.Platform.Kernel.PageFault4K.Seconds, 1e-15);
        // Each step took the seeds after those of the steps before it: syscall 2, bandwidth 2, faults 2, tlb 0, noise 1.
        Assert.Equal(Seed + 7, input.Seed);
        Assert.Equal(NoiseFit.FromTrace(FwqBenchmark.ToFwqTraceData(Fwq()), Seed + 6, $"measured detours ({Host})").Profile, built.Os.Noise);
    }

    [Fact]
    public void The_written_profiles_credit_each_measured_value_and_keep_the_template_sources_for_the_rest()
    {
        var built = CalibratedProfiles.Build(Template, Linux, AllResults(), Host, Date, Seed);
        var measured = built.Estimates.Where(e => e.JsonPath is not null).ToArray();
        Assert.Equal(2 + 2 + 2 + 4, measured.Count(e => e.Profile == ProfileKind.Platform));
        Assert.Contains(measured, e => e.Profile == ProfileKind.Os);

        var platformText = ProfileJsonWriter.Write(built.Platform);
        var syscall = measured.Single(e => e.JsonPath == KernelPath(nameof(KernelCosts.Syscall)));
        Assert.Contains($"\"source\": \"{syscall.Provenance}\"", platformText, StringComparison.Ordinal);

        AssertCredited(ProfileJson.ParsePlatform(platformText, "node7.platform.json"), Template, measured.Where(e => e.Profile == ProfileKind.Platform));
        AssertCredited(ProfileJson.ParseOs(ProfileJsonWriter.Write(built.Os), "node7.linux.json"), Linux, measured.Where(e => e.Profile == ProfileKind.Os));
    }

    /// <summary>Every value of the written-and-read profile is credited to its measurement when one set it, else to the
    /// template's source for that path.</summary>
    private static void AssertCredited(object written, object template, IEnumerable<ParameterEstimate> measured)
    {
        var byPath = measured.ToDictionary(e => e.JsonPath!);
        var values = ProfilePaths.Values(written).Where(v => v.HasProvenance).ToArray();
        Assert.All(byPath.Keys, path => Assert.Contains(values, v => v.Path == path));
        foreach (var v in values)
        {
            var expected = byPath.TryGetValue(v.Path, out var e) ? e.Provenance : ProfilePaths.SourceOf(template, v.Path);
            Assert.True(expected == ProfilePaths.SourceOf(written, v.Path), $"{v.Path}: expected source '{expected}', written '{ProfilePaths.SourceOf(written, v.Path)}'");
            Assert.NotEqual(Provenance.WhatIf, ProfilePaths.SourceOf(written, v.Path));
        }
    }
}
