using PerfModel.Internal;
using PerfModel.Units;

namespace PerfModel.Descriptions;

/// <summary>One memory tier of a node (all its NUMA domains together). Valid when made: name not empty, capacity and
/// bandwidth &gt; 0, at least one NUMA domain.</summary>
public sealed record MemoryTier
{
    /// <summary>Display name, e.g. "MCDRAM".</summary>
    public required string Name { get; init => field = Rules.NotBlank(this, value); }

    /// <summary>HBM or DDR.</summary>
    public required MemoryKind Kind { get; init; }

    /// <summary>Capacity of the tier on one node.</summary>
    public required ByteSize Capacity { get; init => field = Rules.Positive(this, value); }

    /// <summary>Sustained (STREAM-triad) bandwidth of the tier on one node with all application cores.</summary>
    public required Bandwidth Bandwidth { get; init => field = Rules.Positive(this, value); }

    /// <summary>NUMA domains the tier is split into (4 in SNC-4).</summary>
    public required int NumaDomains { get; init => field = Rules.AtLeast(this, value, 1); }
}
