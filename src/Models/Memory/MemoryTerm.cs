using PerfModel.Predictions;
using PerfModel.Units;

namespace PerfModel.Memory;

/// <summary>The memory-placement model's term: memory time per iteration, how the traffic splits between HBM and DDR, and
/// the two placement effects on top of it (remote NUMA traffic, page-colour conflict misses), each also included in
/// <see cref="MechanismTerm.PerIteration"/>.</summary>
public sealed record MemoryTerm : MechanismTerm
{
    /// <summary>f: share of the rank's memory traffic served from HBM.</summary>
    [Dimensionless("fraction of the memory traffic, in [0, 1]")]
    public required double HbmFraction { get; init; }

    /// <summary>Fits, spills, DDR only, or no HBM.</summary>
    public required PlacementRegime Regime { get; init; }

    /// <summary>Per-rank bandwidth the traffic sees: 1 / (f/BW_hbm + (1−f)/BW_ddr), each tier shared by the node's ranks.</summary>
    public required Bandwidth EffectiveBandwidthPerRank { get; init; }

    /// <summary>r: share of the traffic served by another quadrant's NUMA domain (<see cref="NumaLocality"/>).</summary>
    [Dimensionless("fraction of the memory traffic, in [0, 1]")]
    public double RemoteFraction { get; init; }

    /// <summary>Time the remote share adds over all-local traffic, per iteration.</summary>
    public TimeInterval NumaPenalty { get; init; }

    /// <summary>Δm: the share of the cache-blocked working set's references that page-colour conflicts turn into misses
    /// (<see cref="PageColouring.ConflictMissFraction"/>).</summary>
    [Dimensionless("fraction of the cache-blocked references, in [0, 1]")]
    public double ColourConflictMissFraction { get; init; }

    /// <summary>Time of the extra memory traffic those misses cause, per iteration.</summary>
    public TimeInterval ColourConflictPenalty { get; init; }
}
