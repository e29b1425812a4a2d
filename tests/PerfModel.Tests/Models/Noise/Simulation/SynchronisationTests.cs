using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Noise.Simulation;
using static PerfModel.Tests.Models.Noise.Simulation.SimulationReference;

namespace PerfModel.Tests.Models.Noise.Simulation;

/// <summary>
/// Synchronisation shapes under noise against references computed here from their definitions. Tolerance: 4 standard
/// errors of the simulated mean (|z| ≤ 4 has probability 1 − 6e-5 for a correct simulator; seeds are fixed, so results are
/// reproducible), unless stated otherwise. The references are exact to far below one SE.
/// </summary>
public sealed class SynchronisationTests
{
    private const double W = 1e-3;
    private const double D = 10e-6;

    private static NoiseProfile Fixed(double rate, double duration, bool coScheduled = false) =>
        new([TestProfiles.Source("s", rate, duration)], coScheduled);

    [Theory]
    [InlineData(64, 0.2)]
    [InlineData(64, 2.0)]
    [InlineData(1024, 0.2)]
    [InlineData(1024, 2.0)]
    public void BarrierWithFixedDetoursMatchesPoissonMaximum(long p, double m)
    {
        // X_i = d K_i, K_i ~ Poisson(m = λW). max_i X_i ≥ k d ⇔ not all K_i ≤ k − 1, so
        // E[T] = W + E[max X] = W + d Σ_{k≥1} (1 − F(k−1)^P), F the Poisson(m) CDF (PoissonReference, independent of the model).
        var r = NoiseSimulator.Simulate(Fixed(m / W, D), TestProfiles.Step(W, SyncShape.Barrier, 0), p, new SimulationOptions(400, 3, 2));
        var expected = W + PoissonReference.ExpectedMaxOfScaledPoisson(m, D, p);
        AssertMean(expected, r, $"Barrier P = {p}, m = {m}");
        Assert.Equal(r.MeanStepSeconds, r.MeanMaxStepSeconds); // every rank leaves the barrier at the maximum
    }

    [Theory]
    [InlineData(64, 0.5)]
    [InlineData(1024, 0.5)]
    [InlineData(1024, 3.0)]
    public void BarrierWithExponentialDetoursMatchesIntegratedMaximum(long p, double m)
    {
        // X compound Poisson with exponential durations (mean β): E[max] = ∫ (1 − F^P) dx with the compound CDF written as a
        // Poisson mixture of Erlang CDFs and integrated numerically (SimulationReference.ExpectedMaxCompoundExponential).
        const double beta = 20e-6;
        var noise = new NoiseProfile([TestProfiles.Source("exp", m / W, new ExponentialDuration(TimeInterval.FromSeconds(beta)))], false);
        var r = NoiseSimulator.Simulate(noise, TestProfiles.Step(W, SyncShape.Barrier, 0), p, new SimulationOptions(400, 4, 2));
        AssertMean(W + ExpectedMaxCompoundExponential(m, beta, p), r, $"Barrier exp P = {p}, m = {m}");
    }

    [Fact]
    public void ExponentialReferenceReducesToKnownCases()
    {
        // Checks of the numerical reference itself. P = 1: ∫ S = E[X] = m β (1e-6 relative covers Simpson and truncation).
        // P = 2: E[max(X1, X2)] = 2E[X] − E[min(X1, X2)], and min > 0 only when both windows have detours (probability
        // ≈ m²), so for m = 1e-3 the value is 2 m β to within about m/2 = 5e-4 relative; 1e-3 allowed.
        Assert.Equal(0.7 * 20e-6, ExpectedMaxCompoundExponential(0.7, 20e-6, 1), 1e-6 * 0.7 * 20e-6);
        Assert.Equal(2 * 1e-3 * 20e-6, ExpectedMaxCompoundExponential(1e-3, 20e-6, 2), 1e-3 * 2 * 1e-3 * 20e-6);
    }

