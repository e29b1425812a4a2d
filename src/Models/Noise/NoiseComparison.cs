using PerfModel.Descriptions;
using System.Collections.Immutable;
using PerfModel.Noise.WallClock;

namespace PerfModel.Noise;

/// <summary>
/// The closed form (<see cref="NoiseClosedForm.Evaluate"/>) next to the wall-clock simulator
/// (<see cref="WallClockSimulator.Simulate"/>) for one noise profile and step shape at several rank counts: the check that
/// the closed form is right, one row per rank count (<see cref="NoiseComparisonRow"/>). With one simulated step the first
/// steps are compared, with more the stationary steps; they agree within 1 % or 3 standard errors of the simulation,
/// whichever is larger. Pure and deterministic for a given seed.
/// <code>
/// var noise = NoiseSpec.Parse("poisson(rate=1000/s, dur=exp(2us))");
/// var shape = new StepShape(TimeInterval.FromMicroseconds(100), SyncShape.AllreduceRecursiveDoubling, TimeInterval.FromMicroseconds(2));
/// var rows = NoiseComparison.Compare(noise, shape, [64, 1024, 16384], new WallClockOptions(trials: 200, steps: 1, seed: 1));
/// </code>
/// </summary>
public static class NoiseComparison
{
    /// <summary>One row per rank count, in the given order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rank count outside [1, <see cref="WallClockSimulator.MaxRanks"/>].</exception>
    public static ImmutableArray<NoiseComparisonRow> Compare(NoiseProfile noise, StepShape shape, IEnumerable<long> ranks, WallClockOptions simulation, ClosedFormOptions? closedForm = null)
    {
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(ranks);
        ArgumentNullException.ThrowIfNull(simulation);
        return [.. ranks.Select(p => new NoiseComparisonRow(p, NoiseClosedForm.Evaluate(noise, shape, p, closedForm), WallClockSimulator.Simulate(noise, shape, p, simulation)))];
    }
}
