using PerfModel.Calibration.Published;
using PerfModel.Descriptions;
using static PerfModel.Tests.Calibration.Published.PublishedData;

namespace PerfModel.Tests.Calibration.Published;

/// <summary>CPUID leaf 2 decoding against the Intel SDM's descriptor table (Vol. 2A, Table 3-12) and the KNL dump.</summary>
public sealed class CpuidLeaf2Tests
{
    private static readonly ByteSize K4 = ByteSize.FromKiB(4);
    private static readonly ByteSize M2 = ByteSize.FromMiB(2);
    private static readonly ByteSize G1 = ByteSize.FromGiB(1);

    [Fact]
    public void KnightsLandingLeaf2GivesItsTlbGeometryExactly()
    {
        // InstLatx64's Xeon Phi 7210 dump: CPUID 00000002: 6C6B6A01-00FF616D-00000000-00000000.
        var r = CpuidLeaf2.Decode(0x6C6B6A01, 0x00FF616D, 0, 0);
        // SDM Table 3-12: 0x6A uTLB 4 KiB 8-way 64; 0x6B DTLB 4 KiB 8-way 256; 0x6C DTLB 2M/4M 8-way 128;
        // 0x6D DTLB 1 GiB fully associative 16; 0x61 ITLB 4 KiB fully associative 48.
        Assert.Equal(
            [
                (0x6A, TlbKind.Data, 1, "4096", 64, (int?)8),
                (0x6B, TlbKind.Data, 2, "4096", 256, 8),
                (0x6C, TlbKind.Data, 2, "2097152/4194304", 128, 8),
                (0x6D, TlbKind.Data, 2, "1073741824", 16, 16),
                (0x61, TlbKind.Instruction, 1, "4096", 48, 48),
            ],
            r.Tlbs.Select(t => ((int)t.Descriptor, t.Kind, t.Level, string.Join("/", t.PageSizes.Select(p => (long)p.Bytes)), t.Entries, t.Ways)));
        Assert.True(r.Tlbs.Single(t => t.Descriptor == 0x6D).FullyAssociative);
        Assert.True(r.CachesInLeaf4);
        Assert.Empty(r.UnknownDescriptors);
        Assert.Empty(r.InvalidRegisters);
    }

    [Fact]
    public void KnightsLandingLevelsAreThePlatformProfilesTlb()
    {
        // The profile's TLB levels (data/platforms/oakforest-pacs-knl7250.json, typed by hand from the same descriptors)
        // must be exactly what the decoder gives.
        var levels = CpuidLeaf2.Decode(0x6C6B6A01, 0x00FF616D, 0, 0).ToTlbLevels();
        Assert.Equal([(1, K4, 64), (2, K4, 256), (2, M2, 128), (2, G1, 16)], levels.Select(l => (l.Level, l.PageSize, l.Entries)));
        Assert.Equal(PerfModel.Profiles.Defaults.Platform().Tlb.Select(l => (l.Level, l.PageSize, l.Entries)), levels.Select(l => (l.Level, l.PageSize, l.Entries)));
    }

    [Fact]
    public void TheDataFileDecodesToTheSameResult()
    {
        var fromFile = CpuidLeaf2.Load(Measured("knl_cpuid_leaf2.csv"));
        var direct = CpuidLeaf2.Decode(0x6C6B6A01, 0x00FF616D, 0, 0);
        Assert.Equal((direct.Eax, direct.Ebx, direct.Ecx, direct.Edx), (fromFile.Eax, fromFile.Ebx, fromFile.Ecx, fromFile.Edx));
        Assert.Equal(direct.Tlbs.ToArray(), fromFile.Tlbs.ToArray()); // same table entries, so records compare equal
    }

    [Fact]
    public void RegistersWithBit31SetAreIgnored()
    {
        // SDM: "The most significant bit (bit 31) of each register indicates whether the register contains valid
        // information (set to 0) or is reserved (set to 1)."
        var r = CpuidLeaf2.Decode(0x6C6B6A01, 0x80FF616D, 0x8000006B, 0);
        Assert.Equal(["ebx", "ecx"], r.InvalidRegisters.ToArray());
        Assert.Equal([0x6A, 0x6B, 0x6C], r.Tlbs.Select(t => (int)t.Descriptor));
        Assert.False(r.CachesInLeaf4); // the 0xFF was in the ignored EBX
    }

    [Fact]
    public void TheCountByteOfEaxIsNotADescriptor()
    {
        // AL = 0x6A would be a uTLB if it were read as a descriptor; it is the iteration count and skipped.
        var r = CpuidLeaf2.Decode(0x0000006A, 0, 0, 0);
        Assert.Empty(r.Tlbs);
        Assert.Empty(r.UnknownDescriptors);
    }

    [Fact]
    public void UnknownAndCacheDescriptorsAreReportedNotGuessed()
    {
        // 0x2C is an L1 data cache descriptor (not a TLB), 0x99 is not in Table 3-12, 0xF0 is 64-byte prefetching.
        var r = CpuidLeaf2.Decode(0x00992C01, 0x000000F0, 0, 0x00000003);
        Assert.Equal([0x2C, 0x99, 0xF0], r.UnknownDescriptors.Select(b => (int)b));
        var dtlb = Assert.Single(r.Tlbs);
        Assert.Equal((0x03, TlbKind.Data, 1, 64, (int?)4), (dtlb.Descriptor, dtlb.Kind, dtlb.Level, dtlb.Entries, dtlb.Ways));
    }

