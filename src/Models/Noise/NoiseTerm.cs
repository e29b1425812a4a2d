using PerfModel.Predictions;
using PerfModel.Units;

namespace PerfModel.Noise;

/// <summary>The noise model's term: the delay per iteration that waiting for the slowest core adds at the synchronisation
/// points; <see cref="MechanismTerm.VariancePerIterationSeconds2"/> is the variance of those steps.</summary>
public sealed record NoiseTerm : MechanismTerm
{
    /// <summary>Synchronisation points per iteration (collective calls plus neighbour exchanges; 1 when there are none,
    /// for the iteration-ending barrier).</summary>
    [Dimensionless("synchronisations per iteration")]
    public required double SynchronisationsPerIteration { get; init; }

    /// <summary>Work between two synchronisation points: the iteration's work divided evenly between them.</summary>
    public required TimeInterval Segment { get; init; }
}