    [Fact]
    public void CoScheduledNoiseIsNotAmplified()
    {
        // Co-scheduled: all ranks share each window's draw, so max_j Y_j = Y and Barrier's E[T] = W + E[X(W)] = W + λWd,
        // the None value. Checked: Barrier and None each against the analytic value (4 SE), Barrier against None with a
        // different seed (4 combined SEs √(SE1² + SE2²)), and — to show the test can tell — independent noise at the same P
        // is amplified far beyond that (the expected maximum of 1024 Poisson(0.5) counts is ≈ 4.7 detours, not 0.5).
        const long p = 1024;
        const double m = 0.5;
        var shared = Fixed(m / W, D, coScheduled: true);
        var barrier = NoiseSimulator.Simulate(shared, TestProfiles.Step(W, SyncShape.Barrier, 0), p, new SimulationOptions(2000, 21, 2));
        var none = NoiseSimulator.Simulate(shared, TestProfiles.Step(W, SyncShape.None, 0), p, new SimulationOptions(2000, 22, 2));
        AssertMean(W + m * D, barrier, "co-scheduled Barrier");
        AssertMean(W + m * D, none, "co-scheduled None");
        AssertWithinStandardErrors(none.MeanStepSeconds, barrier.MeanStepSeconds,
            Math.Sqrt(barrier.StandardErrorSeconds * barrier.StandardErrorSeconds + none.StandardErrorSeconds * none.StandardErrorSeconds), 4, "Barrier vs None");

        var independent = NoiseSimulator.Simulate(Fixed(m / W, D), TestProfiles.Step(W, SyncShape.Barrier, 0), p, new SimulationOptions(50, 23, 2));
        Assert.True(independent.MeanStepSeconds > W + 3 * D, $"independent noise should be amplified: {independent.MeanStepSeconds}");
    }

    [Theory]
    [InlineData(SyncShape.AllreduceRecursiveDoubling)]
    [InlineData(SyncShape.DisseminationBarrier)]
    [InlineData(SyncShape.TreeReduceBroadcast)]
    public void CoScheduledCollectivesAddOnlyTheMeanDelay(SyncShape sync)
    {
        // Co-scheduled: one draw per window for everyone, so no max ever picks a larger draw than the path's own. RD and
        // dissemination: T_i = W + X(W) + Σ_r (c + X_r(c)), E = W + λWd + k(c + λcd). Tree: T_i = R + Σ over rank i's
        // popcount(i) broadcast hops (c + X′_r(c)) with R = W + X(W) + Σ_r (c + X_r(c)); mean over ranks adds (k/2)(c + λcd).
        const long p = 256; // k = 8
        const double c = 50e-6, rate = 400;
        var r = NoiseSimulator.Simulate(Fixed(rate, D, coScheduled: true), TestProfiles.Step(W, sync, c), p, new SimulationOptions(3000, 31, 2));
        var hop = c + rate * c * D;
        var expected = W + rate * W * D + 8 * hop + (sync == SyncShape.TreeReduceBroadcast ? 4 * hop : 0);
        AssertMean(expected, r, $"co-scheduled {sync}");
    }

    [Theory]
    [InlineData(SyncShape.AllreduceRecursiveDoubling)]
    [InlineData(SyncShape.DisseminationBarrier)]
    public void TwoRankExchangeIsMaxOfTwoIndependentArrivals(SyncShape sync)
    {
        // P = 2, k = 1: T = max(A_0, A_1), A_x = W + c + d(K_x + K′_x) with K_x ~ Poisson(λW), K′_x ~ Poisson(λc), i.e.
        // A_x = W + c + d·Poisson(λ(W + c)); E[T] = W + c + d Σ_{k≥1} (1 − F(k−1)²), F the Poisson(λ(W + c)) CDF.
        // (For P = 2 the dissemination partner (x − 1) mod 2 is x XOR 1, so the same value applies.)
        const double c = 200e-6, rate = 900; // λ(W + c) = 1.08
        var r = NoiseSimulator.Simulate(Fixed(rate, D), TestProfiles.Step(W, sync, c), 2, new SimulationOptions(20000, 41, 2));
        var expected = W + c + PoissonReference.ExpectedMaxOfScaledPoisson(rate * (W + c), D, 2);
        AssertMean(expected, r, $"{sync} P = 2");
        Assert.Equal(r.MeanStepSeconds, r.MeanMaxStepSeconds); // both ranks leave with the same value
    }

