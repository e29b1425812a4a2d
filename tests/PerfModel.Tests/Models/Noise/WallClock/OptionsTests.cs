using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Noise.WallClock;

namespace PerfModel.Tests.Models.Noise.WallClock;

/// <summary>The options' own rules and the simulator's checks of the rules that span options and shape.</summary>
public sealed class OptionsTests
{
    private static readonly StepShape Allreduce = TestProfiles.Step(100e-6, SyncShape.AllreduceRecursiveDoubling, 2e-6);

    [Fact]
    public void OptionsRejectBadValues()
    {
        Assert.Throws<InvalidDescriptionException>(() => new WallClockOptions(1, 10, 1));
        Assert.Throws<InvalidDescriptionException>(() => new WallClockOptions(10, 0, 1));
        Assert.Throws<InvalidDescriptionException>(() => new WallClockOptions(10, 10, 1, -1));
        Assert.Throws<InvalidDescriptionException>(() => new WallClockOptions(10, 10, 1) { BurnInSteps = -1 });
        Assert.Throws<InvalidDescriptionException>(() => new WallClockOptions(10, 10, 1) { Overhead = TimeInterval.FromSeconds(-1e-6) });
        Assert.Contains("Trials", Assert.Throws<InvalidDescriptionException>(() => new WallClockOptions(1, 10, 1)).Message);
        Assert.Contains(">= 2", Assert.Throws<InvalidDescriptionException>(() => new WallClockOptions(1, 10, 1)).Message);
        var tooMany = Assert.Throws<InvalidDescriptionException>(() => new WallClockOptions(10, WallClockOptions.MaxSteps + 1, 1)).Message;
        Assert.Contains("Steps", tooMany);
        Assert.Contains($"at most {WallClockOptions.MaxSteps}", tooMany);
        Assert.Contains("MaxThreads", Assert.Throws<InvalidDescriptionException>(() => new WallClockOptions(10, 10, 1, -1)).Message);
        Assert.Equal(1, new WallClockOptions(10, 10, 1).BurnInSteps);
        Assert.Null(new WallClockOptions(10, 10, 1).Overhead);
    }

