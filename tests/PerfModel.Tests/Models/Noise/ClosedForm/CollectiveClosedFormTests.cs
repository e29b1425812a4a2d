using PerfModel.Descriptions;
using PerfModel.Noise;

namespace PerfModel.Tests.Models.Noise.ClosedForm;

/// <summary>Step shapes of <see cref="NoiseClosedForm"/> against analytic limits and independent references.</summary>
public sealed class CollectiveClosedFormTests
{
    private const double W = 100e-6, C = 2e-6, Lambda = 2000, D = 1e-6;
    private static readonly NoiseProfile Tick = new([TestProfiles.Source("tick", Lambda, D)], false);

    [Theory]
    [InlineData(SyncShape.None)]
    [InlineData(SyncShape.Barrier)]
    [InlineData(SyncShape.AllreduceRecursiveDoubling)]
    [InlineData(SyncShape.DisseminationBarrier)]
    [InlineData(SyncShape.TreeReduceBroadcast)]
    public void No_noise_gives_the_noise_free_step_at_every_scale(SyncShape sync)
    {
        foreach (var p in new[] { 1.0, 64, 131072, 16777216 })
        {
            var r = NoiseClosedForm.Evaluate(NoiseProfile.None, TestProfiles.Step(W, sync, C), p);
            var k = NoiseClosedForm.Rounds(sync, p);
            // These P are powers of two: the tree's reduce and broadcast each take k rounds.
            var expected = W + (sync == SyncShape.TreeReduceBroadcast ? 2 * k : k) * C;
            // Exact: no noise, no grid (1e-12 relative).
            Assert.Equal(expected, r.MeanStep.Seconds, expected * 1e-12);
            Assert.Equal(expected, r.NoiseFree.Seconds, expected * 1e-12);
        }
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(64.0)]
    [InlineData(1048576.0)]
    public void Barrier_first_step_from_a_cold_start_is_work_plus_the_expected_maximum_of_the_starts(double p)
    {
        // With nothing in progress at t = 0, the first window is charged the detours that start in it: N ~ Poisson(λW)
        // fixed detours of d, and E[first step] = W + E[max of P copies of d·N].
        var cold = ClosedFormOptions.Default with { InProgressAtStart = false };
        var r = NoiseClosedForm.Evaluate(Tick, TestProfiles.Step(W, SyncShape.Barrier, 0), p, cold);
        var expected = W + PoissonReference.ExpectedMaxOfScaledPoisson(Lambda * W, D, p);
        // Fixed durations sit on grid points: the only error is floating-point rounding (1.04e-12 relative at P = 2^20,
        // from 1 − (1 − S)^P on survivals summed in double precision).
        Assert.Equal(expected, r.FirstStepSeconds, expected * 1e-11);
    }

    [Fact]
    public void Barrier_first_step_pays_the_remainders_in_progress_and_the_stationary_step_lies_between()
    {
        // The wall-clock first step adds the remainders of the detours in progress at t = 0; a long run's step is charged
        // only those started in the last gap, so it lies between the cold start and the first step.
        var shape = TestProfiles.Step(W, SyncShape.Barrier, 0);
        var warm = NoiseClosedForm.Evaluate(Tick, shape, 1024);
        var cold = NoiseClosedForm.Evaluate(Tick, shape, 1024, ClosedFormOptions.Default with { InProgressAtStart = false });
        Assert.True(cold.FirstStepSeconds < warm.FirstStepSeconds);
        Assert.InRange(warm.MeanStep.Seconds, cold.FirstStepSeconds, warm.FirstStepSeconds);
        // The stationary step does not depend on how the run started.
        Assert.Equal(warm.MeanStep.Seconds, cold.MeanStep.Seconds, 1e-15);
    }

    [Fact]
    public void Co_scheduled_noise_is_not_amplified_by_any_collective()
    {
        var co = Tick with { CoScheduled = true };
        foreach (var sync in new[] { SyncShape.AllreduceRecursiveDoubling, SyncShape.DisseminationBarrier })
        {
            var small = NoiseClosedForm.Evaluate(co, TestProfiles.Step(W, sync, C), 64);
            var large = NoiseClosedForm.Evaluate(co, TestProfiles.Step(W, sync, C), 131072);
            foreach (var (r, p) in new[] { (small, 64), (large, 131072) })
            {
                var cpu = W + NoiseClosedForm.Rounds(sync, p) * C;
                // Every rank sees the same detours: the step is one timeline's CPU time plus its noise, λ·cpu·d from the
                // detours that start in it and a little more from those that start in its stretch (λd = 0.2 %).
                Assert.InRange(r.Delay.Seconds, Lambda * cpu * D, Lambda * cpu * D * (1 + 2 * Lambda * D));
            }
        }
    }

    [Fact]
    public void Collectives_amplify_more_than_their_own_rounds_and_grow_with_p()
    {
        var previous = 0.0;
        foreach (var p in new[] { 64.0, 1024, 16384, 131072 })
        {
            var rd = NoiseClosedForm.Evaluate(Tick, TestProfiles.Step(W, SyncShape.AllreduceRecursiveDoubling, C), p);
            var barrier = NoiseClosedForm.Evaluate(Tick, TestProfiles.Step(W, SyncShape.Barrier, 0), p);
            // The allreduce waits for every rank's compute (like the barrier) and then its rounds: never less.
            Assert.True(rd.Delay.Seconds >= barrier.Delay.Seconds - 1e-15, $"P={p}: {rd.Delay.Seconds} < {barrier.Delay.Seconds}");
            Assert.True(rd.Delay.Seconds >= previous, $"P={p}: delay fell from {previous} to {rd.Delay.Seconds}");
            previous = rd.Delay.Seconds;
        }
    }

    [Fact]
    public void Continuous_durations_converge_as_the_grid_is_refined()
    {
        var noise = new NoiseProfile([TestProfiles.Source("exp", Lambda, new ExponentialDuration(TimeInterval.FromSeconds(D)))], false);
        var shape = TestProfiles.Step(W, SyncShape.AllreduceRecursiveDoubling, C);
        var r = NoiseClosedForm.Evaluate(noise, shape, 16384);
        var fine = NoiseClosedForm.Evaluate(noise, shape, 16384, new ClosedFormOptions { LinearPoints = 1024, TailRatio = 0.0125, GeometricPoints = 1920 });
        // The grid error is second order in the spacing: the default grid is within 1% of the delay of a 4x finer one.
        Assert.Equal(fine.Delay.Seconds, r.Delay.Seconds, 0.01 * fine.Delay.Seconds);
    }

    [Fact]
    public void Run_spread_orders_min_median_max_around_the_mean()
    {
        var r = NoiseClosedForm.Evaluate(Tick, TestProfiles.Step(W, SyncShape.Barrier, 0), 64, new ClosedFormOptions { Runs = 5 });
        Assert.True(r.Runs.Min.Seconds <= r.Runs.Median.Seconds && r.Runs.Median.Seconds <= r.Runs.Max.Seconds);
        Assert.True(r.Runs.Min.Seconds <= r.FirstStepSeconds && r.FirstStepSeconds <= r.Runs.Max.Seconds);
        // One run of one step (the first): the order statistics of 1 draw are its mean itself (1e-12 relative).
        var one = NoiseClosedForm.Evaluate(Tick, TestProfiles.Step(W, SyncShape.Barrier, 0), 64, new ClosedFormOptions { Runs = 1 });
        Assert.Equal(one.FirstStepSeconds, one.Runs.Median.Seconds, one.FirstStepSeconds * 1e-12);
    }
}
