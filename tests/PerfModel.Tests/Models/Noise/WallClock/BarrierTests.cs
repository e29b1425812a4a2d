using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Noise.WallClock;
using Xunit.Abstractions;

namespace PerfModel.Tests.Models.Noise.WallClock;

/// <summary>
/// The first step of an ideal barrier is W + max over ranks of one window's delay X. For a rare fixed detour d at rate λ,
/// X = d·N + d·ΣU with N ~ Poisson(λW) starts inside the window and Poisson(λd) detours in progress with uniform remainders,
/// so E[max] = ∫(1 − F_X^P) (<see cref="WallClockReference.ExpectedMaxFixedDelay"/>). Roughly, when λ(W + d)P is small,
/// E[max] ≈ d·(1 − e^(−λWP)) + E[largest remainder] — the in-progress part is what the per-window rule misses.
/// </summary>
public sealed class BarrierTests(ITestOutputHelper output)
{
    private static NoiseProfile Fixed(double rate, double d, bool coScheduled = false) => new([TestProfiles.Source("rare", rate, d)], coScheduled);

    [Fact]
    public void RareFixedDetourMatchesTheExactMaximum()
    {
        const double rate = 0.9, work = 100e-6, d = 1e-3;
        const long p = 1024;
        var r = WallClockSimulator.Simulate(Fixed(rate, d), TestProfiles.Step(work, SyncShape.Barrier), p, new WallClockOptions(4000, 1, 31) { BurnInSteps = 0 });
        var expected = WallClockReference.ExpectedMaxFixedDelay(rate, work, d, p);
        var startsOnly = d * (1 - Math.Exp(-rate * work * p));
        output.WriteLine($"E[max delay] exact {expected * 1e6:F2} us (starts in the window only: {startsOnly * 1e6:F2} us); simulated {(r.FirstStepSeconds - work) * 1e6:F2} ± {r.FirstStepStandardErrorSeconds * 1e6:F2} us");
        SimulationReference.AssertWithinStandardErrors(expected, r.FirstStepSeconds - work, r.FirstStepStandardErrorSeconds, 3, "barrier, rare fixed detour");
    }

    [Fact]
    public void NoiseTheorySection1Check()
    {
        // noise-theory.md §1: λ = 0.05/s, D = 500 µs, T = 100 µs, P = 65,536: E[max over ranks] ≈ 314 ± 10 µs (NumPy) and
        // 323 µs from the two-part law; 140 µs counting only the detours that start inside the window.
        const double rate = 0.05, work = 100e-6, d = 500e-6;
        const long p = 65536;
        var r = WallClockSimulator.Simulate(Fixed(rate, d), TestProfiles.Step(work, SyncShape.Barrier), p, new WallClockOptions(400, 1, 1729) { BurnInSteps = 0 });
        var expected = WallClockReference.ExpectedMaxFixedDelay(rate, work, d, p);
        output.WriteLine($"§1: E[max delay] exact {expected * 1e6:F2} us, simulated {(r.FirstStepSeconds - work) * 1e6:F2} ± {r.FirstStepStandardErrorSeconds * 1e6:F2} us, starts-only {d * (1 - Math.Exp(-rate * work * p)) * 1e6:F2} us");
        Assert.InRange(expected, 314e-6, 330e-6);
        SimulationReference.AssertWithinStandardErrors(expected, r.FirstStepSeconds - work, r.FirstStepStandardErrorSeconds, 3, "§1 check");
    }

    [Fact]
    public void CoScheduledNoiseDoesNotGrowWithP()
    {
        // Every rank has the same timeline and the same windows, so the barrier waits for nobody: the run at any P equals the
        // run of one rank, trial by trial (up to the rounding of means of P equal clocks, 1e-12 relative).
        var noise = new NoiseProfile([TestProfiles.Source("tick", 1000, 2e-6), TestProfiles.Source("rare", 20, 200e-6)], coScheduled: true);
        var shape = TestProfiles.Step(100e-6, SyncShape.Barrier);
        var options = new WallClockOptions(50, 5, 77, 2);
        var one = WallClockSimulator.Simulate(noise, shape, 1, options);
        foreach (var p in new long[] { 64, 4096 })
        {
            var many = WallClockSimulator.Simulate(noise, shape, p, options);
            for (var t = 0; t < one.TrialStationarySteps.Length; t++)
                Assert.Equal(one.TrialStationarySteps[t], many.TrialStationarySteps[t], 1e-12 * one.TrialStationarySteps[t]);
            for (var n = 0; n < one.Steps.Length; n++)
            {
                Assert.Equal(one.Steps[n].MeanSeconds, many.Steps[n].MeanSeconds, 1e-12 * one.Steps[n].MeanSeconds);
                Assert.Equal(one.Steps[n].SlowestSeconds, many.Steps[n].SlowestSeconds);
            }
        }
        var independent = WallClockSimulator.Simulate(noise with { CoScheduled = false }, shape, 4096, options);
        Assert.True(independent.StationaryStepSeconds > one.StationaryStepSeconds + 10 * independent.StationaryStandardErrorSeconds);
    }

