using System.Collections.Immutable;

namespace PerfModel.Calibration.Published;

/// <summary>One TLB structure described by a CPUID leaf 2 descriptor byte (Intel 64 and IA-32 Architectures Software
/// Developer's Manual, Vol. 2A, CPUID, Table 3-12). A descriptor that names two arrays (0x63, 0xB1, 0xC3) gives two.</summary>
/// <param name="Descriptor">The descriptor byte.</param>
/// <param name="Kind">Instruction, data or shared.</param>
/// <param name="Level">1 for a first-level structure, 2 for one behind it (rules in <see cref="CpuidLeaf2"/>).</param>
/// <param name="PageSizes">The page sizes whose translations it holds, ascending; the entries are shared among them.</param>
/// <param name="Entries">Entries.</param>
/// <param name="Ways">Associativity in ways; equal to <paramref name="Entries"/> when fully associative; null where the
/// SDM does not state it.</param>
/// <param name="Description">The SDM's text for the descriptor.</param>
public sealed record TlbStructure(byte Descriptor, TlbKind Kind, int Level, ImmutableArray<ByteSize> PageSizes, int Entries, int? Ways, string Description)
{
    /// <summary>True when fully associative (ways = entries).</summary>
    public bool FullyAssociative => Ways == Entries;
}
