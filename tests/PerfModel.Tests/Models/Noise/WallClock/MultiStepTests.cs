using System.Diagnostics;
using System.Globalization;
using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Noise.WallClock;
using PerfModel.Profiles;
using Xunit.Abstractions;

namespace PerfModel.Tests.Models.Noise.WallClock;

/// <summary>
/// Consecutive steps of a MiniFE-like step (W = 32.6 µs, recursive-doubling allreduce with rounds of 1.94 µs) under Linux's
/// default noise (2.4/s × 7.3 µs + 0.05/s × 500 µs). A late rank's delay carries into the next step, so from a cold start
/// (no detour running at t = 0) later steps are slower than the first; from a stationary start the first step also pays
/// the remainders of the detours already running at 0 (the inspection paradox, λE[D²]/2 per rank), which the long-run
/// steps do not. Both starts must settle to the same long-run step.
/// </summary>
public sealed class MultiStepTests(ITestOutputHelper output)
{
    private static readonly StepShape MiniFe = new(TimeInterval.FromMicroseconds(32.6), SyncShape.AllreduceRecursiveDoubling, TimeInterval.FromMicroseconds(1.94));

    private static string Us(double seconds) => (seconds * 1e6).ToString("F2", CultureInfo.InvariantCulture);

    private static double Combined(double a, double b) => Math.Sqrt(a * a + b * b);

    [Fact]
    public void BothStartsSettleToTheSameLongRunStep()
    {
        // P = 1,024 with 64× the hand-typed Linux's rates (a rare 500 us detour at 0.05/s): the same P·λ as P = 65,536
        // (P·λ·d = 1.6 running detours per instant), at 1/64 of the cost.
        var linux = PerfModel.Tests.Support.HandTypedDefaults.Study().Os["linux"].Noise;
        var noise = new NoiseProfile(linux.Sources.Select(s => s with { Rate = EventRate.FromPerSecond(64 * s.Rate.PerSecond) }));
        var options = new WallClockOptions(400, 10, 7) { BurnInSteps = 5 };
        var warm = WallClockSimulator.Simulate(noise, MiniFe, 1024, options);
        var cold = WallClockSimulator.Simulate(noise, MiniFe, 1024, options with { InProgressAtStart = false });
        output.WriteLine($"stationary start: first {Us(warm.FirstStepSeconds)} ± {Us(warm.FirstStepStandardErrorSeconds)} us, steps 6-10 {Us(warm.StationaryStepSeconds)} ± {Us(warm.StationaryStandardErrorSeconds)} us");
        output.WriteLine($"cold start:       first {Us(cold.FirstStepSeconds)} ± {Us(cold.FirstStepStandardErrorSeconds)} us, steps 6-10 {Us(cold.StationaryStepSeconds)} ± {Us(cold.StationaryStandardErrorSeconds)} us");
        Assert.True(cold.StationaryStepSeconds - cold.FirstStepSeconds > 4 * Combined(cold.StationaryStandardErrorSeconds, cold.FirstStepStandardErrorSeconds), "carry-over: later steps slower than a cold first step");
        Assert.True(warm.FirstStepSeconds - warm.StationaryStepSeconds > 4 * Combined(warm.StationaryStandardErrorSeconds, warm.FirstStepStandardErrorSeconds), "a stationary first step pays the running detours");
        SimulationReference.AssertWithinStandardErrors(warm.StationaryStepSeconds, cold.StationaryStepSeconds, Combined(warm.StationaryStandardErrorSeconds, cold.StationaryStandardErrorSeconds), 4, "long-run step from either start");
    }

    [Theory]
    [InlineData(16384, 24)]
    [InlineData(65536, 10)]
    public void MiniFeAtScale(long ranks, int trials)
    {
        var linux = Defaults.Os("linux").Noise;
        var sw = Stopwatch.StartNew();
        var warm = WallClockSimulator.Simulate(linux, MiniFe, ranks, new WallClockOptions(trials, 10, 2018));
        var seconds = sw.Elapsed.TotalSeconds;
        var cold = WallClockSimulator.Simulate(linux, MiniFe, ranks, new WallClockOptions(trials, 10, 2018) { InProgressAtStart = false });
        // The per-window rule (every step starts with all ranks aligned and is charged only the detours that start in its
        // own windows) is the first step of a cold start.
        var perWindow = WallClockSimulator.Simulate(linux, MiniFe, ranks, new WallClockOptions(200, 1, 2018) { InProgressAtStart = false });
        var perWindowDelay = perWindow.FirstStepSeconds - perWindow.NoiseFreeFirstStepSeconds;
        output.WriteLine($"P={ranks}, {warm.Rounds} rounds, {trials} trials x 10 steps ({seconds:F2} s, {warm.RankRounds / seconds / 1e6:F0} M rank-rounds/s)");
        foreach (var (w, c) in warm.Steps.Zip(cold.Steps))
            output.WriteLine($"  step {w.Index,2}: {Us(w.MeanSeconds)} ± {Us(w.StandardErrorSeconds)} us (slowest {Us(w.SlowestSeconds)}); cold start {Us(c.MeanSeconds)} ± {Us(c.StandardErrorSeconds)} us; noise-free {Us(w.NoiseFreeSeconds)} us");
        output.WriteLine($"  mean delay per step: first {Us(warm.FirstStepSeconds - warm.NoiseFreeFirstStepSeconds)} us (cold start {Us(cold.FirstStepSeconds - cold.NoiseFreeFirstStepSeconds)}), stationary steps 2-10 {Us(warm.StationaryDelaySeconds)} ± {Us(warm.StationaryStandardErrorSeconds)} us (cold start {Us(cold.StationaryDelaySeconds)} ± {Us(cold.StationaryStandardErrorSeconds)}); per-window simulator {Us(perWindowDelay)} ± {Us(perWindow.FirstStepStandardErrorSeconds)} us");
        Assert.True(warm.StationaryStepSeconds > warm.NoiseFreeStepSeconds);
        Assert.True(cold.StationaryStepSeconds >= cold.FirstStepSeconds - 3 * Combined(cold.StationaryStandardErrorSeconds, cold.FirstStepStandardErrorSeconds));
        Assert.True(warm.StationaryDelaySeconds + 3 * warm.StationaryStandardErrorSeconds > perWindowDelay, "the wall clock charges at least what the per-window rule does");
    }
}
