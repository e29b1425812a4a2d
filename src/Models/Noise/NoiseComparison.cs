using PerfModel.Descriptions;
using System.Collections.Immutable;
using PerfModel.Noise.Simulation;

namespace PerfModel.Noise;

/// <summary>
/// The closed form (<see cref="NoiseClosedForm.Evaluate"/>) next to the simulator (<see cref="NoiseSimulator.Simulate"/>)
/// for one noise profile and step shape at several rank counts: the check that the closed form is right, one row per rank
/// count (<see cref="NoiseComparisonRow"/>). Both estimate E[T_i], the expected completion time of a rank's step; they agree
/// when the difference is within three standard errors of the simulation plus the lattice error bound of the closed form.
/// Pure and deterministic for a given seed.
/// <code>
/// var noise = NoiseSpec.Parse("poisson(rate=1000/s, dur=exp(2us))");
/// var shape = new StepShape(TimeInterval.FromMicroseconds(100), SyncShape.AllreduceRecursiveDoubling, TimeInterval.FromMicroseconds(2));
/// var rows = NoiseComparison.Compare(noise, shape, [64, 1024, 16384], new SimulationOptions(200, seed: 1));
/// </code>
/// </summary>
public static class NoiseComparison
{
    /// <summary>One row per rank count, in the given order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rank count outside [1, <see cref="NoiseSimulator.MaxRanks"/>].</exception>
    public static ImmutableArray<NoiseComparisonRow> Compare(NoiseProfile noise, StepShape shape, IEnumerable<long> ranks, SimulationOptions simulation, ClosedFormOptions? closedForm = null)
    {
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(ranks);
        ArgumentNullException.ThrowIfNull(simulation);
        return [.. ranks.Select(p => new NoiseComparisonRow(p, NoiseClosedForm.Evaluate(noise, shape, p, closedForm), NoiseSimulator.Simulate(noise, shape, p, simulation)))];
    }
}
