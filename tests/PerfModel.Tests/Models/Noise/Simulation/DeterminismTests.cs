using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Noise.Simulation;

namespace PerfModel.Tests.Models.Noise.Simulation;

/// <summary>Results are a function of (inputs, trials, seed) only: exact equality, no tolerance.</summary>
public sealed class DeterminismTests
{
    private static readonly NoiseProfile Noise = new(
    [
        TestProfiles.Source("tick", 1000, 2e-6),
        TestProfiles.Source("daemon", 30, new ExponentialDuration(TimeInterval.FromSeconds(40e-6))),
        TestProfiles.Source("rare", 2, new LogNormalDuration(TimeInterval.FromSeconds(100e-6), 0.8)),
    ], false);

    public static TheoryData<SyncShape> Shapes() => [.. Enum.GetValues<SyncShape>()];

    private static long[] Bits(IEnumerable<double> xs) => xs.Select(BitConverter.DoubleToInt64Bits).ToArray();

    [Theory]
    [MemberData(nameof(Shapes))]
    public void SameSeedGivesBitIdenticalResultsForAnyThreadCount(SyncShape sync)
    {
        var shape = TestProfiles.Step(1e-3, sync, 3e-6);
        var one = NoiseSimulator.Simulate(Noise, shape, 1000, new SimulationOptions(17, 2024, maxThreads: 1));
        var two = NoiseSimulator.Simulate(Noise, shape, 1000, new SimulationOptions(17, 2024, maxThreads: 2));
        var many = NoiseSimulator.Simulate(Noise, shape, 1000, new SimulationOptions(17, 2024, maxThreads: 5));
        var auto = NoiseSimulator.Simulate(Noise, shape, 1000, new SimulationOptions(17, 2024));
        foreach (var other in new[] { two, many, auto })
        {
            Assert.Equal(Bits(one.TrialMeans), Bits(other.TrialMeans));
            Assert.Equal(Bits(one.TrialMaxima), Bits(other.TrialMaxima));
            Assert.Equal(BitConverter.DoubleToInt64Bits(one.MeanStepSeconds), BitConverter.DoubleToInt64Bits(other.MeanStepSeconds));
            Assert.Equal(BitConverter.DoubleToInt64Bits(one.StandardErrorSeconds), BitConverter.DoubleToInt64Bits(other.StandardErrorSeconds));
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void DifferentSeedsGiveDifferentTrials(SyncShape sync)
    {
        // Each trial of 1000 ranks sees ~1000 detours, so two seeds agreeing on any trial would mean shared streams.
        var shape = TestProfiles.Step(1e-3, sync, 3e-6);
        var a = NoiseSimulator.Simulate(Noise, shape, 1000, new SimulationOptions(8, 1, 2));
        var b = NoiseSimulator.Simulate(Noise, shape, 1000, new SimulationOptions(8, 2, 2));
        for (var t = 0; t < 8; t++) Assert.NotEqual(a.TrialMeans[t], b.TrialMeans[t]);
        // Distinct trials of one run use distinct streams too.
        Assert.Equal(8, a.TrialMeans.Distinct().Count());
    }

    [Fact]
    public void AddingTrialsKeepsTheEarlierOnes()
    {
        // Trial t's stream depends only on (seed, t), so a longer run extends a shorter one.
        var shape = TestProfiles.Step(1e-3, SyncShape.AllreduceRecursiveDoubling, 3e-6);
        var shortRun = NoiseSimulator.Simulate(Noise, shape, 64, new SimulationOptions(5, 99, 2));
        var longRun = NoiseSimulator.Simulate(Noise, shape, 64, new SimulationOptions(12, 99, 2));
        Assert.Equal(Bits(shortRun.TrialMeans), Bits(longRun.TrialMeans.Take(5)));
    }
}
