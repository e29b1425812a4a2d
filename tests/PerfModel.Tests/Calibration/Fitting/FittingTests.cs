using System.Collections.Immutable;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using PerfModel.Calibration.Fitting;
using PerfModel.Calibration.Measurements;
using PerfModel.Calibration.Noise;
using PerfModel.Noise;

namespace PerfModel.Tests.Calibration.Fitting;

/// <summary>Ground-truth recovery: data drawn in the test from known parameters with a seeded generator.</summary>
public sealed class FittingTests
{
    private static Series Line(double slope, double intercept, double noiseSd, int n, int seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        var x = Enumerable.Range(1, n).Select(i => i * 100.0).ToImmutableArray();
        var y = x.Select(v => slope * v + intercept + Normal.Sample(rng, 0, noiseSd)).ToImmutableArray();
        return new Series("touch-4k", "pages", "s", x, y);
    }

    [Fact]
    public void LinearFit_RecoversSlopeAndInterceptWithinTheirIntervals()
    {
        // y = 2.5e-6·x + 1e-5 + N(0, (2e-5)²) for x = 100..5000 pages. The slope's standard error is
        // σ/√Σ(x−x̄)² ≈ 2e-5/√(50·(1443)²·…) ≈ 2e-10, i.e. ~1e-4 relative, so 5% is loose; the CI must contain the truth.
        var s = Line(2.5e-6, 1e-5, 2e-5, 50, 11);
        var fit = LinearFit.Fit(s, "pageFault", "s/page", seed: 3);
        Assert.InRange(fit.Slope.Value, 2.5e-6 * 0.95, 2.5e-6 * 1.05);
        Assert.InRange(2.5e-6, fit.Slope.Lower95, fit.Slope.Upper95);
        Assert.InRange(1e-5, fit.Intercept.Lower95, fit.Intercept.Upper95);
        Assert.True(fit.Slope.Lower95 < fit.Slope.Value && fit.Slope.Value < fit.Slope.Upper95);
        Assert.True(fit.RSquared > 0.99);
        Assert.Equal(50, fit.Count);
        Assert.Equal("s/page", fit.Slope.Unit);
        Assert.Equal("pageFaultIntercept", fit.Intercept.Name);
        Assert.StartsWith("OLS slope", fit.Slope.Method);
    }

    [Fact]
    public void LinearFit_IsDeterministicForASeed()
    {
        var s = Line(1, 0, 10, 20, 5);
        Assert.Equal(LinearFit.Fit(s, "a", "u", 9), LinearFit.Fit(s, "a", "u", 9));
    }

    [Fact]
    public void LinearFit_ExactLineHasZeroWidthInterval()
    {
        var s = new Series("l", "x", "y", [1, 2, 3, 4], [3, 5, 7, 9]);
        var fit = LinearFit.Fit(s, "b", "y/x", 1, 200);
        Assert.Equal(2, fit.Slope.Value, 12);
        Assert.Equal(1, fit.Intercept.Value, 12);
        Assert.Equal(2, fit.Slope.Lower95, 9);
        Assert.Equal(2, fit.Slope.Upper95, 9);
        Assert.Equal(1, fit.RSquared, 12);
    }

    public static TheoryData<double[], double[], CalibrationFailure> DegenerateLines => new()
    {
        { [1, 2], [1, 2], CalibrationFailure.TooFewSamples },
        { [], [], CalibrationFailure.TooFewSamples },
        { [3, 3, 3, 3], [1, 2, 3, 4], CalibrationFailure.DegenerateDesign },
        { [1, 2, 3], [1, 2], CalibrationFailure.DegenerateDesign },
        { [1, double.NaN, 3], [1, 2, 3], CalibrationFailure.NonFiniteInput },
        { [1, 2, 3], [1, double.PositiveInfinity, 3], CalibrationFailure.NonFiniteInput },
    };

    [Theory]
    [MemberData(nameof(DegenerateLines))]
    public void LinearFit_RejectsDegenerateInput(double[] x, double[] y, CalibrationFailure reason)
    {
        var e = Assert.Throws<CalibrationException>(() => LinearFit.Fit(new Series("bad", "x", "y", [.. x], [.. y]), "b", "u", 1));
        Assert.Equal(reason, e.Reason);
        Assert.Contains("series 'bad'", e.Message);
    }

    [Fact]
    public void MedianFit_RecoversTheMedianOfALogNormalSample()
    {
        // Log-normal with median 300 ns, σ = 0.3, n = 2001: the sample median's standard error is about
        // 1.2533·σ·median/√n ≈ 2.5 ns (0.8%), so the CI must hold 300 and 3% (3.6 SE) bounds the point estimate.
        var rng = new Xoshiro256StarStar(21);
        var y = Enumerable.Range(0, 2001).Select(_ => LogNormal.Sample(rng, Math.Log(300), 0.3)).ToImmutableArray();
        var s = new Series("getppid", "rep", "ns", [.. Enumerable.Range(0, y.Length).Select(i => (double)i)], y);
        var m = MedianFit.Of(s, "syscallNs", "ns", seed: 4);
        Assert.InRange(m.Value, 291, 309);
        Assert.InRange(300, m.Lower95, m.Upper95);
        Assert.True(m.Upper95 - m.Lower95 < 20);
        Assert.Equal(m, MedianFit.Of(s, "syscallNs", "ns", seed: 4));
    }

