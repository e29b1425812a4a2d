using PerfModel.Internal;

namespace PerfModel.Descriptions;

/// <summary>A placement policy, how much of the node's HBM it lets the application use, and how well it places hot data
/// in HBM when the footprint does not fit, and how much of a rank's traffic goes to another quadrant's memory. Valid when made:
/// the three fractions in [0, 1].</summary>
public sealed record MemoryPlacement
{
    /// <summary>The policy.</summary>
    public required PlacementPolicy Policy { get; init; }

    /// <summary>u: fraction of the HBM capacity application data can occupy (the rest holds kernel, runtime and MPI buffers).</summary>
    [Dimensionless("fraction of the HBM capacity, in [0, 1]")]
    public required double HbmUsableFraction { get; init => field = Rules.Fraction(this, value); }

    /// <summary>s in [0, 1]: when the footprint spills, the HBM share of the traffic is f_bytes·(1 − s(1 − f_bytes)) instead
    /// of f_bytes: 0 means HBM bytes are as hot as the rest; larger values mean the bytes that land in HBM (first come,
    /// first placed) are colder than average.</summary>
    [Dimensionless("penalty factor in [0, 1]")]
    public required double SpillPenalty { get; init => field = Rules.Fraction(this, value); }

    /// <summary>r in [0, 1]: share of a rank's memory traffic served by a NUMA domain of another quadrant than the rank's
    /// core (<see cref="Memory.NumaLocality"/>); 0 when every page is local.</summary>
    [Dimensionless("fraction of the memory traffic, in [0, 1]")]
    public double RemoteFraction { get; init => field = Rules.Fraction(this, value); }
}