    [Fact]
    public void SimulatorChecksTheRulesThatSpanSettings()
    {
        var e = Assert.Throws<ArgumentException>(() => WallClockSimulator.Simulate(NoiseProfile.None, Allreduce, 8, new WallClockOptions(2, 1, 1) { BurnInSteps = 1 }));
        Assert.Contains("BurnInSteps=1", e.Message);
        // A one-step run leaves no step out by default: its stationary mean is its first step.
        Assert.Equal(0, new WallClockOptions(2, 1, 1).BurnInSteps);
        e = Assert.Throws<ArgumentException>(() => WallClockSimulator.Simulate(NoiseProfile.None, Allreduce, 8, new WallClockOptions(2, 2, 1) { Overhead = TimeInterval.FromMicroseconds(1.5) }));
        Assert.Contains("half the round", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => WallClockSimulator.Simulate(NoiseProfile.None, Allreduce, 0, new WallClockOptions(2, 2, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => WallClockSimulator.Simulate(NoiseProfile.None, Allreduce, WallClockSimulator.MaxRanks + 1, new WallClockOptions(2, 2, 1)));
        // An overhead larger than half the round is irrelevant without rounds.
        WallClockSimulator.Simulate(NoiseProfile.None, TestProfiles.Step(1e-6, SyncShape.Barrier), 4, new WallClockOptions(2, 2, 1) { Overhead = TimeInterval.FromMicroseconds(1) });
    }

    [Fact]
    public void ResultsPrintInvariantly()
    {
        var r = WallClockSimulator.Simulate(NoiseProfile.None, Allreduce, 8, new WallClockOptions(2, 3, 1));
        using (new CultureScope("ru-RU"))
        {
            Assert.Equal("P=8, 3 steps x 2 trials: first 106us ± 0s, stationary 106us ± 0s (slowest 106us), noise-free 106us", r.ToString());
            Assert.Equal("step 2: 106us ± 0s (slowest 106us), noise-free 106us", r.Steps[1].ToString());
        }
        Assert.Equal(8L * 4 * 3 * 2, r.RankRounds);
        Assert.Equal((8 + 2 * 8 * 3L) * 3 * 2, r.CpuWindows);
    }
    [Fact]
    public void HostileSizesAreRefusedBeforeAnythingIsAllocated()
    {
        // Each limit throws before allocating, with a message naming the settings and the rule.
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => WallClockSimulator.Simulate(NoiseProfile.None, Allreduce, 8, new WallClockOptions(10_000, 10_000, 1)));
        Assert.Contains("options.Trials x options.Steps = 10000 x 10000", e.Message);
        Assert.Contains($"at most {WallClockOptions.MaxTrialSteps}", e.Message);

        e = Assert.Throws<ArgumentOutOfRangeException>(() => WallClockSimulator.Simulate(NoiseProfile.None, Allreduce, WallClockSimulator.MaxRanks, new WallClockOptions(1000, 1000, 1)));
        Assert.Contains("operations", e.Message);
        Assert.Equal("options", e.ParamName);

        var tick = new NoiseProfile([new NoiseSource("tick", EventRate.FromPerSecond(1e6), new FixedDuration(TimeInterval.FromNanoseconds(100)), NoiseArrival.Periodic)]);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => WallClockSimulator.Simulate(tick, TestProfiles.Step(1, SyncShape.None), 100_000, new WallClockOptions(100, 100, 1)));
        Assert.Contains("expected detours per trial", e.Message);

        e = Assert.Throws<ArgumentOutOfRangeException>(() => WallClockSimulator.Simulate(NoiseProfile.None, TestProfiles.Step(1e4, SyncShape.None), 1, new WallClockOptions(2, 1_000_000, 1)));
        Assert.Contains("of simulated time", e.Message);
        Assert.Equal("shape", e.ParamName);

        // 2^26 ranks with 16 sources each (the most a profile holds): 8 + 24 x 16 = 392 bytes per rank, about 26 GB for one
        // worker (checked where the process may use less than that, which is every machine these tests run on).
        var many = new NoiseProfile(Enumerable.Range(0, NoiseProfile.MaxSources).Select(i => TestProfiles.Source($"s{i}", 1, 1e-6)));
        if (0.8 * GC.GetGCMemoryInfo().TotalAvailableMemoryBytes < (8 + 24.0 * NoiseProfile.MaxSources) * WallClockSimulator.MaxRanks)
        {
            e = Assert.Throws<ArgumentOutOfRangeException>(() => WallClockSimulator.Simulate(many, TestProfiles.Step(1e-6, SyncShape.None), WallClockSimulator.MaxRanks, new WallClockOptions(2, 2, 1)));
            Assert.Contains("GB", e.Message);
            Assert.Equal("ranks", e.ParamName);
        }
        // 32 sources would not fit one array (2^31 slots) at 2^26 ranks; a profile cannot hold that many in the first place.
        var tooMany = Assert.Throws<InvalidDescriptionException>(() =>
            many with { Sources = many.Sources.AddRange(Enumerable.Range(16, 16).Select(i => TestProfiles.Source($"s{i}", 1, 1e-6))) });
        Assert.Contains($"at most {NoiseProfile.MaxSources} sources", tooMany.Message);
    }

    [Fact]
    public void ARunawayTrialStopsWithAClearMessage()
    {
        // Pareto with α = 1.0001: the length-biased law of the detour running at t = 0 is Pareto(x_m, 0.0001), so most
        // ranks start inside an astronomically long detour (the stationary remainder has an infinite mean). The clocks pass
        // the horizon and the run stops — the same trial whatever the thread count — instead of looping for ever.
        var heavy = new NoiseProfile([TestProfiles.Source("heavy", 10, new ParetoDuration(TimeInterval.FromMicroseconds(1), 1.0001))]);
        foreach (var threads in new[] { 1, 2 })
        {
            var e = Assert.Throws<ArgumentException>(() => WallClockSimulator.Simulate(heavy, TestProfiles.Step(10e-6, SyncShape.Barrier), 64, new WallClockOptions(4, 3, 1, threads)));
            Assert.Equal("noise", e.ParamName);
            Assert.Contains("trial 0 run away", e.Message);
            Assert.Contains("horizon", e.Message);
        }
        // A cold start does not draw those remainders; the run completes.
        var cold = WallClockSimulator.Simulate(heavy, TestProfiles.Step(10e-6, SyncShape.Barrier), 64, new WallClockOptions(4, 3, 1) { InProgressAtStart = false });
        Assert.True(cold.StationaryStepSeconds >= 10e-6);
    }
}