    [Fact]
    public void AlignedPeriodicTickHitsEveryRankAlike()
    {
        // A co-scheduled tick has one phase for all ranks: every rank's clock is the same, so mean and slowest agree (up to
        // the rounding of a mean of equal numbers), with and without a collective.
        var tick = new NoiseProfile([new NoiseSource("tick", EventRate.FromPerSecond(1000), new FixedDuration(TimeInterval.FromMicroseconds(25)), NoiseArrival.Periodic)], coScheduled: true);
        foreach (var sync in new[] { SyncShape.None, SyncShape.AllreduceRecursiveDoubling, SyncShape.DisseminationBarrier })
        {
            var r = WallClockSimulator.Simulate(tick, TestProfiles.Step(300e-6, sync, 2e-6), 64, new WallClockOptions(20, 6, 5, 1));
            Assert.All(r.Steps, s => Assert.Equal(s.SlowestSeconds, s.MeanSeconds, 1e-15));
            Assert.True(r.StationaryStepSeconds > r.NoiseFreeStepSeconds);
        }
        var independent = WallClockSimulator.Simulate(tick with { CoScheduled = false }, TestProfiles.Step(300e-6, SyncShape.None), 64, new WallClockOptions(20, 6, 5, 1));
        Assert.True(independent.Steps[0].SlowestSeconds > independent.Steps[0].MeanSeconds, "independent phases differ between ranks");
    }
    [Fact]
    public void LongDetoursCarryOverIntoTheNextStep()
    {
        // Fixed 500 µs detours at λ = 12.8/s on P = 256 ranks (the §1 check's λP), W = 100 µs, a cold start. The first step
        // is the per-window rule exactly: rank delays d·N, N ~ Poisson(λW), so E[max] = d·Σ_{k≥1} (1 − P(N ≤ k − 1)^P)
        // (≈ 140 µs). In later steps the ranks that wait for a hit rank start detours during the wait that are still running
        // when the next step starts, and pay their remainders: the stationary step is larger than the first-step rule.
        // Every step must also match the independent reference programs (4.5 combined standard errors).
        const double rate = 12.8, d = 500e-6, work = 100e-6;
        const int p = 256, steps = 6, trials = 2000;
        var noise = Fixed(rate, d);
        var shape = TestProfiles.Step(work, SyncShape.Barrier);
        var r = WallClockSimulator.Simulate(noise, shape, p, new WallClockOptions(trials, steps, 61) { InProgressAtStart = false });
        var firstRule = PoissonReference.ExpectedMaxOfScaledPoisson(rate * work, d, p);
        output.WriteLine($"first-step rule {firstRule * 1e6:F2} us; simulated first {(r.FirstStepSeconds - work) * 1e6:F2} ± {r.FirstStepStandardErrorSeconds * 1e6:F2} us, stationary (steps 2-{steps}) {r.StationaryDelaySeconds * 1e6:F2} ± {r.StationaryStandardErrorSeconds * 1e6:F2} us");
        SimulationReference.AssertWithinStandardErrors(firstRule, r.FirstStepSeconds - work, r.FirstStepStandardErrorSeconds, 4, "cold first step = the per-window rule");
        Assert.True(r.StationaryDelaySeconds - firstRule > 10 * r.StationaryStandardErrorSeconds, "carry-over makes the stationary step larger than the first-step rule");

        var reference = ScheduleReference.MonteCarlo(noise, SyncShape.Barrier, p, 1, steps, work, 0, 0, warm: false, trials, horizon: 0.02, seed: 62);
        for (var n = 0; n < steps; n++)
        {
            var se = Math.Sqrt(r.Steps[n].StandardErrorSeconds * r.Steps[n].StandardErrorSeconds + reference.MeanSe[n] * reference.MeanSe[n]);
            output.WriteLine($"step {n + 1}: {r.Steps[n].DelaySeconds * 1e6:F2} us, reference {(reference.Mean[n] - work) * 1e6:F2} us, combined s.e. {se * 1e6:F2} us");
            SimulationReference.AssertWithinStandardErrors(reference.Mean[n], r.Steps[n].MeanSeconds, se, 4.5, $"step {n + 1}");
        }
    }
}