    [Fact]
    public void MedianFit_EvenCountAndDegenerateInput()
    {
        var s = new Series("s", "i", "ns", [0, 1, 2, 3], [4, 1, 3, 2]);
        Assert.Equal(2.5, MedianFit.Of(s, "m", "ns", 1).Value);
        Assert.Equal(CalibrationFailure.TooFewSamples,
            Assert.Throws<CalibrationException>(() => MedianFit.Of(new Series("s", "i", "ns", [0, 1], [1, 2]), "m", "ns", 1)).Reason);
        Assert.Equal(CalibrationFailure.NonFiniteInput,
            Assert.Throws<CalibrationException>(() => MedianFit.Of(new Series("s", "i", "ns", [0, 1, 2], [1, double.NaN, 2]), "m", "ns", 1)).Reason);
    }

    // Duration fits with n = 5,000. Relative standard errors of the MLEs: exponential mean 1/√n = 1.4%; log-normal
    // σ̂ 1/√(2n) = 1.0% and median σ/√n (1.4% for σ = 1); Pareto α̂ 1/√n = 1.4%, x̂_m bias x_m/(nα) ≈ 0.01%. The 5% tolerances
    // are ~3.5 standard errors (a seeded test, so no flakiness, but a margin for any seed); the intervals must hold the truth.
    private const int N = 5000;

    [Fact]
    public void DurationFit_ChoosesExponentialForExponentialData()
    {
        var rng = new Xoshiro256StarStar(101);
        var x = Enumerable.Range(0, N).Select(_ => Exponential.Sample(rng, 1 / 20e-6)).ToArray();
        var fit = DurationFit.Fit(x, seed: 1);
        Assert.Equal("exponential", fit.Best.Family);
        var e = Assert.IsType<ExponentialDuration>(fit.Chosen);
        Assert.InRange(e.Mean.Seconds, 20e-6 * 0.95, 20e-6 * 1.05);
        var mean = Assert.Single(fit.Estimates);
        Assert.Equal("meanSeconds", mean.Name);
        Assert.InRange(20e-6, mean.Lower95, mean.Upper95);
        Assert.True(fit.Exponential.KsStatistic < fit.LogNormal.KsStatistic);
        Assert.True(fit.Exponential.KsPValue > 0.01, $"p = {fit.Exponential.KsPValue}");
        Assert.Equal(N, fit.Count);
    }

    [Fact]
    public void DurationFit_ChoosesLogNormalForLogNormalData()
    {
        var rng = new Xoshiro256StarStar(202);
        var x = Enumerable.Range(0, N).Select(_ => LogNormal.Sample(rng, Math.Log(10e-6), 1.0)).ToArray();
        var fit = DurationFit.Fit(x, seed: 2);
        Assert.Equal("lognormal", fit.Best.Family);
        var l = Assert.IsType<LogNormalDuration>(fit.Chosen);
        Assert.InRange(l.Median.Seconds, 10e-6 * 0.95, 10e-6 * 1.05);
        Assert.InRange(l.Sigma, 0.95, 1.05);
        Assert.Equal(["medianSeconds", "sigma"], fit.Estimates.Select(p => p.Name));
        Assert.InRange(10e-6, fit.Estimates[0].Lower95, fit.Estimates[0].Upper95);
        Assert.InRange(1.0, fit.Estimates[1].Lower95, fit.Estimates[1].Upper95);
        Assert.True(fit.LogNormal.KsPValue > 0.01, $"p = {fit.LogNormal.KsPValue}");
    }

    [Fact]
    public void DurationFit_ChoosesParetoForParetoData()
    {
        var rng = new Xoshiro256StarStar(303);
        var x = Enumerable.Range(0, N).Select(_ => Pareto.Sample(rng, 5e-6, 2.5)).ToArray();
        var fit = DurationFit.Fit(x, seed: 3);
        Assert.Equal("pareto", fit.Best.Family);
        var p = Assert.IsType<ParetoDuration>(fit.Chosen);
        Assert.InRange(p.Scale.Seconds, 5e-6, 5e-6 * 1.005); // x̂_m = min ≥ x_m, above it by ~x_m/(nα)
        Assert.InRange(p.Alpha, 2.5 * 0.95, 2.5 * 1.05);
        Assert.Equal(["scaleSeconds", "alpha"], fit.Estimates.Select(e => e.Name));
        Assert.InRange(2.5, fit.Estimates[1].Lower95, fit.Estimates[1].Upper95);
    }

