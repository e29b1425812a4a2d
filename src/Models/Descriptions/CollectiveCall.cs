using System.Diagnostics.CodeAnalysis;
using PerfModel.Internal;
using PerfModel.Units;

namespace PerfModel.Descriptions;

/// <summary>A collective the application calls <see cref="PerIteration"/> times per iteration with <see cref="Size"/> per
/// rank. Valid when made: size and count ≥ 0.</summary>
public sealed record CollectiveCall
{
    /// <summary>A collective call.</summary>
    [SetsRequiredMembers]
    public CollectiveCall(CollectiveKind kind, ByteSize size, double perIteration)
    {
        Kind = kind;
        Size = size;
        PerIteration = perIteration;
    }

    /// <summary>The operation.</summary>
    public required CollectiveKind Kind { get; init; }

    /// <summary>Message size per rank.</summary>
    public required ByteSize Size { get; init => field = Rules.NonNegative(this, value); }

    /// <summary>Calls per iteration.</summary>
    [Dimensionless("calls per iteration")]
    public required double PerIteration { get; init => field = Rules.NonNegative(this, value); }
}
