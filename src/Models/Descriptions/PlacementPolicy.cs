namespace PerfModel.Descriptions;

/// <summary>How an OS places application memory on an HBM + DDR node (P18 Sec. II-D3, III-B, IV).</summary>
public enum PlacementPolicy
{
    /// <summary>Linux in SNC-4: bind to MCDRAM when the job fits, otherwise run from DDR only (no spill across the 4 domains).</summary>
    HbmIfFitsElseDdr,

    /// <summary>DDR only, whatever the footprint.</summary>
    DdrOnly,

    /// <summary>mOS: node memory divided between ranks up front; each rank fills its MCDRAM share, then spills to DDR.</summary>
    PerRankSplit,

    /// <summary>McKernel: contiguous MCDRAM first, falling back to demand paging from the same domain, then DDR.</summary>
    DemandPagingFallback,
}