    [Fact]
    public void DurationFit_RejectsParetoWithInfiniteMean()
    {
        // α = 0.8: the Pareto fit is the right shape (smallest D) but has no finite mean, so another family is chosen.
        var rng = new Xoshiro256StarStar(404);
        var x = Enumerable.Range(0, 2000).Select(_ => Pareto.Sample(rng, 5e-6, 0.8)).ToArray();
        var fit = DurationFit.Fit(x, seed: 4, pValueResamples: 0);
        Assert.False(fit.Pareto.Admissible);
        Assert.Contains("infinite mean", fit.Pareto.Rejection);
        Assert.Null(fit.Pareto.Distribution); // α ≤ 1 describes no ParetoDuration (it has no finite mean)
        Assert.NotNull(fit.Best.Distribution);
        Assert.NotEqual("pareto", fit.Best.Family);
        Assert.True(fit.Pareto.KsStatistic < fit.Best.KsStatistic);
        Assert.Null(fit.Pareto.KsPValue);
    }

    public static TheoryData<double[], CalibrationFailure> DegenerateDurations => new()
    {
        { [1e-6, 2e-6], CalibrationFailure.TooFewSamples },
        { [1e-6, 1e-6, 1e-6, 1e-6], CalibrationFailure.DegenerateDesign },
        { [1e-6, double.NaN, 3e-6], CalibrationFailure.NonFiniteInput },
        { [1e-6, 0, 3e-6], CalibrationFailure.OutOfDomain },
        { [1e-6, -2e-6, 3e-6], CalibrationFailure.OutOfDomain },
    };

    [Theory]
    [MemberData(nameof(DegenerateDurations))]
    public void DurationFit_RejectsDegenerateInput(double[] x, CalibrationFailure reason) =>
        Assert.Equal(reason, Assert.Throws<CalibrationException>(() => DurationFit.Fit(x, 1)).Reason);

    [Fact]
    public void NoiseFit_RealKvmTraceMatchesThePooledRate()
    {
        var trace = FwqTrace.Load(Path.Combine(RepoPaths.DataDir, "noise", "kvm-2core-fwq.csv"));
        var fit = NoiseFit.FromTrace(trace, seed: 7, pValueResamples: 20);
        var pooled = FwqTrace.ToNoiseProfile(trace);
        var source = Assert.Single(fit.Profile.Sources);
        var reference = Assert.Single(pooled.Sources);
        // The conversion exists once (FwqTraceData.MeanDetourRatePerSecond), so the two rates are the same number.
        Assert.Equal(reference.Rate, source.Rate);
        Assert.Equal(trace.MeanDetourRatePerSecond, source.Rate.PerSecond);
        var rate = fit.Estimates[0];
        Assert.Equal("ratePerSecond", rate.Name);
        Assert.InRange(rate.Value, rate.Lower95, rate.Upper95);
        Assert.True(rate.Upper95 > rate.Lower95);
        Assert.NotNull(fit.Duration);
        Assert.Same(fit.Duration!.Chosen, source.Duration);
        Assert.True(double.IsFinite(source.Duration.MeanSeconds) && source.Duration.MeanSeconds > 5e-6);
        Assert.True(source.Fraction < 1);
        Assert.False(fit.Profile.CoScheduled);
    }

    [Fact]
    public void NoiseFit_SyntheticTraceRecoversRateAndDistribution()
    {
        // Two cores of 1e6 samples of 10 µs (10 s each) with 2,000 detours each: λ = 200/s exactly. Excesses are
        // Pareto(6 µs, α = 3), so every one exceeds the 5 µs threshold as real trace excesses do.
        var rng = new Xoshiro256StarStar(55);
        FwqCoreTrace Core(string name) => new(name, 1_000_000, 10_000, 10_000,
            [.. Enumerable.Range(0, 2000).Select(_ => Pareto.Sample(rng, 6000, 3))]);
        var trace = new FwqTraceData("<memory>", 5000, [Core("0"), Core("1")]);
        var fit = NoiseFit.FromTrace(trace, seed: 8, pValueResamples: 0);
        var source = Assert.Single(fit.Profile.Sources);
        Assert.Equal(200, source.Rate.PerSecond, 9);
        // 4,000 Poisson counts: relative SE 1/√4000 = 1.6%, so the interval is about ±3%.
        Assert.InRange(fit.Estimates[0].Lower95, 190, 199);
        Assert.InRange(fit.Estimates[0].Upper95, 201, 210);
        var p = Assert.IsType<ParetoDuration>(source.Duration);
        Assert.InRange(p.Alpha, 3 * 0.93, 3 * 1.07); // n = 4,000: SE 1.6%, ±7% ≈ 4 SE
    }

    [Fact]
    public void NoiseFit_QuietTraceHasNoSources()
    {
        var trace = new FwqTraceData("<memory>", 5000, [new FwqCoreTrace("0", 1000, 100, 100, [])]);
        var fit = NoiseFit.FromTrace(trace, seed: 1);
        Assert.Empty(fit.Profile.Sources);
        Assert.Null(fit.Duration);
        Assert.Equal(0, fit.Estimates[0].Value);
    }
}
