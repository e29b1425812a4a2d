using System.Globalization;
using PerfModel.Noise;
using PerfModel.Noise.Spec;
using PerfModel.Noise.WallClock;
using PerfModel.Profiles;
using Xunit.Abstractions;

namespace PerfModel.Tests.Models.Noise.ClosedForm;

/// <summary>
/// Detours many steps long in an allreduce and a dissemination barrier: Linux's default noise (every core's short
/// Pareto detours plus the noisy cores' 1 ms detours, about 6 steps of W = 100 µs + 16–18 rounds of 2 µs), 64 ranks per node,
/// closed form (the predictor's <see cref="ClosedFormOptions.Fast"/>) against the wall-clock simulator's stationary step
/// (30 steps after a burn-in of 10, seed 20181). The closed form treats the long source as a barrier over the step's CPU
/// time (<see cref="ClosedFormOptions.LongDetoursAsBarrier"/>); the collective's own stationary approximation under every
/// source is the model without that rule, and must miss where the long detours dominate (P = 65,536).
/// </summary>
public sealed class LongDetourAgreementTests(ITestOutputHelper output)
{
    private const int Steps = 30, BurnIn = 10;

    [Theory]
    [InlineData(SyncShape.AllreduceRecursiveDoubling, 16384, 200)]
    [InlineData(SyncShape.DisseminationBarrier, 65536, 100)]
    public void Long_detours_hold_the_collective_like_a_barrier(SyncShape sync, long ranks, int trials)
    {
        var sim = Simulate(sync, ranks, trials);
        Assert.True(Within(Closed(sync, ranks, ClosedFormOptions.Fast, sim), sim));
    }

    [Fact]
    public void The_allreduce_at_65536_ranks_agrees_with_the_rule_and_misses_without_it()
    {
        var sim = Simulate(SyncShape.AllreduceRecursiveDoubling, 65536, 200);
        Assert.True(Within(Closed(SyncShape.AllreduceRecursiveDoubling, 65536, ClosedFormOptions.Fast, sim), sim));
        // The model without the effect: recursive doubling's own stationary approximation under every source, on the same
        // simulator run. It must fall outside the criterion the rule meets (measured +8.0 %, 3.3 s.e.; +9.5 % before the predictor's grid resolved the short detours).
        var without = Closed(SyncShape.AllreduceRecursiveDoubling, 65536, ClosedFormOptions.Fast with { LongDetoursAsBarrier = false }, sim);
        Assert.False(Within(without, sim));
        Assert.True(without > sim.StationaryStepSeconds);
    }

    /// <summary>
    /// A measured limit of the rule, held so that it cannot grow unnoticed: detours that are long and frequent — fixed
    /// 10 ms at 2/s on every core, about 33 of them in a step of 1,024 ranks — are not held like one barrier. A rank that
    /// waits for a partner held by one is itself hit, with the step's other detours, by one that began during its wait and
    /// is charged its remainder when the message arrives, so the delays chain along the exchanges: the simulated stationary
    /// step is 16.4 ms (first step 12.3 ms), a barrier over the same CPU time 10.1 ms. The closed form, which takes the
    /// barrier here, is measured −38 %; recursive doubling's own recursion under every source −19 % (13.3 ms). Its receive
    /// windows are charged the in-progress remainders of their own gaps given when they start
    /// (<see cref="ClosedFormOptions.ReceivesConditionedOnStart"/>): the ranks that waited long — the ones on the critical
    /// path — hold the older, longer detours. The effect is held against the model without it: with the age weights averaged
    /// over every start the first step is −12.3 % = 5.4 s.e. off the simulated one (outside the agreement criterion), with
    /// them conditioned −3.2 % = 1.4 s.e. (inside); the stationary recursion −29.5 % and −19.3 %. Linux's default long
    /// detours (1 ms at 0.6/s on one core in 48) come about 0.1 times in a step of 65,536 ranks, where the rule agrees
    /// (above).
    /// </summary>
    [Fact]
    public void Frequent_long_detours_chain_beyond_a_barrier_a_measured_limit()
    {
        var noise = NoiseSpec.Parse("poisson(rate=2/s, dur=fixed(10ms))");
        var shape = TestProfiles.Step(100e-6, SyncShape.AllreduceRecursiveDoubling, 2e-6);
        var sim = WallClockSimulator.Simulate(noise, shape, 1024, new WallClockOptions(40, Steps, 20181, 2) { BurnInSteps = BurnIn });
        var closed = NoiseClosedForm.Evaluate(noise, shape, 1024, ClosedFormOptions.Fast);
        var recursion = NoiseClosedForm.Evaluate(noise, shape, 1024, ClosedFormOptions.Fast with { LongDetoursAsBarrier = false });
        var averaged = NoiseClosedForm.Evaluate(noise, shape, 1024, ClosedFormOptions.Fast with { LongDetoursAsBarrier = false, ReceivesConditionedOnStart = false });
        var s = sim.StationaryStepSeconds;
        string Line(string what, double value, double truth, double se) => string.Create(CultureInfo.InvariantCulture,
            $"fixed 10 ms at 2/s, recursive doubling P=1024 {what}: closed {value * 1e6:F1} us, simulated {truth * 1e6:F1} ± {se * 1e6:F1} us (40 trials), error {(value / truth - 1) * 100:+0.0;-0.0} % = {(value - truth) / se:+0.0;-0.0} s.e.");
        output.WriteLine(Line("stationary (long detours as barrier)", closed.MeanStep.Seconds, s, sim.StationaryStandardErrorSeconds));
        output.WriteLine(Line("stationary (the recursion alone)", recursion.MeanStep.Seconds, s, sim.StationaryStandardErrorSeconds));
        output.WriteLine(Line("stationary (the recursion, receive weights averaged over starts)", averaged.MeanStep.Seconds, s, sim.StationaryStandardErrorSeconds));
        output.WriteLine(Line("first step", closed.FirstStepSeconds, sim.FirstStepSeconds, sim.FirstStepStandardErrorSeconds));
        output.WriteLine(Line("first step (receive weights averaged over starts)", averaged.FirstStepSeconds, sim.FirstStepSeconds, sim.FirstStepStandardErrorSeconds));
        // The rule falls below the simulated step by far more than the agreement criterion, and so does the recursion,
        // less far: measured −38 % and −19 % (−29 % with averaged receive weights), held at 45 %, 25 % and 35 %.
        Assert.False(Within(closed.MeanStep.Seconds, sim));
        Assert.InRange(closed.MeanStep.Seconds / s - 1, -0.45, -0.01);
        Assert.InRange(recursion.MeanStep.Seconds / s - 1, -0.25, -0.01);
        Assert.InRange(averaged.MeanStep.Seconds / s - 1, -0.35, -0.01);
        Assert.True(recursion.MeanStep.Seconds > averaged.MeanStep.Seconds);
        Assert.True(averaged.MeanStep.Seconds > closed.MeanStep.Seconds);
        // The first step: conditioned on their start, the receives agree with the simulator (criterion of the matrix,
        // 3 s.e. of 40 trials here); averaged over their starts they do not.
        Assert.True(WithinFirst(closed.FirstStepSeconds, sim));
        Assert.False(WithinFirst(averaged.FirstStepSeconds, sim));
        Assert.True(averaged.FirstStepSeconds < closed.FirstStepSeconds);
    }

