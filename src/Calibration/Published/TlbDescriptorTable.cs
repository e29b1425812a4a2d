using System.Collections.Immutable;

namespace PerfModel.Calibration.Published;

/// <summary>
/// The TLB descriptors of CPUID leaf 2, from the Intel 64 and IA-32 Architectures Software Developer's Manual, Vol. 2A,
/// CPUID, Table 3-12 ("Encoding of CPUID Leaf 2 Descriptors"), with the SDM's text for each (as quoted, e.g., in
/// github.com/pytorch/cpuinfo <c>src/x86/cache/descriptor.c</c>). Cache and prefetch descriptors are not in the table.
/// </summary>
internal static class TlbDescriptorTable
{
    /// <summary>How a descriptor's structure is placed among the levels.</summary>
    public enum Role
    {
        /// <summary>An instruction TLB: level 1.</summary>
        Instruction,
        /// <summary>A uTLB or "Data TLB0": the first level of a two-level data TLB.</summary>
        FirstData,
        /// <summary>A "DTLB" or "Data TLB" without a level: level 2 when the same leaf reports a first-level data TLB, else 1.</summary>
        Data,
        /// <summary>A "Data TLB1": level 2.</summary>
        SecondData,
        /// <summary>A "Shared 2nd-Level TLB": level 2.</summary>
        Shared,
    }

    /// <summary>One array named by a descriptor.</summary>
    public sealed record Entry(byte Code, Role Role, ImmutableArray<ByteSize> PageSizes, int Entries, int? Ways, string Text);

    private static readonly ByteSize K4 = ByteSize.FromKiB(4);
    private static readonly ByteSize M2 = ByteSize.FromMiB(2);
    private static readonly ByteSize M4 = ByteSize.FromMiB(4);
    private static readonly ByteSize G1 = ByteSize.FromGiB(1);

    /// <summary>Descriptor byte → its arrays (two for 0x63, 0xB1 and 0xC3).</summary>
    public static readonly ImmutableDictionary<byte, ImmutableArray<Entry>> Entries = Build().GroupBy(e => e.Code)
        .ToImmutableDictionary(g => g.Key, g => g.ToImmutableArray());

