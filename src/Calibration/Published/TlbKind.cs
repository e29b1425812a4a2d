namespace PerfModel.Calibration.Published;

/// <summary>What a TLB structure caches translations for, as CPUID leaf 2 describes it (Intel SDM Vol. 2A, Table 3-12).</summary>
public enum TlbKind
{
    /// <summary>Instruction fetches (ITLB).</summary>
    Instruction,

    /// <summary>Loads and stores (DTLB, uTLB, Data TLB0/TLB1).</summary>
    Data,

    /// <summary>A second-level TLB shared by instructions and data (STLB).</summary>
    Shared,
}
