using PerfModel.Calibration.Noise;
using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Noise.WallClock;
using PerfModel.Noise.Spec;
using PerfModel.Profiles;

namespace PerfModel.Tests.Notebooks;

/// <summary>What notebooks/02-noise-at-scale.ipynb says, held by the library's numbers, by the wall-clock simulator and by
/// analytic limits.</summary>
public sealed class NoiseAtScaleNotebookTests
{
    private static readonly StepShape Allreduce = new(TimeInterval.FromMicroseconds(100), SyncShape.AllreduceRecursiveDoubling, TimeInterval.FromMicroseconds(2));
    private static readonly StepShape Barrier = new(TimeInterval.FromMilliseconds(1), SyncShape.Barrier, TimeInterval.Zero);
    private static readonly WallClockOptions Run10 = new(trials: 40, steps: 10, seed: 1);

    [Fact]
    public void Closed_form_and_simulation_agree_to_a_fraction_of_a_percent_for_a_light_tail()
    {
        var rows = NoiseComparison.Compare(NoiseSpec.Parse("poisson(rate=1000/s, dur=exp(2us))"), Allreduce, [64, 1000, 4096], Run10);
        Assert.All(rows, r =>
        {
            Assert.True(r.Agrees, $"{r.Ranks} ranks: {r.RelativeDifference:P3}, {r.StandardErrors:F2} standard errors");
            Assert.True(Math.Abs(r.RelativeDifference) < 0.005, $"{r.Ranks} ranks: {r.RelativeDifference:P3}");
        });
    }

    [Fact]
    public void The_fwq_trace_and_its_loggopsim_form_part_ways_from_the_simulator_as_p_grows()
    {
        // The notebook says the closed form's stationary step falls below the simulator's for the real trace as P grows.
        // Held as stated: within 30 % at 64 ranks (measured +21.5 % for the FWQ file with 40 trials of 10 steps), below the
        // simulator by more than 3 standard errors at 4,096.
        var fwq = FwqTrace.ToNoiseProfile(FwqTrace.Load(Path.Combine(RepoPaths.DataDir, "noise", "kvm-2core-fwq.csv")), "kvm-fwq");
        var replay = NoiseTraceFile.Load(Path.Combine(RepoPaths.DataDir, "noise", "kvm-core0-loggopsim.txt"));
        foreach (var noise in new[] { fwq, replay })
        {
            var rows = NoiseComparison.Compare(noise, Allreduce, [64, 4096], Run10);
            Assert.True(Math.Abs(rows[0].RelativeDifference) < 0.3, $"64 ranks: {rows[0].RelativeDifference:P2}");
            Assert.True(rows[1].StandardErrors < -3, $"4,096 ranks: {rows[1].RelativeDifference:P2}, {rows[1].StandardErrors:F1} s.e.");
        }
    }

    [Theory]
    [InlineData(64, 1.03, 1.10)]
    [InlineData(1024, 2.2, 3.0)]
    [InlineData(131072, 10.9, 11.5)]
    public void A_10ms_daemon_every_10s_costs_what_the_notebook_says(long ranks, double low, double high)
    {
        // The notebook's numbers (about 7 %, about 2.6 ms of a 1 ms step, about 11x) with the simulator as the check: the
        // closed form's stationary step agrees with a 10-step simulation within 1 % or 3 standard errors.
        var noise = NoiseSpec.Parse("poisson(rate=0.1/s, dur=fixed(10ms))");
        var r = NoiseScaling.Curve(noise, Barrier, [ranks])[0].Result;
        Assert.InRange(r.Slowdown, low, high);
        if (ranks <= 1024)
        {
            // 64 ranks: agreement. 1,024 ranks: the closed form's long-run step is low by 10.0 % (3.6 standard errors of
            // 400 trials) — a measured error of the closed form for detours 10x the step, listed in the README; held at
            // 15 % so that it cannot grow unnoticed.
            var row = NoiseComparison.Compare(noise, Barrier, [ranks], new WallClockOptions(trials: ranks == 64 ? 4000 : 400, steps: 10, seed: 3))[0];
            if (ranks == 64) Assert.True(row.Agrees, $"{ranks} ranks: {row.RelativeDifference:P2}, {row.StandardErrors:F2} s.e.");
            else Assert.True(Math.Abs(row.RelativeDifference) < 0.15, $"{ranks} ranks: {row.RelativeDifference:P2}, {row.StandardErrors:F2} s.e.");
        }
        // Independent lower bound: the detours that start in the window alone give 1 + (d/W)(1 − e^(−λWP)).
        Assert.True(r.Slowdown >= 1 + 10 * (1 - Math.Exp(-0.1 * 1e-3 * ranks)) - 1e-9);
    }

