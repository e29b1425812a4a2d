using PerfModel.Calibration.Benchmarks;
using PerfModel.Calibration.Fitting;
using PerfModel.Calibration.Measurements;
using PerfModel.Calibration.Noise;
using PerfModel.Descriptions;
using PerfModel.Noise;

namespace PerfModel.Tests.Calibration.Noise;

/// <summary>
/// The FWQ → noise conversion exists once: a benchmark result becomes a trace only through
/// <see cref="FwqBenchmark.ToFwqTraceData"/>, and the rate and detour durations of a trace are
/// <see cref="FwqTraceData.MeanDetourRatePerSecond"/> and <see cref="FwqTraceData.DetourExcessSeconds"/>, which both
/// <see cref="FwqTrace.ToNoiseProfile"/> (empirical durations) and <see cref="NoiseFit.FromTrace"/> (fitted durations) use.
/// </summary>
public sealed class FwqNoiseConversionTests
{
    [Fact]
    public void The_empirical_and_the_fitted_noise_of_the_kvm_trace_have_the_same_rate()
    {
        var trace = FwqTrace.Load(SharedFwqData.KvmTrace);
        var rate = trace.MeanDetourRatePerSecond;
        // By hand: the mean over the cores of detours per second of wall-clock time (samples × mean sample).
        Assert.Equal(trace.Cores.Average(c => c.Detours / (c.Samples * c.MeanNs * 1e-9)), rate, rate * 1e-12);

        var empirical = Assert.Single(FwqTrace.ToNoiseProfile(trace).Sources);
        var fit = NoiseFit.FromTrace(trace, seed: 3, pValueResamples: 0);
        var fitted = Assert.Single(fit.Profile.Sources);
        Assert.Equal(rate, empirical.Rate.PerSecond);
        Assert.Equal(rate, fitted.Rate.PerSecond);
        Assert.Equal(rate, fit.Estimates[0].Value);

        // Both describe the same detours: the empirical one is their histogram, the fitted one was fitted to all of them.
        var excess = trace.DetourExcessSeconds;
        Assert.Equal(trace.Cores.Sum(c => c.Detours), excess.Length);
        Assert.Equal(trace.Cores.SelectMany(c => c.DetourExcessNs).Select(ns => ns / 1e9), excess.AsEnumerable());
        Assert.Equal(excess.Order(), Assert.IsType<EmpiricalDuration>(empirical.Duration).ValuesSeconds.AsEnumerable());
        Assert.Equal(excess.Length, fit.Duration!.Count);
        Assert.True(excess.Min() > trace.DetourThresholdNs / 1e9);
    }

    private static Series Core(string name, string yUnit, params double[] y) => new(name, "sample", yUnit, [.. y.Select((_, i) => (double)i)], [.. y]);

    /// <summary>An fwq result with two cores in different units and series that are not cores.</summary>
    private static BenchmarkResult Synthetic() => new("fwq", "testhost",
    [
        // core0 in µs: 10, 10, 16, 10.5, 30 µs → min 10,000 ns, mean 15,300 ns, excesses 0, 0, 6,000, 500, 20,000 ns.
        Core("core0", "us", 10, 10, 16, 10.5, 30),
        Core("pinvoke-baseline", "ns", 1, 1, 1),
        Core("corex", "ns", 1, 1, 1),
        // core3 in ns: min 9,000, mean 10,525, excesses 0, 100, 6,000, 0 ns.
        Core("core3", "ns", 9000, 9100, 15000, 9000),
    ], ["fwq samples_per_core=5"], null);

