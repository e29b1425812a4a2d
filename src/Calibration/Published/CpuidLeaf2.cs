using System.Collections.Immutable;
using System.Globalization;

namespace PerfModel.Calibration.Published;

/// <summary>
/// Decodes the TLB geometry from CPUID leaf 2 (Intel 64 and IA-32 Architectures Software Developer's Manual, Vol. 2A,
/// CPUID, "Deterministic Cache Parameters" and Table 3-12, "Encoding of CPUID Leaf 2 Descriptors").
/// </summary>
/// <remarks>
/// <para>The rules of the SDM: each of EAX, EBX, ECX, EDX holds four descriptor bytes; a register whose bit 31 is set
/// holds no valid descriptors and is ignored; the low byte of EAX (AL) is not a descriptor (it "will always return 01H",
/// the number of times leaf 2 must be executed) and is skipped; the byte 0x00 is the null descriptor; 0xFF means that leaf
/// 2 reports no cache information and leaf 4 must be used for the caches.</para>
/// <para>Descriptors covered: every TLB descriptor of Table 3-12 (0x01–0x05, 0x0B, 0x4F–0x52, 0x55–0x5D, 0x61, 0x63,
/// 0x64, 0x6A–0x6D, 0x76, 0xA0, 0xB0–0xB6, 0xBA, 0xC0–0xC4, 0xCA), with the SDM's entries, page sizes and associativity.
/// Other bytes (cache and prefetch descriptors, or bytes the table lacks) are reported in
/// <see cref="CpuidLeaf2Result.UnknownDescriptors"/>, never guessed.</para>
/// <para>Levels (the SDM names structures, not levels, so this is the rule applied): instruction TLBs are level 1; a uTLB
/// or a "Data TLB0" is the first level of the data side; a "Data TLB1" and a "Shared 2nd-Level TLB" are level 2; a plain
/// "DTLB"/"Data TLB" is level 2 when the same leaf reports a uTLB or Data TLB0 in front of it, else level 1. On Knights
/// Landing the uTLB is the first-level DTLB and 0x6B–0x6D the second level behind it (pytorch/cpuinfo's decoder: "uTLB is,
/// in fact, a normal 1-level DTLB on Silvermont &amp; Knights Landing"; Chips and Cheese's measurements,
/// docs/sources.md#knl-tlb).</para>
/// </remarks>
public static class CpuidLeaf2
{
    /// <summary>The header of a leaf-2 table read by <see cref="Load"/>.</summary>
    public const string Header = "eax,ebx,ecx,edx";

    /// <summary>Decodes the four registers of CPUID leaf 2 (rules in the remarks of <see cref="CpuidLeaf2"/>).
    /// KNL (Xeon Phi 7210/7250): EAX = 0x6C6B6A01, EBX = 0x00FF616D, ECX = EDX = 0.</summary>
    public static CpuidLeaf2Result Decode(uint eax, uint ebx, uint ecx, uint edx)
    {
        var picked = new List<(TlbDescriptorTable.Entry Entry, byte Code)>();
        var unknown = ImmutableArray.CreateBuilder<byte>();
        var invalid = ImmutableArray.CreateBuilder<string>();
        var leaf4 = false;
        foreach (var (name, value) in new[] { ("eax", eax), ("ebx", ebx), ("ecx", ecx), ("edx", edx) })
        {
            if ((value & 0x8000_0000u) != 0)
            {
                invalid.Add(name);
                continue;
            }
            for (var k = name == "eax" ? 1 : 0; k < 4; k++)
            {
                var code = (byte)(value >> (8 * k));
                if (code == 0x00) continue;
                if (code == 0xFF) leaf4 = true;
                else if (TlbDescriptorTable.Entries.TryGetValue(code, out var entries)) picked.AddRange(entries.Select(e => (e, code)));
                else unknown.Add(code);
            }
        }
        var firstLevelData = picked.Any(p => p.Entry.Role == TlbDescriptorTable.Role.FirstData);
        var tlbs = picked.Select(p => new TlbStructure(p.Code, KindOf(p.Entry.Role), LevelOf(p.Entry.Role, firstLevelData),
            p.Entry.PageSizes, p.Entry.Entries, p.Entry.Ways, p.Entry.Text)).ToImmutableArray();
        return new CpuidLeaf2Result(eax, ebx, ecx, edx, tlbs, unknown.ToImmutable(), leaf4, invalid.ToImmutable());
    }

    /// <summary>
    /// Reads a leaf-2 table and decodes it: <c>#</c> comment lines (origin, attribution), the header
    /// <c>eax,ebx,ecx,edx</c>, and one row of four 32-bit register values in hexadecimal (1 to 8 hex digits, an optional
    /// <c>0x</c> prefix), e.g. <c>6C6B6A01,00FF616D,00000000,00000000</c>.
    /// </summary>
    /// <exception cref="PublishedDataException">The file is missing or unreadable, the header differs, there is not exactly
    /// one row, or a value is not hexadecimal (the error names the register).</exception>
    public static CpuidLeaf2Result Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var lines = PlatformDataText.Lines(path, "a CPUID leaf 2 table");
        var rows = Enumerable.Range(0, lines.Length).Where(i => !PlatformDataText.IsCommentOrBlank(lines[i])).ToArray();
        if (rows.Length == 0) throw new PublishedDataException(path, null, "header", $"holds no data: expected the header '{Header}' and one row of register values");
        var names = lines[rows[0]].Split(',').Select(c => c.Trim().ToLowerInvariant()).ToArray();
        if (string.Join(",", names) != Header)
            throw new PublishedDataException(path, rows[0] + 1, "header", $"{PlatformDataText.Show(lines[rows[0]].Trim())} must be '{Header}'");
        if (rows.Length != 2)
            throw new PublishedDataException(path, rows.Length > 2 ? rows[2] + 1 : null, "line",
                $"{rows.Length - 1} row(s) of register values; a leaf-2 table holds exactly one");
        var cells = lines[rows[1]].Split(',').Select(c => c.Trim()).ToArray();
        if (cells.Length != 4)
            throw new PublishedDataException(path, rows[1] + 1, cells.Length < 4 ? names[cells.Length] : "line", $"the row has {cells.Length} value(s); it needs the 4 registers {Header}");
        var values = new uint[4];
        for (var r = 0; r < 4; r++) values[r] = Register(path, rows[1] + 1, names[r], cells[r]);
        return Decode(values[0], values[1], values[2], values[3]);
    }

    private static uint Register(string path, int line, string field, string cell)
    {
        var digits = cell.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? cell[2..] : cell;
        if (digits.Length is < 1 or > 8 || !digits.All(char.IsAsciiHexDigit)
            || !uint.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            throw new PublishedDataException(path, line, field, $"{PlatformDataText.Show(cell)} is not a 32-bit register value in hexadecimal (1 to 8 hex digits, e.g. 00FF616D)");
        return value;
    }

    private static TlbKind KindOf(TlbDescriptorTable.Role role) => role switch
    {
        TlbDescriptorTable.Role.Instruction => TlbKind.Instruction,
        TlbDescriptorTable.Role.Shared => TlbKind.Shared,
        _ => TlbKind.Data,
    };

    private static int LevelOf(TlbDescriptorTable.Role role, bool firstLevelData) => role switch
    {
        TlbDescriptorTable.Role.SecondData or TlbDescriptorTable.Role.Shared => 2,
        TlbDescriptorTable.Role.Data when firstLevelData => 2,
        _ => 1,
    };
}
