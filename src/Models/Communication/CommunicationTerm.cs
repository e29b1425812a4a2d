using System.Collections.Immutable;
using PerfModel.Predictions;
using PerfModel.Units;

namespace PerfModel.Communication;

/// <summary>The communication model's term: collectives and neighbour exchanges per iteration, with the time of each.</summary>
public sealed record CommunicationTerm : MechanismTerm
{
    /// <summary>Time of one neighbour exchange (zero when the application has none).</summary>
    public required TimeInterval HaloPerExchange { get; init; }

    /// <summary>Time of one call of each of the application's collectives, in the order of
    /// <see cref="Descriptions.AppProfile.Collectives"/>.</summary>
    public required ImmutableArray<TimeInterval> CollectiveTimes { get; init; }

    /// <summary>Share of a rank's neighbour messages that leave the node.</summary>
    [Dimensionless("fraction of neighbour messages, in [0, 1]")]
    public required double OffNodeFraction { get; init; }

    /// <summary>Messages per rank and iteration that leave the node (neighbour messages and inter-node collective rounds).</summary>
    [Dimensionless("messages per iteration")]
    public required double InterNodeMessagesPerIteration { get; init; }
}
