using PerfModel.Predictions;
using PerfModel.Units;

namespace PerfModel.Memory;

/// <summary>The memory-placement model's term: memory time per iteration and how the traffic splits between HBM and DDR.</summary>
public sealed record MemoryTerm : MechanismTerm
{
    /// <summary>f: share of the rank's memory traffic served from HBM.</summary>
    [Dimensionless("fraction of the memory traffic, in [0, 1]")]
    public required double HbmFraction { get; init; }

    /// <summary>Fits, spills, DDR only, or no HBM.</summary>
    public required PlacementRegime Regime { get; init; }

    /// <summary>Per-rank bandwidth the traffic sees: 1 / (f/BW_hbm + (1−f)/BW_ddr), each tier shared by the node's ranks.</summary>
    public required Bandwidth EffectiveBandwidthPerRank { get; init; }
}
