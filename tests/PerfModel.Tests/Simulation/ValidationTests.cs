using System.Collections.Immutable;
using PerfModel.Noise;
using PerfModel.Noise.Simulation;
using PerfModel.Profiles;

namespace PerfModel.Tests.Simulation;

/// <summary>Invalid inputs are rejected with an <see cref="ArgumentOutOfRangeException"/> whose message names the value and the rule.</summary>
public sealed class ValidationTests
{
    private static readonly NoiseProfile Noise = new([new NoiseSource("s", 100, 1e-6)], false);
    private static readonly StepShape Shape = new(1e-3, SyncShape.Barrier, 1e-6);
    private static readonly SimulationOptions Options = new(4, 1, 1);

    private static void Rejects(string fragment, Action act)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(act);
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void RejectsBadOptionsAndRanks()
    {
        Rejects("options.Trials=1, but it should be >= 2", () => NoiseSimulator.Simulate(Noise, Shape, 8, Options with { Trials = 1 }));
        Rejects("options.MaxThreads=-1", () => NoiseSimulator.Simulate(Noise, Shape, 8, Options with { MaxThreads = -1 }));
        Rejects("ranks=0, but it should be in [1, 134217728]", () => NoiseSimulator.Simulate(Noise, Shape, 0, Options));
        Rejects("ranks=134217729", () => NoiseSimulator.Simulate(Noise, Shape, (1L << 27) + 1, Options));
    }

    [Theory]
    [InlineData(-1e-3, 0)]
    [InlineData(double.NaN, 0)]
    [InlineData(double.PositiveInfinity, 0)]
    [InlineData(1e-3, -1e-6)]
    [InlineData(1e-3, double.NaN)]
    public void RejectsBadTimes(double work, double round)
    {
        Rejects("but it should be finite and >= 0", () => NoiseSimulator.Simulate(Noise, new StepShape(work, SyncShape.TreeReduceBroadcast, round), 8, Options));
    }

    [Fact]
    public void RejectsBadShapeAndSources()
    {
        Rejects("is not a defined SyncShape", () => NoiseSimulator.Simulate(Noise, Shape with { Sync = (SyncShape)99 }, 8, Options));
        Rejects("RatePerSecond=-1", () => NoiseSimulator.Simulate(new NoiseProfile([new NoiseSource("neg", -1, 1e-6)], false), Shape, 8, Options));
        Rejects("mean duration", () => NoiseSimulator.Simulate(new NoiseProfile([new NoiseSource("heavy", 1, new ParetoDuration(1e-6, 0.5))], false), Shape, 8, Options));
        // 1e9/s over 1 ms is 1e6 expected detours per window... 2e9/s is beyond the supported 1e6.
        Rejects("expected number of detours", () => NoiseSimulator.Simulate(new NoiseProfile([new NoiseSource("storm", 2e9, 1e-12)], false), Shape, 8, Options));
    }

    [Fact]
    public void DefaultSourceArrayMeansNoNoise()
    {
        var r = NoiseSimulator.Simulate(new NoiseProfile(default(ImmutableArray<NoiseSource>), false), Shape, 8, Options);
        Assert.Equal(1e-3, r.MeanStepSeconds);
    }
}
