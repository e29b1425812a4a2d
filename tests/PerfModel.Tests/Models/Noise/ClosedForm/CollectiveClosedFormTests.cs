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
            var k = sync is SyncShape.None or SyncShape.Barrier ? 0 : NoiseClosedForm.Rounds(p);
            var expected = W + k * C + (sync == SyncShape.TreeReduceBroadcast ? k / 2.0 * C : 0);
            // Exact up to rounding of c to the lattice (c = 2 µs sits on it): 1e-12 relative.
            Assert.Equal(expected, r.MeanStep.Seconds, expected * 1e-12);
            Assert.Equal(expected, r.NoiseFree.Seconds, expected * 1e-12);
        }
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(64.0)]
    [InlineData(1048576.0)]
    public void Barrier_step_is_work_plus_the_expected_maximum(double p)
    {
        var r = NoiseClosedForm.Evaluate(Tick, TestProfiles.Step(W, SyncShape.Barrier, 0), p);
        var expected = W + PoissonReference.ExpectedMaxOfScaledPoisson(Lambda * W, D, p);
        // Fixed durations on an exact lattice: the only error is floating-point rounding, 1e-12 relative.
        Assert.Equal(expected, r.MeanStep.Seconds, expected * 1e-12);
        Assert.True(r.ExactLattice);
    }

    [Fact]
    public void Two_rank_allreduce_is_the_maximum_of_two_windows_of_work_plus_one_round()
    {
        // P = 2, k = 1: T = max over the two ranks of W + c + X(W) + X(c); Poisson increments add, so each rank's delay is
        // X(W + c) and E[T] = W + c + E[max of 2 copies of X(W + c)].
        var r = NoiseClosedForm.Evaluate(Tick, TestProfiles.Step(W, SyncShape.AllreduceRecursiveDoubling, C), 2);
        var expected = W + C + PoissonReference.ExpectedMaxOfScaledPoisson(Lambda * (W + C), D, 2);
        Assert.Equal(expected, r.MeanStep.Seconds, expected * 1e-12);
    }

    [Fact]
    public void Co_scheduled_noise_is_not_amplified_by_any_collective()
    {
        var co = Tick with { CoScheduled = true };
        foreach (var sync in new[] { SyncShape.AllreduceRecursiveDoubling, SyncShape.DisseminationBarrier })
        {
            var r = NoiseClosedForm.Evaluate(co, TestProfiles.Step(W, sync, C), 131072);
            var k = NoiseClosedForm.Rounds(131072);
            // Every rank sees the same detours: T = W + k c + X(W + k c), E = W + k c + λ (W + k c) d.
            var expected = W + k * C + Lambda * (W + k * C) * D;
            Assert.Equal(expected, r.MeanStep.Seconds, expected * 1e-12);
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
    public void Continuous_durations_are_bracketed_and_the_bracket_is_small()
    {
        var noise = new NoiseProfile([TestProfiles.Source("exp", Lambda, new ExponentialDuration(TimeInterval.FromSeconds(D)))], false);
        var r = NoiseClosedForm.Evaluate(noise, TestProfiles.Step(W, SyncShape.AllreduceRecursiveDoubling, C), 16384);
        Assert.False(r.ExactLattice);
        Assert.True(r.LowerBound.Seconds <= r.MeanStep.Seconds && r.MeanStep.Seconds <= r.UpperBound.Seconds);
        // The bracket is first order in the step h: about 2h per detour on the critical path (~4 here, h = U/4096), so
        // ≤ 5% of the noise delay and ≤ 0.2% of the step time at the default 4,096 points.
        Assert.True(r.ErrorBound.Seconds <= 0.05 * r.Delay.Seconds, $"bound {r.ErrorBound.Seconds} vs delay {r.Delay.Seconds}");
        Assert.True(r.ErrorBound.Seconds <= 0.002 * r.MeanStep.Seconds, $"bound {r.ErrorBound.Seconds} vs step {r.MeanStep.Seconds}");
        // A 2x finer lattice lands inside the coarse bracket (the bracket really bounds the exact value).
        var fine = NoiseClosedForm.Evaluate(noise, TestProfiles.Step(W, SyncShape.AllreduceRecursiveDoubling, C), 16384, new ClosedFormOptions { DenseBins = 8192 });
        Assert.InRange(fine.MeanStep.Seconds, r.LowerBound.Seconds, r.UpperBound.Seconds);
    }

    [Fact]
    public void Run_spread_orders_min_median_max_around_the_mean()
    {
        var r = NoiseClosedForm.Evaluate(Tick, TestProfiles.Step(W, SyncShape.Barrier, 0), 64, new ClosedFormOptions { Runs = 5 });
        Assert.True(r.Runs.Min.Seconds <= r.Runs.Median.Seconds && r.Runs.Median.Seconds <= r.Runs.Max.Seconds);
        Assert.True(r.Runs.Min.Seconds <= r.MeanStep.Seconds && r.MeanStep.Seconds <= r.Runs.Max.Seconds);
        // One run of one draw: the order statistics of 1 draw are the mean itself (1e-12 relative).
        var one = NoiseClosedForm.Evaluate(Tick, TestProfiles.Step(W, SyncShape.Barrier, 0), 64, new ClosedFormOptions { Runs = 1 });
        Assert.Equal(one.MeanStep.Seconds, one.Runs.Median.Seconds, one.MeanStep.Seconds * 1e-12);
    }
}
