using System.Globalization;
using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Noise.WallClock;
using PerfModel.Tests.Calibration.Noise;
using Xunit.Abstractions;

namespace PerfModel.Tests.Models.Noise.ClosedForm;

/// <summary>
/// <see cref="NoiseRun"/>: the steps of a run from the closed forms, and <see cref="ClosedFormOptions.TimelineAgeSeconds"/>,
/// the age of the noise timelines it evaluates the collectives' steps at.
/// </summary>
public sealed class NoiseRunTests(ITestOutputHelper output)
{
    private const double W = 100e-6, C = 2e-6;


    private static readonly ClosedFormOptions Cold = ClosedFormOptions.Default with { InProgressAtStart = false };

    private static NoiseProfile Exponential() =>
        new([new NoiseSource("exp", EventRate.FromPerSecond(1000), new ExponentialDuration(TimeInterval.FromMicroseconds(5)))], false);

    [Fact]
    public void With_the_detours_in_progress_from_the_start_the_run_is_the_first_step_then_stationary_ones()
    {
        var shape = TestProfiles.Step(W, SyncShape.Barrier, C);
        var r = NoiseClosedForm.Evaluate(SharedFwqData.KvmProfile, shape, 1024);
        // The same rule, so the same double (ClosedFormResult.RunMeanStepSeconds is what the CLI prints).
        Assert.Equal(r.RunMeanStepSeconds(20), NoiseRun.MeanStepSeconds(SharedFwqData.KvmProfile, shape, 1024, 20));
        var steps = NoiseRun.StepSeconds(SharedFwqData.KvmProfile, shape, 1024, 5);
        Assert.Equal(r.FirstStepSeconds, steps[0]);
        Assert.All(steps.Skip(1), s => Assert.Equal(r.MeanStep.Seconds, s));
    }

    [Theory]
    [InlineData(SyncShape.None, 1.0)]
    [InlineData(SyncShape.Barrier, 1024.0)]
    [InlineData(SyncShape.Barrier, 131072.0)]
    public void A_cold_run_of_one_window_steps_starts_at_the_cold_first_step_and_settles_at_the_stationary_one(SyncShape sync, double ranks)
    {
        var shape = TestProfiles.Step(W, sync, C);
        var cold = NoiseClosedForm.Evaluate(SharedFwqData.KvmProfile, shape, ranks, Cold);
        var steps = NoiseRun.StepSeconds(SharedFwqData.KvmProfile, shape, ranks, 400, Cold);
        Assert.Equal(cold.FirstStepSeconds, steps[0]);
        // The chain's distribution after k steps tends to its stationary one, which the closed form finds by the same
        // power iteration (stopped at a change below 1e-13): 400 steps of the FWQ trace (detours up to 15.6 ms, steps of at
        // least 100 µs) are far past the build-up, so the last step equals the stationary step to rounding (1e-9).
        Assert.Equal(cold.MeanStep.Seconds, steps[^1], cold.MeanStep.Seconds * 1e-9);
        // The build-up: a cold start has fewer detours in progress than the stationary state, never more.
        Assert.All(steps, s => Assert.True(s <= cold.MeanStep.Seconds * (1 + 1e-9), $"step {s} above the stationary {cold.MeanStep.Seconds}"));
        // At 1,024 ranks the barrier's steps (about 8 ms) are shorter than the longest detours, so its second step is still
        // building up (at 131,072 the first step already lasts as long as they do).
        if (sync == SyncShape.Barrier && ranks == 1024)
            Assert.True(steps[1] < cold.MeanStep.Seconds * 0.5, $"the barrier's second step {steps[1]} should still be building up to {cold.MeanStep.Seconds}");
    }

    [Fact]
    public void Short_detours_make_a_cold_collective_stationary_from_the_second_step()
    {
        // Exponential 5 µs detours: after a 100 µs step nothing from before t = 0 could still run (P(D > 100 µs) = e^-20),
        // so the aged step equals the stationary one within the 0.1 % at which the run stops re-evaluating it.
        var shape = TestProfiles.Step(W, SyncShape.AllreduceRecursiveDoubling, C);
        var stationary = NoiseClosedForm.Evaluate(Exponential(), shape, 1000, Cold).MeanStep.Seconds;
        var steps = NoiseRun.StepSeconds(Exponential(), shape, 1000, 10, Cold);
        Assert.All(steps.Skip(1), s => Assert.Equal(stationary, s, stationary * 1e-3));
    }