    [Fact]
    public void APlainDtlbIsLevelOneWithoutAFirstLevelInFront()
    {
        Assert.Equal(1, Assert.Single(CpuidLeaf2.Decode(0x00006B01, 0, 0, 0).Tlbs).Level);
        Assert.Equal([1, 2], CpuidLeaf2.Decode(0x006B6A01, 0, 0, 0).Tlbs.Select(t => t.Level));
        // Core 2 style: Data TLB0 (0x57) in front of Data TLB1 (0xB4).
        Assert.Equal([1, 2], CpuidLeaf2.Decode(0x00B45701, 0, 0, 0).Tlbs.Select(t => t.Level));
    }

    [Fact]
    public void DescriptorsNamingTwoArraysGiveTwoStructures()
    {
        // 0xC3: "Shared 2nd-Level TLB: 4 KByte /2 MByte pages, 6-way associative, 1536 entries. Also 1GBbyte pages,
        // 4-way, 16 entries." 0x63: 32 × 2M/4M 4-way and a separate 4 × 1 GiB 4-way array.
        var c3 = CpuidLeaf2.Decode(0x0000C301, 0, 0, 0).Tlbs;
        Assert.Equal([(TlbKind.Shared, 2, 1536, (int?)6), (TlbKind.Shared, 2, 16, 4)], c3.Select(t => (t.Kind, t.Level, t.Entries, t.Ways)));
        Assert.Equal([K4, M2], c3[0].PageSizes.ToArray());
        Assert.Equal([(2, K4, 1536), (2, M2, 1536), (2, G1, 16)], CpuidLeaf2.Decode(0x0000C301, 0, 0, 0).ToTlbLevels().Select(l => (l.Level, l.PageSize, l.Entries)));
        Assert.Equal([32, 4], CpuidLeaf2.Decode(0x00006301, 0, 0, 0).Tlbs.Select(t => t.Entries));
    }

    [Fact]
    public void EveryTableEntryIsConsistent()
    {
        // Every byte: whatever the table holds is a TLB with positive entries, power-of-two page sizes, ways dividing the
        // entries (or unstated), and the SDM text naming the entry count.
        for (var code = 1; code < 0xFF; code++)
            foreach (var t in CpuidLeaf2.Decode((uint)(code << 8) | 1, 0, 0, 0).Tlbs)
            {
                Assert.True(t.Entries > 0);
                Assert.All(t.PageSizes, p => Assert.True(double.IsPow2(p.Bytes)));
                if (t.Ways is { } w) Assert.Equal(0, t.Entries % w);
                Assert.Contains(t.Entries.ToString(System.Globalization.CultureInfo.InvariantCulture), t.Description, StringComparison.Ordinal);
            }
    }

    public static TheoryData<string, int?, string, string> Malformed => new()
    {
        { "eax,ebx,ecx,edx\n6C6B6A01,00FG616D,00000000,00000000\n", 2, "ebx", "'00FG616D' is not a 32-bit register value in hexadecimal" },
        { "eax,ebx,ecx,edx\n6C6B6A01,00FF616D,000000000,00000000\n", 2, "ecx", "is not a 32-bit register value" },
        { "eax,ebx,ecx,edx\n6C6B6A01,00FF616D,,00000000\n", 2, "ecx", "is not a 32-bit register value" },
        { "eax,ebx,ecx,edx\n0x,00FF616D,0,0\n", 2, "eax", "is not a 32-bit register value" },
        { "eax,ebx,ecx,edx\n-1,00FF616D,0,0\n", 2, "eax", "is not a 32-bit register value" },
        { "eax,ebx,ecx,edx\n6C6B6A01,00FF616D,0\n", 2, "edx", "the row has 3 value(s)" },
        { "eax,ebx,ecx\n6C6B6A01,00FF616D,0\n", 1, "header", "must be 'eax,ebx,ecx,edx'" },
        { "eax,ebx,ecx,edx\n", null, "line", "0 row(s) of register values" },
        { "eax,ebx,ecx,edx\n1,2,3,4\n5,6,7,8\n", 3, "line", "2 row(s) of register values" },
        { "# nothing\n", null, "header", "holds no data" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedTablesAreRefusedWithTheRegisterNamed(string content, int? line, string field, string rule)
    {
        using var files = new TempFiles();
        var path = files.Write("leaf2.csv", content);
        Refused(path, () => CpuidLeaf2.Load(path), line, field, rule);
    }

    [Fact]
    public void HexPrefixAndLowerCaseAreAccepted()
    {
        using var files = new TempFiles();
        Assert.Equal(5, CpuidLeaf2.Load(files.Write("l.csv", "EAX,EBX,ECX,EDX\n0x6c6b6a01,0X00ff616d,0,0\n")).Tlbs.Length);
    }
}
