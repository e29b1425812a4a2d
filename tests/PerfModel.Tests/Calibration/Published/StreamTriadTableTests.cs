using PerfModel.Calibration.Published;
using static PerfModel.Tests.Calibration.Published.PublishedData;

namespace PerfModel.Tests.Calibration.Published;

/// <summary>The STREAM importer against K. Rupp's published KNL files (.dat as published, and the merged CSV), and its
/// refusals of malformed tables.</summary>
public sealed class StreamTriadTableTests
{
    private static readonly int[] Threads = [1, 2, 4, 8, 16, 32, 64, 128, 256];

    // The published MB/s values (results/knl/stream64M-{mcdram,ddr4}.dat), typed here from the files.
    private static readonly double[] McdramMBps = [11839.0, 23044.1, 45596.1, 90182.4, 175845.5, 314957.3, 421736.8, 403460.1, 306214.7];
    private static readonly double[] Ddr4MBps = [10845.2, 20391.3, 40113.9, 70682.0, 84965.9, 87306.7, 88387.1, 86760.0, 57467.5];

    [Theory]
    [InlineData("knl7250_stream_triad_karlrupp_mcdram.dat", "MCDRAM")]
    [InlineData("knl7250_stream_triad_karlrupp_ddr4.dat", "DDR4")]
    public void PublishedDatFilesReadAsMegabytesPerSecondDespiteTheirGbHeader(string file, string tier)
    {
        var table = StreamTriadTable.Load(Measured(file));
        var t = Assert.Single(table.Tiers);
        Assert.Equal(tier, t.Name);
        Assert.Equal(Threads, t.Points.Select(p => p.Threads));
        // MB/s × 1e6 is exact in the last bit for these one-decimal values only up to rounding: 1e-12 relative.
        var expected = tier == "MCDRAM" ? McdramMBps : Ddr4MBps;
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i] * 1e6, t.Points[i].BytesPerSecond, expected[i] * 1e-6);
    }

    [Fact]
    public void PublishedFiguresAt64ThreadsAreTheProfileBandwidths()
    {
        // docs/sources.md#knl-stream: 421.7 GB/s (MCDRAM) and 88.4 GB/s (DDR4) at 64 threads, given to 0.1 GB/s: ±0.05 GB/s.
        var table = StreamTriadTable.Load(Measured("knl7250_stream_triad_karlrupp.csv"));
        Assert.Equal(421.7e9, table.Tier("mcdram").Points.Single(p => p.Threads == 64).BytesPerSecond, 0.05e9);
        Assert.Equal(88.4e9, table.Tier("DDR4").Points.Single(p => p.Threads == 64).BytesPerSecond, 0.05e9);
    }

    [Fact]
    public void MergedCsvHoldsTheSameNumbersAsTheTwoDatFiles()
    {
        var merged = StreamTriadTable.Load(Measured("knl7250_stream_triad_karlrupp.csv"));
        Assert.Equal(["MCDRAM", "DDR4"], merged.Tiers.Select(t => t.Name));
        foreach (var (file, tier) in new[] { ("knl7250_stream_triad_karlrupp_mcdram.dat", "MCDRAM"), ("knl7250_stream_triad_karlrupp_ddr4.dat", "DDR4") })
        {
            var dat = StreamTriadTable.Load(Measured(file)).Tiers[0];
            Assert.Equal(dat.Points.ToArray(), merged.Tier(tier).Points.ToArray()); // exact: both parse the same decimal strings
        }
    }

    [Fact]
    public void UnknownTierListsTheTiers()
    {
        var table = StreamTriadTable.Load(Measured("knl7250_stream_triad_karlrupp.csv"));
        var e = Assert.Throws<ArgumentException>(() => table.Tier("HBM3"));
        Assert.Contains("MCDRAM, DDR4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RowsInAnyOrderComeOutSortedAndCrlfIsRead()
    {
        using var files = new TempFiles();
        var path = files.Write("t.csv", "threads,triad_MBps_hbm\r\n4,40\r\n1,10\r\n2,20\r\n");
        var tier = StreamTriadTable.Load(path).Tier("HBM");
        Assert.Equal([1, 2, 4], tier.Points.Select(p => p.Threads));
        Assert.Equal(40e6, tier.Points[2].BytesPerSecond);
    }

    public static TheoryData<string, string, int?, string, string> Malformed => new()
    {
        // name, content, line, field, part of the rule
        { "a.csv", "threads,triad_MBps_mcdram\n1,abc\n", 2, "triad_MBps_mcdram", "is not a finite number" },
        { "a.csv", "threads,triad_MBps_mcdram\n1,-5\n", 2, "triad_MBps_mcdram", "must be > 0" },
        { "a.csv", "threads,triad_MBps_mcdram\n1,0\n", 2, "triad_MBps_mcdram", "must be > 0" },
        { "a.csv", "threads,triad_MBps_mcdram\n1,NaN\n", 2, "triad_MBps_mcdram", "is not a finite number" },
        { "a.csv", "threads,triad_MBps_mcdram\n1,Infinity\n", 2, "triad_MBps_mcdram", "is not a finite number" },
        { "a.csv", "threads,triad_MBps_mcdram\n1,1e10\n", 2, "triad_MBps_mcdram", "at most" },
        { "a.csv", "threads,triad_MBps_mcdram\n1,10\n# c\n1,11\n", 4, "threads", "appears again (first on line 2)" },
        { "a.csv", "threads,triad_MBps_mcdram\n1.5,10\n", 2, "threads", "is not a whole number" },
        { "a.csv", "threads,triad_MBps_mcdram\n0,10\n", 2, "threads", "outside 1 to 65536" },
        { "a.csv", "threads,triad_MBps_mcdram,triad_MBps_ddr4\n1,10\n", 2, "triad_MBps_ddr4", "the row has 2 column(s) but the header has 3" },
        { "a.csv", "threads,triad_MBps_mcdram\n1,10,11\n", 2, "line", "the row has 3 column(s)" },
        { "a.csv", "threads\n1\n", 1, "header", "has no rate column" },
        { "a.csv", "cores,triad_MBps_mcdram\n1,10\n", 1, "header", "must be 'threads'" },
        { "a.csv", "threads,triad_GBps_mcdram\n1,10\n", 1, "header", "column 2 is 'triad_GBps_mcdram'" },
        { "a.csv", "threads,triad_MBps_ddr4,triad_MBps_DDR4\n1,10,10\n", 1, "triad_MBps_DDR4", "the tier DDR4 has two columns" },
        { "a.csv", "# only a comment\nthreads,triad_MBps_mcdram\n", null, "file", "has a header but no data rows" },
        { "a.csv", "", null, "file", "holds no data" },
        { "a.csv", "# comment\n\n", null, "file", "holds no data" },
        { "a.dat", "# Threads GB/sec\n1 11839.0\n", null, "tier", "no comment before the data names the memory tier" },
        { "a.dat", "# using MCDRAM NUMA node\n1 11839.0 7\n", 2, "line", "has 3 field(s)" },
        { "a.dat", "# using MCDRAM NUMA node\n1 11839.0\n2 -3\n", 3, "MB/s", "must be > 0" },
        { "a.dat", "# using MCDRAM NUMA node\n2 1\n2 3\n", 3, "threads", "appears again" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedTablesAreRefusedWithTheFileLineAndFieldNamed(string name, string content, int? line, string field, string rule)
    {
        using var files = new TempFiles();
        var path = files.Write(name, content);
        Refused(path, () => StreamTriadTable.Load(path), line, field, rule);
    }

    [Fact]
    public void MissingFileAndDirectoryAreRefusedAsFileProblems()
    {
        using var files = new TempFiles();
        var missing = files.PathOf("none.dat");
        Refused(missing, () => StreamTriadTable.Load(missing), null, "file", "file not found");
        var dir = Path.GetDirectoryName(missing)!;
        Refused(dir, () => StreamTriadTable.Load(dir), null, "file", "is a directory");
    }

    [Fact]
    public void InvalidUtf8IsRefusedAtItsLine()
    {
        using var files = new TempFiles();
        var path = files.PathOf("bad.csv");
        File.WriteAllBytes(path, [.. "threads,triad_MBps_x\n1,"u8, 0xFF, .. "\n"u8]);
        Refused(path, () => StreamTriadTable.Load(path), 2, "file", "not valid UTF-8");
    }
}