    [Fact]
    public void Older_timelines_never_lower_the_stationary_step()
    {
        // An older timeline only adds in-progress remainders (ages up to the new age), so the step cannot fall; and
        // past the longest FWQ detour (15.6 ms) the age changes nothing (1e-9: the straddling bin is recomputed).
        var shape = TestProfiles.Step(W, SyncShape.Barrier, C);
        var previous = 0.0;
        foreach (var age in new[] { 1e-4, 3e-4, 1e-3, 3e-3, 1e-2 })
        {
            var step = NoiseClosedForm.Evaluate(SharedFwqData.KvmProfile, shape, 1024, ClosedFormOptions.Default with { TimelineAgeSeconds = age }).MeanStep.Seconds;
            Assert.True(step >= previous * (1 - 1e-12), $"age {age}: {step} below {previous}");
            previous = step;
        }
        var full = NoiseClosedForm.Evaluate(SharedFwqData.KvmProfile, shape, 1024).MeanStep.Seconds;
        var aged = NoiseClosedForm.Evaluate(SharedFwqData.KvmProfile, shape, 1024, ClosedFormOptions.Default with { TimelineAgeSeconds = 10 }).MeanStep.Seconds;
        Assert.Equal(full, aged, full * 1e-9);
        Assert.True(previous < full, "at 10 ms some FWQ detours are still too young to be in progress");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void A_timeline_age_that_is_not_positive_is_refused_by_name(double age)
    {
        var e = Assert.Throws<InvalidDescriptionException>(() => ClosedFormOptions.Default with { TimelineAgeSeconds = age });
        Assert.Contains(nameof(ClosedFormOptions.TimelineAgeSeconds), e.Message);
    }

    [Fact]
    public void A_run_has_at_least_one_step()
    {
        var shape = TestProfiles.Step(W, SyncShape.Barrier, C);
        Assert.Throws<ArgumentOutOfRangeException>(() => NoiseRun.StepSeconds(Exponential(), shape, 64, 0));
    }

    /// <summary>
    /// The run's build-up against the wall-clock simulator, where it decides the result: the FWQ trace's barrier at 1,024
    /// ranks from a cold start, whose steps take about ten steps to reach the stationary one (detours up to 15.6 ms in
    /// steps of about 8 ms). The run of 20 steps from the chain's transient agrees within 3 standard errors; the first
    /// step followed at once by stationary ones (<see cref="ClosedFormResult.RunMeanStepSeconds"/>) does not (measured
    /// with 325 trials: −1.1 % = 0.7 s.e. against +14.1 % = 8.6 s.e.).
    /// </summary>
    [Fact]
    public void The_cold_barrier_run_follows_the_simulator_and_the_run_without_build_up_does_not()
    {
        var shape = TestProfiles.Step(W, SyncShape.Barrier, C);
        const int steps = 20;
        var sim = WallClockSimulator.Simulate(SharedFwqData.KvmProfile, shape, 1024, new WallClockOptions(120, steps, 20181, 2) { InProgressAtStart = false });
        var (mean, se) = sim.RunMeanStep(steps);
        var run = NoiseRun.MeanStepSeconds(SharedFwqData.KvmProfile, shape, 1024, steps, Cold);
        var noBuildUp = NoiseClosedForm.Evaluate(SharedFwqData.KvmProfile, shape, 1024, Cold).RunMeanStepSeconds(steps);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"simulated {mean * 1e6:F1} ± {se * 1e6:F1} us; run {run * 1e6:F1} us ({(run - mean) / se:+0.0;-0.0} s.e.); without build-up {noBuildUp * 1e6:F1} us ({(noBuildUp - mean) / se:+0.0;-0.0} s.e.)"));
        Assert.True(Math.Abs(run - mean) <= 3 * se, "the run's build-up should agree within 3 s.e.");
        Assert.True(Math.Abs(noBuildUp - mean) > 3 * se, "the run without build-up should miss by more than 3 s.e.");
    }

    [Fact]
    public void The_evaluation_estimate_counts_one_per_followed_age()
    {
        var barrier = TestProfiles.Step(W, SyncShape.Barrier, C);
        var allreduce = TestProfiles.Step(W, SyncShape.AllreduceRecursiveDoubling, C);
        Assert.Equal(1, NoiseRun.EvaluationsEstimate(allreduce, 20));
        Assert.Equal(1, NoiseRun.EvaluationsEstimate(allreduce, 1, Cold));
        Assert.Equal(2, NoiseRun.EvaluationsEstimate(barrier, 20, Cold));
        // 2 + ⌈log_1.25(200)⌉ = 2 + ⌈23.74⌉.
        Assert.Equal(26, NoiseRun.EvaluationsEstimate(allreduce, 20, Cold));
    }

    [Fact]
    public void A_million_step_cold_run_is_the_stationary_step_up_to_its_build_up()
    {
        // The chain stops iterating once its distribution has settled (as the stationary power iteration does), so a run
        // as long as the CLI allows (10⁶ steps) is cheap; its mean differs from the stationary step only by the build-up,
        // about ten steps short by up to 8 ms each: below 10⁻⁴ of the stationary step over 10⁶ steps.
        var shape = TestProfiles.Step(W, SyncShape.Barrier, C);
        var stationary = NoiseClosedForm.Evaluate(SharedFwqData.KvmProfile, shape, 1024, Cold).MeanStep.Seconds;
        var mean = NoiseRun.MeanStepSeconds(SharedFwqData.KvmProfile, shape, 1024, 1_000_000, Cold);
        Assert.True(mean < stationary, "the build-up lowers the run's mean");
        Assert.Equal(stationary, mean, stationary * 1e-4);
    }
}
