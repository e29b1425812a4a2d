using PerfModel.Internal;
using PerfModel.Units;

namespace PerfModel.Descriptions;

/// <summary>One data-TLB structure: a level, the page size it caches and its entry count. Reach = entries × page size
/// (KNL: uTLB 64 × 4 KiB; second level 256 × 4 KiB, 128 × 2 MiB, 16 × 1 GiB — CPUID leaf 2 of a Xeon Phi 7210,
/// docs/sources.md#knl-tlb).</summary>
public sealed record TlbLevel
{
    /// <summary>1 for the first-level (micro) TLB, 2 for the second level.</summary>
    public required int Level { get; init => field = Rules.AtLeast(this, value, 1); }

    /// <summary>Page size the structure caches (a power of two).</summary>
    public required ByteSize PageSize { get; init => field = Rules.PowerOfTwo(this, value); }

    /// <summary>Entries.</summary>
    public required int Entries { get; init => field = Rules.AtLeast(this, value, 1); }

    /// <summary>Address space the structure covers: entries × page size.</summary>
    public ByteSize Reach => PageSize * Entries;
}
