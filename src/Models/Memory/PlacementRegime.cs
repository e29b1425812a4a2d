namespace PerfModel.Memory;

/// <summary>Where a rank's memory ends up under a placement policy.</summary>
public enum PlacementRegime
{
    /// <summary>The footprint fits the usable HBM: all traffic is served from HBM.</summary>
    FitsHbm,

    /// <summary>Part of the footprint is in HBM, the rest spilled to DDR.</summary>
    SpillsToDdr,

    /// <summary>Everything is in DDR (DDR-only policy, or Linux's SNC-4 binding when the job does not fit).</summary>
    DdrOnly,

    /// <summary>The platform has no HBM.</summary>
    NoHbm,
}