    [Fact]
    public void A_benchmark_result_becomes_the_per_core_statistics_computed_by_hand()
    {
        var result = Synthetic();
        Assert.Equal(["core0", "core3"], FwqBenchmark.CoreSeries(result).Select(s => s.Name));

        var trace = FwqBenchmark.ToFwqTraceData(result);
        Assert.Equal("fwq measured on testhost", trace.File);
        Assert.Equal(FwqTrace.DefaultDetourThresholdNs, trace.DetourThresholdNs);
        Assert.Equal(["0", "3"], trace.Cores.Select(c => c.Name));
        var (c0, c3) = (trace.Cores[0], trace.Cores[1]);
        Assert.Equal(5, c0.Samples);
        Assert.Equal(10_000, c0.MinNs, 1e-6);
        Assert.Equal(15_300, c0.MeanNs, 1e-6);
        Assert.Equal([6000, 20_000], c0.DetourExcessNs.Select(e => Math.Round(e, 6)));
        Assert.Equal(4, c3.Samples);
        Assert.Equal((9000.0, 10_525.0), (c3.MinNs, c3.MeanNs));
        Assert.Equal([6000.0], c3.DetourExcessNs.AsEnumerable());

        var rate = (2 / (5 * 15_300e-9) + 1 / (4 * 10_525e-9)) / 2;
        Assert.Equal(rate, trace.MeanDetourRatePerSecond, rate * 1e-12);
        Assert.Equal([6e-6, 20e-6, 6e-6], trace.DetourExcessSeconds.Select(s => Math.Round(s, 15)));
        var source = Assert.Single(FwqTrace.ToNoiseProfile(trace, "synthetic").Sources);
        Assert.Equal(trace.MeanDetourRatePerSecond, source.Rate.PerSecond);
        Assert.Equal((6e-6 + 20e-6 + 6e-6) / 3, source.Duration.MeanSeconds, 1e-15);

        // A lower threshold sees the 500 ns excess of core0 but not the 100 ns one of core3.
        var low = FwqBenchmark.ToFwqTraceData(result, thresholdNs: 400);
        Assert.Equal(400, low.DetourThresholdNs);
        Assert.Equal([6000, 500, 20_000], low.Cores[0].DetourExcessNs.Select(e => Math.Round(e, 6)));
        Assert.Equal([6000.0], low.Cores[1].DetourExcessNs.AsEnumerable());
    }

    public static TheoryData<string, double[], CalibrationFailure> BadSamples => new()
    {
        { "ns", [], CalibrationFailure.TooFewSamples },
        { "ns", [10_000, double.NaN, 10_000], CalibrationFailure.NonFiniteInput },
        { "ns", [10_000, double.PositiveInfinity], CalibrationFailure.NonFiniteInput },
        { "ns", [10_000, 0, 10_000], CalibrationFailure.OutOfDomain },
        { "ns", [10_000, -5], CalibrationFailure.OutOfDomain },
        { "bytes", [10_000, 10_000], CalibrationFailure.UnknownUnit },
    };

    [Theory]
    [MemberData(nameof(BadSamples))]
    public void Bad_samples_are_a_calibration_exception_naming_the_series(string yUnit, double[] y, CalibrationFailure reason)
    {
        var result = new BenchmarkResult("fwq", "h", [Core("core0", "ns", 10_000, 10_000), Core("core1", yUnit, y)], [], null);
        var e = Assert.Throws<CalibrationException>(() => FwqBenchmark.ToFwqTraceData(result));
        Assert.Equal(reason, e.Reason);
        Assert.Contains("fwq/core1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Results_that_are_no_trace_are_argument_errors()
    {
        Assert.Throws<ArgumentException>(() => FwqBenchmark.ToFwqTraceData(new BenchmarkResult("fwq", "h", [], [], "cannot pin threads")));
        Assert.Throws<ArgumentException>(() => FwqBenchmark.CoreSeries(new BenchmarkResult("fwq", "h", [], [], "cannot pin threads")));
        Assert.Throws<ArgumentException>(() => FwqBenchmark.ToFwqTraceData(new BenchmarkResult("fwq", "h", [Core("cpu0", "ns", 1, 2, 3)], [], null)));
        Assert.Empty(FwqBenchmark.CoreSeries(new BenchmarkResult("fwq", "h", [Core("cpu0", "ns", 1, 2, 3)], [], null)));
        Assert.Throws<ArgumentOutOfRangeException>(() => FwqBenchmark.ToFwqTraceData(Synthetic(), -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => FwqBenchmark.ToFwqTraceData(Synthetic(), double.NaN));
    }

    [Fact]
    public void Noise_that_would_take_the_whole_core_is_refused_by_both_conversions()
    {
        // Detours of 20 to 40 µs on a core whose 10 samples last 10 µs in all (data no loader would produce): rate × mean
        // detour = Σ excess / wall-clock time = 9 ≥ 1, which no noise source may have.
        var trace = new FwqTraceData("<memory>", 5000, [new FwqCoreTrace("0", 10, 1000, 1000, [20_000, 30_000, 40_000])]);
        var empirical = Assert.Throws<InvalidDescriptionException>(() => FwqTrace.ToNoiseProfile(trace));
        Assert.Equal(nameof(NoiseSource.Fraction), empirical.Field);
        var fitted = Assert.Throws<InvalidDescriptionException>(() => NoiseFit.FromTrace(trace, seed: 1, pValueResamples: 0));
        Assert.Equal(nameof(NoiseSource.Fraction), fitted.Field);
    }
}
