using System.Collections.Immutable;
using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Noise.Simulation;
using static PerfModel.Tests.Support.TestProfiles;

namespace PerfModel.Tests.Models.Noise.Simulation;

/// <summary>Invalid inputs are rejected with a message that names the value and the rule: what the simulator alone limits
/// (ranks, detours per window) by <see cref="ArgumentOutOfRangeException"/> from <see cref="NoiseSimulator.Simulate"/>;
/// broken options, step shapes and noise sources already when they are made (<see cref="InvalidDescriptionException"/>,
/// or the unit types' refusal of NaN and infinity), so such inputs never reach the simulator.</summary>
public sealed class ValidationTests
{
    private static readonly NoiseProfile Noise = new([Source("s", 100, 1e-6)], coScheduled: false);
    private static readonly StepShape Shape = Step(1e-3, SyncShape.Barrier, 1e-6);
    private static readonly SimulationOptions Options = new(4, 1, 1);

    private static void Rejects<TException>(string fragment, Action act) where TException : Exception
    {
        var e = Assert.Throws<TException>(act);
        Assert.Contains(fragment, e.Message);
    }

    private static void Refused(string field, string rule, Func<object> make)
    {
        var e = Assert.Throws<InvalidDescriptionException>(make);
        Assert.Equal(field, $"{e.TypeName}.{e.Field}");
        Assert.Contains(rule, e.Message);
    }

    [Fact]
    public void RejectsBadOptionsAndRanks()
    {
        Refused("SimulationOptions.Trials", "SimulationOptions.Trials = 1: must be a whole number >= 2", () => Options with { Trials = 1 });
        Refused("SimulationOptions.MaxThreads", "SimulationOptions.MaxThreads = -1", () => Options with { MaxThreads = -1 });
        Rejects<ArgumentOutOfRangeException>("ranks=0, but it should be in [1, 134217728]", () => NoiseSimulator.Simulate(Noise, Shape, 0, Options));
        Rejects<ArgumentOutOfRangeException>("ranks=134217729", () => NoiseSimulator.Simulate(Noise, Shape, (1L << 27) + 1, Options));
    }

    [Theory]
    [InlineData(-1e-3, 0, "StepShape.Work")]
    [InlineData(1e-3, -1e-6, "StepShape.Round")]
    public void RejectsNegativeTimes(double work, double round, string field) =>
        Refused(field, "must be >= 0", () => Step(work, SyncShape.TreeReduceBroadcast, round));

    [Theory]
    [InlineData(double.NaN, 0)]
    [InlineData(double.PositiveInfinity, 0)]
    [InlineData(1e-3, double.NaN)]
    public void RejectsTimesThatAreNotFinite(double work, double round) =>
        // A time that is not a finite number cannot even be made, so no step shape can hold one.
        Rejects<ArgumentOutOfRangeException>("but it should be a finite number", () => Step(work, SyncShape.TreeReduceBroadcast, round));

    [Fact]
    public void RejectsBadShapeAndSources()
    {
        Refused("StepShape.Sync", "is not a defined SyncShape", () => Shape with { Sync = (SyncShape)99 });
        Refused("NoiseSource.Rate", "NoiseSource.Rate = -1/s: must be >= 0", () => Source("neg", -1, 1e-6));
        Refused("ParetoDuration.Alpha", "infinite mean", () => new ParetoDuration(TimeInterval.FromMicroseconds(1), 0.5));
        // 1e9/s over 1 ms is 1e6 expected detours per window... 2e9/s is beyond the supported 1e6.
        Rejects<ArgumentOutOfRangeException>("expected number of detours",
            () => NoiseSimulator.Simulate(new NoiseProfile([Source("storm", 2e9, 1e-12)], coScheduled: false), Shape, 8, Options));
    }

    [Fact]
    public void DefaultSourceArrayMeansNoNoise()
    {
        var profile = Noise with { Sources = default(ImmutableArray<NoiseSource>) };
        Assert.False(profile.Sources.IsDefault);
        var r = NoiseSimulator.Simulate(profile, Shape, 8, Options);
        Assert.Equal(1e-3, r.MeanStepSeconds);
    }
}
