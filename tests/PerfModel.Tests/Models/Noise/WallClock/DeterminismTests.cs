using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Noise.WallClock;

namespace PerfModel.Tests.Models.Noise.WallClock;

/// <summary>Results are a function of (inputs, trials, steps, seed) only: exact equality, no tolerance.</summary>
public sealed class DeterminismTests
{
    private static readonly NoiseProfile Noise = new(
    [
        TestProfiles.Source("daemon", 300, new ExponentialDuration(TimeInterval.FromMicroseconds(20))),
        new NoiseSource("tick", EventRate.FromPerSecond(1000), new FixedDuration(TimeInterval.FromMicroseconds(3)), NoiseArrival.Periodic),
        NoiseSource.FromTrace("trace", new DetourTrace([1e-4, 6e-4], [5e-5, 2e-5], TimeInterval.FromMilliseconds(1))),
    ])
    {
        NodeClasses = [new NodeNoiseClass(0.1, new NoiseProfile([TestProfiles.Source("bad node", 50, 300e-6)], coScheduled: true))],
    };

    public static TheoryData<SyncShape> Shapes() => [.. Enum.GetValues<SyncShape>()];

    private static long[] Bits(IEnumerable<double> xs) => xs.Select(BitConverter.DoubleToInt64Bits).ToArray();

    private static long[] Bits(WallClockResult r) =>
        Bits(r.TrialStationarySteps.Concat(r.Steps.SelectMany(s => new[] { s.MeanSeconds, s.StandardErrorSeconds, s.SlowestSeconds, s.SlowestStandardErrorSeconds }))
            .Append(r.StationaryStepSeconds).Append(r.StationaryStandardErrorSeconds).Append(r.StationarySlowestStepSeconds));

    [Theory]
    [MemberData(nameof(Shapes))]
    public void SameSeedGivesBitIdenticalResultsForAnyThreadCount(SyncShape sync)
    {
        var shape = TestProfiles.Step(200e-6, sync, 2e-6) with { RanksPerNode = 4 };
        var one = WallClockSimulator.Simulate(Noise, shape, 999, new WallClockOptions(13, 4, 2024, maxThreads: 1));
        var four = WallClockSimulator.Simulate(Noise, shape, 999, new WallClockOptions(13, 4, 2024, maxThreads: 4));
        var auto = WallClockSimulator.Simulate(Noise, shape, 999, new WallClockOptions(13, 4, 2024));
        Assert.Equal(Bits(one), Bits(four));
        Assert.Equal(Bits(one), Bits(auto));
    }

    [Fact]
    public void DifferentSeedsAndTrialsGiveDifferentRuns()
    {
        var shape = TestProfiles.Step(200e-6, SyncShape.AllreduceRecursiveDoubling, 2e-6);
        var a = WallClockSimulator.Simulate(Noise, shape, 500, new WallClockOptions(8, 3, 1, 2));
        var b = WallClockSimulator.Simulate(Noise, shape, 500, new WallClockOptions(8, 3, 2, 2));
        for (var t = 0; t < 8; t++) Assert.NotEqual(a.TrialStationarySteps[t], b.TrialStationarySteps[t]);
        Assert.Equal(8, a.TrialStationarySteps.Distinct().Count());
    }

    [Fact]
    public void AddingTrialsKeepsTheEarlierOnes()
    {
        var shape = TestProfiles.Step(200e-6, SyncShape.TreeReduceBroadcast, 2e-6);
        var shortRun = WallClockSimulator.Simulate(Noise, shape, 100, new WallClockOptions(5, 3, 99, 2));
        var longRun = WallClockSimulator.Simulate(Noise, shape, 100, new WallClockOptions(12, 3, 99, 2));
        Assert.Equal(Bits(shortRun.TrialStationarySteps), Bits(longRun.TrialStationarySteps.Take(5)));
    }
    [Theory]
    [MemberData(nameof(Shapes))]
    public void TrialsAllocateNothing(SyncShape sync)
    {
        // On one thread everything runs on the calling thread: 30 more trials of 2,000 ranks may allocate only their result
        // slots (16 bytes per step and 8 per trial, a few hundred bytes), never anything per rank, window or detour.
        var shape = TestProfiles.Step(50e-6, sync, 2e-6) with { RanksPerNode = 4 };
        long Allocated(int trials)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            WallClockSimulator.Simulate(Noise, shape, 2000, new WallClockOptions(trials, 5, 3, 1));
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Allocated(2);
        var extra = Allocated(40) - Allocated(10);
        Assert.True(extra < 30 * (16 * 5 + 8) + 8192, $"{sync}: 30 more trials allocated {extra} bytes");
    }
}