    [Fact]
    public void DisseminationEqualsRecursiveDoublingForTwoRanks()
    {
        // Same partner and the same draw order for P = 2, so the two shapes must agree bit for bit.
        var noise = Fixed(900, D);
        var options = new SimulationOptions(50, 42, 2);
        var rd = NoiseSimulator.Simulate(noise, TestProfiles.Step(W, SyncShape.AllreduceRecursiveDoubling, 200e-6), 2, options);
        var di = NoiseSimulator.Simulate(noise, TestProfiles.Step(W, SyncShape.DisseminationBarrier, 200e-6), 2, options);
        Assert.Equal(rd.TrialMeans.ToArray(), di.TrialMeans.ToArray()); // arrays: ImmutableArray equality is by reference
    }

    [Fact]
    public void TwoRankTreeMatchesDirectSummation()
    {
        // P = 2, k = 1. Reduce: R = max(Y_0, Y_1 + c + X_1(c)) = max(W + dK_0, W + c + dK_1), K_0 ~ Poisson(λW),
        // K_1 ~ Poisson(λ(W + c)). Broadcast: T_0 = R, T_1 = R + c + dK′, K′ ~ Poisson(λc).
        // Mean over ranks: E[R] + (c + λcd)/2; max over ranks: E[R] + c + λcd. E[R] by double summation over (K_0, K_1).
        const double c = 200e-6, rate = 900;
        var r = NoiseSimulator.Simulate(Fixed(rate, D), TestProfiles.Step(W, SyncShape.TreeReduceBroadcast, c), 2, new SimulationOptions(20000, 43, 2));
        var root = ExpectedMaxOfTwoShiftedPoisson(W, rate * W, W + c, rate * (W + c), D);
        AssertMean(root + (c + rate * c * D) / 2, r, "tree P = 2 mean");
        var maxSe = Math.Sqrt(NoiseStatisticsTests.SampleVariance(r.TrialMaxima) / r.TrialMaxima.Length);
        AssertWithinStandardErrors(root + c + rate * c * D, r.MeanMaxStepSeconds, maxSe, 4, "tree P = 2 max");
    }

    [Theory]
    [InlineData(SyncShape.AllreduceRecursiveDoubling)]
    [InlineData(SyncShape.DisseminationBarrier)]
    [InlineData(SyncShape.TreeReduceBroadcast)]
    public void CollectivesAreNeverFasterThanTheirNoiseFreeSchedule(SyncShape sync)
    {
        // Pathwise: every max and every added delay is ≥ the noise-free value, so each trial's mean over ranks is at least
        // the noise-free mean and each trial's max at least the barrier-free max lower bound W + k c. Exact (no tolerance
        // beyond 1e-12 relative rounding).
        const long p = 1000; // P' = 1024, k = 10
        const double c = 5e-6;
        var r = NoiseSimulator.Simulate(Fixed(500, D), TestProfiles.Step(W, sync, c), p, new SimulationOptions(8, 51, 2));
        var floor = W + 10 * c + (sync == SyncShape.TreeReduceBroadcast ? 5 * c : 0);
        Assert.All(r.TrialMeans, t => Assert.True(t >= floor * (1 - 1e-12), $"{t} < {floor}"));
        Assert.All(r.TrialMaxima, t => Assert.True(t >= W + 10 * c, $"{t}"));
    }
}
