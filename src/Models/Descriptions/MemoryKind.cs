namespace PerfModel.Descriptions;

/// <summary>The kind of a memory tier: on-package high-bandwidth memory or ordinary DRAM.</summary>
public enum MemoryKind
{
    /// <summary>High-bandwidth memory (KNL's MCDRAM).</summary>
    Hbm,

    /// <summary>DDR DRAM.</summary>
    Ddr,
}