    [Fact]
    public void The_co_scheduled_daemon_costs_its_share_of_time_at_every_scale()
    {
        // Every rank loses the same detour at the same time: the step is one rank's, slowdown 1 + λ d = 1.001 (to first
        // order in λd = 0.001; 1e-4 covers the second-order term), whatever P.
        var curve = NoiseScaling.Curve(NoiseSpec.Parse("poisson(rate=0.1/s, dur=fixed(10ms)) @cosched"), Barrier, [64, 131072]);
        Assert.All(curve, p => Assert.Equal(1.001, p.Result.Slowdown, 1e-4));
    }

    [Fact]
    public void Linux_default_noise_grows_with_the_machine()
    {
        var curve = NoiseScaling.Curve(Defaults.Os("linux").Noise, Barrier, [64, 1024, 16384, 131072]);
        for (var i = 1; i < curve.Length; i++) Assert.True(curve[i].Result.Slowdown > curve[i - 1].Result.Slowdown);
    }

    [Fact]
    public void An_independent_tick_saturates_an_aligned_tick_stays_and_poisson_keeps_growing()
    {
        var window = new StepShape(TimeInterval.FromMicroseconds(100), SyncShape.Barrier, TimeInterval.Zero);
        double Step(string spec, long p) => NoiseClosedForm.Evaluate(NoiseSpec.Parse(spec), window, p).MeanStep.Seconds;
        const string tick = "periodic(freq=1kHz, dur=fixed(2us))";
        // Own phase: at most one tick starts in 100 us, plus at most what is left of one in progress: the step is bounded
        // by W + 2 d = 104 us at any P, and reaches W + d = 102 us once some rank surely meets one.
        Assert.InRange(Step(tick, 131072), 102e-6 - 1e-12, 104e-6);
        // Aligned: one rank's step at any P.
        Assert.Equal(Step(tick + " @cosched", 1), Step(tick + " @cosched", 131072), 1e-15);
        // Poisson of the same rate and length: a window can hold any number of detours, so the maximum keeps growing.
        Assert.True(Step("poisson(rate=1000/s, dur=fixed(2us))", 131072) > 104e-6);
        var sim = NoiseComparison.Compare(NoiseSpec.Parse(tick), window, [64, 4096], new WallClockOptions(trials: 40, steps: 1, seed: 1));
        Assert.All(sim, r => Assert.True(r.Agrees, $"{r.Ranks} ranks: {r.RelativeDifference:P3}"));
    }

    [Fact]
    public void Heavy_tails_make_the_first_step_infinite_below_alpha_2_and_finite_above()
    {
        var heavyWindow = new StepShape(TimeInterval.FromMicroseconds(200), SyncShape.Barrier, TimeInterval.Zero);
        ClosedFormResult At(double alpha) => NoiseClosedForm.Evaluate(
            NoiseSpec.Parse($"poisson(rate=1000/s, dur=fixed(2us)) + poisson(rate=2/s, dur=pareto(scale=20us, alpha={alpha}))"), heavyWindow, 131072);
        // The equilibrium remainder of a Pareto(α) detour has tail index α − 1: infinite mean for α ≤ 2.
        Assert.True(double.IsPositiveInfinity(At(1.5).FirstStepSeconds));
        Assert.True(double.IsPositiveInfinity(At(2.0).FirstStepSeconds));
        Assert.True(double.IsFinite(At(2.5).FirstStepSeconds) && double.IsFinite(At(2.5).MeanStep.Seconds));
        Assert.True(double.IsFinite(At(1.5).MeanStep.Seconds));
    }