    private static IEnumerable<Entry> Build()
    {
        const int Full = -1; // fully associative: ways = entries
        static Entry E(byte code, Role role, ByteSize[] pages, int entries, int? ways, string text) =>
            new(code, role, [.. pages], entries, ways == Full ? entries : ways, text);
        var i = Role.Instruction;
        var d = Role.Data;
        yield return E(0x01, i, [K4], 32, 4, "Instruction TLB: 4 KByte pages, 4-way set associative, 32 entries");
        yield return E(0x02, i, [M4], 2, Full, "Instruction TLB: 4 MByte pages, fully associative, 2 entries");
        yield return E(0x03, d, [K4], 64, 4, "Data TLB: 4 KByte pages, 4-way set associative, 64 entries");
        yield return E(0x04, d, [M4], 8, 4, "Data TLB: 4 MByte pages, 4-way set associative, 8 entries");
        yield return E(0x05, Role.SecondData, [M4], 32, 4, "Data TLB1: 4 MByte pages, 4-way set associative, 32 entries");
        yield return E(0x0B, i, [M4], 4, 4, "Instruction TLB: 4 MByte pages, 4-way set associative, 4 entries");
        yield return E(0x4F, i, [K4], 32, null, "Instruction TLB: 4 KByte pages, 32 entries");
        yield return E(0x50, i, [K4, M2, M4], 64, null, "Instruction TLB: 4 KByte and 2-MByte or 4-MByte pages, 64 entries");
        yield return E(0x51, i, [K4, M2, M4], 128, null, "Instruction TLB: 4 KByte and 2-MByte or 4-MByte pages, 128 entries");
        yield return E(0x52, i, [K4, M2, M4], 256, null, "Instruction TLB: 4 KByte and 2-MByte or 4-MByte pages, 256 entries");
        yield return E(0x55, i, [M2, M4], 7, Full, "Instruction TLB: 2-MByte or 4-MByte pages, fully associative, 7 entries");
        yield return E(0x56, Role.FirstData, [M4], 16, 4, "Data TLB0: 4 MByte pages, 4-way set associative, 16 entries");
        yield return E(0x57, Role.FirstData, [K4], 16, 4, "Data TLB0: 4 KByte pages, 4-way associative, 16 entries");
        yield return E(0x59, Role.FirstData, [K4], 16, Full, "Data TLB0: 4 KByte pages, fully associative, 16 entries");
        yield return E(0x5A, Role.FirstData, [M2, M4], 32, 4, "Data TLB0: 2 MByte or 4 MByte pages, 4-way set associative, 32 entries");
        yield return E(0x5B, d, [K4, M4], 64, null, "Data TLB: 4 KByte and 4 MByte pages, 64 entries");
        yield return E(0x5C, d, [K4, M4], 128, null, "Data TLB: 4 KByte and 4 MByte pages, 128 entries");
        yield return E(0x5D, d, [K4, M4], 256, null, "Data TLB: 4 KByte and 4 MByte pages, 256 entries");
        yield return E(0x61, i, [K4], 48, Full, "Instruction TLB: 4 KByte pages, fully associative, 48 entries");
        const string T63 = "Data TLB: 2 MByte or 4 MByte pages, 4-way set associative, 32 entries and a separate array with 1 GByte pages, 4-way set associative, 4 entries";
        yield return E(0x63, d, [M2, M4], 32, 4, T63);
        yield return E(0x63, d, [G1], 4, 4, T63);
        yield return E(0x64, d, [K4], 512, 4, "Data TLB: 4 KByte pages, 4-way set associative, 512 entries");
        yield return E(0x6A, Role.FirstData, [K4], 64, 8, "uTLB: 4 KByte pages, 8-way set associative, 64 entries");
        yield return E(0x6B, d, [K4], 256, 8, "DTLB: 4 KByte pages, 8-way set associative, 256 entries");
        yield return E(0x6C, d, [M2, M4], 128, 8, "DTLB: 2M/4M pages, 8-way set associative, 128 entries");
        yield return E(0x6D, d, [G1], 16, Full, "DTLB: 1 GByte pages, fully associative, 16 entries");
        yield return E(0x76, i, [M2, M4], 8, Full, "Instruction TLB: 2M/4M pages, fully associative, 8 entries");
        yield return E(0xA0, d, [K4], 32, Full, "DTLB: 4k pages, fully associative, 32 entries");
        yield return E(0xB0, i, [K4], 128, 4, "Instruction TLB: 4 KByte pages, 4-way set associative, 128 entries");
        const string TB1 = "Instruction TLB: 2M pages, 4-way, 8 entries or 4M pages, 4-way, 4 entries";
        yield return E(0xB1, i, [M2], 8, 4, TB1);
        yield return E(0xB1, i, [M4], 4, 4, TB1);
        yield return E(0xB2, i, [K4], 64, 4, "Instruction TLB: 4KByte pages, 4-way set associative, 64 entries");
        yield return E(0xB3, d, [K4], 128, 4, "Data TLB: 4 KByte pages, 4-way set associative, 128 entries");
        yield return E(0xB4, Role.SecondData, [K4], 256, 4, "Data TLB1: 4 KByte pages, 4-way associative, 256 entries");
        yield return E(0xB5, i, [K4], 64, 8, "Instruction TLB: 4KByte pages, 8-way set associative, 64 entries");
        yield return E(0xB6, i, [K4], 128, 8, "Instruction TLB: 4KByte pages, 8-way set associative, 128 entries");
        yield return E(0xBA, Role.SecondData, [K4], 64, 4, "Data TLB1: 4 KByte pages, 4-way associative, 64 entries");
        yield return E(0xC0, d, [K4, M4], 8, 4, "Data TLB: 4 KByte and 4 MByte pages, 4-way associative, 8 entries");
        yield return E(0xC1, Role.Shared, [K4, M2], 1024, 8, "Shared 2nd-Level TLB: 4 KByte/2MByte pages, 8-way associative, 1024 entries");
        yield return E(0xC2, d, [K4, M2], 16, 4, "DTLB: 4 KByte/2 MByte pages, 4-way associative, 16 entries");
        const string TC3 = "Shared 2nd-Level TLB: 4 KByte /2 MByte pages, 6-way associative, 1536 entries. Also 1GBbyte pages, 4-way, 16 entries.";
        yield return E(0xC3, Role.Shared, [K4, M2], 1536, 6, TC3);
        yield return E(0xC3, Role.Shared, [G1], 16, 4, TC3);
        yield return E(0xC4, d, [M2, M4], 32, 4, "DTLB: 2M/4M Byte pages, 4-way associative, 32 entries");
        yield return E(0xCA, Role.Shared, [K4], 512, 4, "Shared 2nd-Level TLB: 4 KByte pages, 4-way associative, 512 entries");
    }
}