    [Fact]
    public void A_source_is_long_from_four_times_the_steps_cpu_time_at_2_pow_30_ranks()
    {
        // W = 100 us, rounds of c = 2 us: recursive doubling's CPU time at 2^30 ranks is 100 + 30 x 2 = 160 us, so a source
        // is long from a mean detour of 640 us, at every P alike; the tree keeps its own form.
        var rd = TestProfiles.Step(100e-6, SyncShape.AllreduceRecursiveDoubling, 2e-6);
        ClosedFormResult At(double us, StepShape shape, long ranks) => NoiseClosedForm.Evaluate(
            NoiseSpec.Parse($"poisson(rate=1kHz, dur=exp(2us)) + poisson(rate=1/s, dur=fixed({us.ToString(CultureInfo.InvariantCulture)}us), name=\"daemon\")"), shape, ranks, ClosedFormOptions.Fast);
        Assert.Empty(At(639, rd, 4096).LongDetourSources);
        Assert.Equal("daemon", Assert.Single(At(641, rd, 4096).LongDetourSources));
        Assert.Equal("daemon", Assert.Single(At(641, rd, 64).LongDetourSources));
        Assert.Empty(At(641, rd with { Sync = SyncShape.TreeReduceBroadcast }, 4096).LongDetourSources);
    }

    private static bool Within(double closed, WallClockResult sim) =>
        AgreementCriterion.Holds(closed, sim.StationaryStepSeconds, sim.StationaryStandardErrorSeconds);

    private static bool WithinFirst(double closed, WallClockResult sim) =>
        AgreementCriterion.Holds(closed, sim.FirstStepSeconds, sim.FirstStepStandardErrorSeconds);

    private static StepShape Shape(SyncShape sync) => TestProfiles.Step(100e-6, sync, 2e-6) with { RanksPerNode = 64 };

    private static WallClockResult Simulate(SyncShape sync, long ranks, int trials) =>
        WallClockSimulator.Simulate(Defaults.Os("linux").Noise, Shape(sync), ranks, new WallClockOptions(trials, Steps, 20181, 2) { BurnInSteps = BurnIn });

    private double Closed(SyncShape sync, long ranks, ClosedFormOptions options, WallClockResult sim)
    {
        var closed = NoiseClosedForm.Evaluate(Defaults.Os("linux").Noise, Shape(sync), ranks, options).MeanStep.Seconds;
        var s = sim.StationaryStepSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"linux {sync} P={ranks} stationary (long detours as barrier: {options.LongDetoursAsBarrier}): closed {closed * 1e6:F1} us, simulated {s * 1e6:F1} ± {sim.StationaryStandardErrorSeconds * 1e6:F1} us ({sim.Trials} trials), error {(closed / s - 1) * 100:+0.0;-0.0} % = {(closed - s) / sim.StationaryStandardErrorSeconds:+0.0;-0.0} s.e."));
        return closed;
    }
}