    [Fact]
    public void The_wall_clock_step_of_minife_nears_the_first_step_at_scale()
    {
        // The notebook: the first step (remainders at the start) is the slower at every rank count, but at 131,072 ranks the
        // long run's step (a late rank carries its delay) nearly reaches it — "379 µs" against "384 µs" of delay (378.6,
        // 384.3); at 16,384 ranks it is well below (39.6 against 105.5 µs). With a rare long detour; the default Linux
        // noise alone has none.
        var minife = new StepShape(TimeInterval.FromMicroseconds(32.6), SyncShape.AllreduceRecursiveDoubling, TimeInterval.FromMicroseconds(1.94));
        // Linux's default noise plus the notebook's what-if rare 500 µs detour at 0.05/s (no measurement gives its rate).
        // (Linux's class of noisy cores is left out, as in the notebook: a spec's own terms come before its classes.)
        var linux = NoiseSpec.Parse(NoiseSpec.Format(Defaults.Os("linux").Noise with { NodeClasses = [] }) + " + poisson(rate=0.05/s, dur=fixed(500us), name=\"rare long detour (what-if)\")");
        var at16k = NoiseClosedForm.Evaluate(linux, minife, 16384);
        var at128k = NoiseClosedForm.Evaluate(linux, minife, 131072);
        Assert.True(at16k.FirstStepDelaySeconds > 2 * at16k.Delay.Seconds);
        Assert.Equal(379e-6, at128k.Delay.Seconds, 0.5e-6);
        Assert.Equal(384e-6, at128k.FirstStepDelaySeconds, 0.5e-6);
        // "recursive doubling's own approximation gave 421 µs there" (421.5)
        Assert.Equal(421e-6, NoiseClosedForm.Evaluate(linux, minife, 131072, ClosedFormOptions.Default with { LongDetoursAsBarrier = false }).Delay.Seconds, 0.5e-6);
        // "the wall-clock simulator agrees with both within three standard errors" (200 trials: 394 ± 9 and 386 ± 4 µs;
        // here 40 trials of 30 steps after a burn-in of 10).
        var sim = WallClockSimulator.Simulate(linux, minife, 131072, new WallClockOptions(40, 30, 20181, 2) { BurnInSteps = 10 });
        Assert.InRange(at128k.FirstStepSeconds - sim.FirstStepSeconds, -3 * sim.FirstStepStandardErrorSeconds, 3 * sim.FirstStepStandardErrorSeconds);
        Assert.InRange(at128k.MeanStep.Seconds - sim.StationaryStepSeconds, -3 * sim.StationaryStandardErrorSeconds, 3 * sim.StationaryStandardErrorSeconds);
    }

    [Fact]
    public void Long_detours_of_linux_noisy_cores_are_charged_as_a_barrier_for_minife()
    {
        // "Detours longer than the step": MiniFE's step at 1,024 nodes, "119.2 us" with the rule, "135.2 us" without it;
        // "about 42 us of CPU time" (16.11 + 16 x 1.61 = 41.9 us), the noisy cores' detours "about 1 ms" (1.009 ms).
        var minife = new StepShape(TimeInterval.FromMicroseconds(16.11), SyncShape.AllreduceRecursiveDoubling, TimeInterval.FromMicroseconds(1.61)) { RanksPerNode = 64 };
        var noise = Defaults.Os("linux").Noise;
        Assert.Equal(41.9, minife.NoiseFree(65536).Microseconds, 0.05);
        var with = NoiseClosedForm.Evaluate(noise, minife, 65536, ClosedFormOptions.Fast);
        var without = NoiseClosedForm.Evaluate(noise, minife, 65536, ClosedFormOptions.Fast with { LongDetoursAsBarrier = false });
        Assert.Equal(119.2, with.MeanStep.Microseconds, 0.05);
        Assert.Equal(135.2, without.MeanStep.Microseconds, 0.05);
        Assert.Equal("noisy core (fwq-th noisiest worker)", Assert.Single(with.LongDetourSources));
        Assert.Empty(without.LongDetourSources);
    }

    [Fact]
    public void A_cold_fwq_barrier_run_takes_about_ten_steps_to_build_up()
    {
        // The notebook says the FWQ trace's cold barrier steps at 1,024 ranks (about 8 ms) take about ten steps to reach
        // the stationary one. Held on the closed form: step 3 below 60 % of the stationary step (measured 46 %), step 10
        // within 10 % of it (95.5 %), the stationary step between 7 and 9.5 ms (8.26 ms). The simulator's per-step means
        // (NoiseRunTests, the matrix's run of 20) agree with this build-up.
        var shape = new StepShape(TimeInterval.FromMicroseconds(100), SyncShape.Barrier, TimeInterval.Zero);
        var cold = ClosedFormOptions.Default with { InProgressAtStart = false };
        var fwq = Calibration.Noise.SharedFwqData.KvmProfile;
        var steps = NoiseRun.StepSeconds(fwq, shape, 1024, 20, cold);
        var stationary = NoiseClosedForm.Evaluate(fwq, shape, 1024, cold).MeanStep.Seconds;
        Assert.InRange(stationary, 7e-3, 9.5e-3);
        Assert.True(steps[2] < 0.6 * stationary, $"step 3: {steps[2] / stationary:P1} of the stationary step");
        Assert.True(steps[9] > 0.9 * stationary, $"step 10: {steps[9] / stationary:P1} of the stationary step");
    }
}
