using System.Collections.Immutable;
using PerfModel.Descriptions;

namespace PerfModel.Calibration.Published;

/// <summary>CPUID leaf 2 decoded by <see cref="CpuidLeaf2.Decode"/>: the TLB structures its descriptor bytes name.</summary>
/// <param name="Eax">EAX as given (its low byte is the iteration count, not a descriptor).</param>
/// <param name="Ebx">EBX as given.</param>
/// <param name="Ecx">ECX as given.</param>
/// <param name="Edx">EDX as given.</param>
/// <param name="Tlbs">The TLB structures, in descriptor order (EAX to EDX, low byte to high).</param>
/// <param name="UnknownDescriptors">Non-null descriptor bytes that are not TLB descriptors of the table: cache, prefetch
/// or unknown descriptors (0xFF excepted).</param>
/// <param name="CachesInLeaf4">True when the descriptor 0xFF appears: leaf 2 reports no cache descriptors and the caches
/// are described by CPUID leaf 4.</param>
/// <param name="InvalidRegisters">Registers with bit 31 set, which hold no valid descriptors and were ignored (SDM).</param>
public sealed record CpuidLeaf2Result(uint Eax, uint Ebx, uint Ecx, uint Edx, ImmutableArray<TlbStructure> Tlbs,
    ImmutableArray<byte> UnknownDescriptors, bool CachesInLeaf4, ImmutableArray<string> InvalidRegisters)
{
    /// <summary>
    /// The data-side structures as the platform profile's TLB levels: every data or shared structure gives one
    /// <see cref="TlbLevel"/> per page size the x86-64 Linux kernel uses (4 KiB, 2 MiB, 1 GiB; 4 MiB pages exist only in
    /// 32-bit paging and are left out). A structure shared by several page sizes gives each of them its full entry count,
    /// an upper bound for each. KNL (0x6A, 0x6B, 0x6C, 0x6D): level 1 64 × 4 KiB; level 2 256 × 4 KiB, 128 × 2 MiB,
    /// 16 × 1 GiB (docs/sources.md#knl-tlb).
    /// </summary>
    public ImmutableArray<TlbLevel> ToTlbLevels() =>
    [
        .. from t in Tlbs
           where t.Kind != TlbKind.Instruction
           from page in t.PageSizes
           where page != ByteSize.FromMiB(4)
           select new TlbLevel { Level = t.Level, PageSize = page, Entries = t.Entries },
    ];
}
