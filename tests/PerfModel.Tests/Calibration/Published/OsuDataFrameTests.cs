using PerfModel.Calibration.Published;
using static PerfModel.Tests.Calibration.Published.PublishedData;

namespace PerfModel.Tests.Calibration.Published;

/// <summary>The OSU data-frame and osu_mbw_mr importers against the published files and malformed copies.</summary>
public sealed class OsuDataFrameTests
{
    private const string Header = ",size,latency_us,experiment,cloud,env,env_type,nodes,gpu_count";

    [Fact]
    public void DaneLatencyFrameReadsAsPublished()
    {
        var frame = OsuDataFrame.Load(Osu("osu_latency-64-cpu-dataframe.csv"));
        Assert.Equal("latency_us", frame.LatencyColumn);
        Assert.Equal(8736, frame.Rows.Length); // 8,737 lines less the header
        var dane = frame.Rows.Where(r => r.Env == "dane").ToArray();
        Assert.Equal(3360, dane.Length);      // 140 node pairs × 24 sizes (0 B to 4 MiB)
        // Line 1346 of the file: "1344,0.0,1.87,on-premises/dane/cpu/osu_latency,on-premises,dane,cpu,64,0".
        Assert.Equal(new OsuRow(1346, 0, 1.87e-6, "on-premises/dane/cpu/osu_latency", "on-premises", "dane", "cpu", 64, 0), dane[0]);
        Assert.Equal(4194304, dane[23].SizeBytes);
    }

    [Fact]
    public void AllreduceFramesNameTheirLatencyAvgLatency()
    {
        var frame = OsuDataFrame.Load(Osu("osu_allreduce-128-cpu-dataframe.csv"));
        Assert.Equal("avg_latency_us", frame.LatencyColumn);
        Assert.Equal(304, frame.Rows.Count(r => r.Env == "dane")); // 16 runs × 19 sizes (4 B to 1 MiB)
    }

    [Fact]
    public void ColumnsAreFoundByName()
    {
        using var files = new TempFiles();
        var path = files.Write("f.csv", ",env,size,nodes,latency_us,experiment,cloud,env_type,gpu_count\n0,dane,8.0,64,1.85,e,c,cpu,0\n");
        var row = Assert.Single(OsuDataFrame.Load(path).Rows);
        Assert.Equal((8L, 1.85e-6, "dane", 64), (row.SizeBytes, row.LatencySeconds, row.Env, row.Nodes));
    }

    public static TheoryData<string, int?, string, string> Malformed => new()
    {
        { ",size,latency_us,experiment,cloud,env,env_type,gpu_count\n", 1, "nodes", "this column is missing" },
        { ",size,experiment,cloud,env,env_type,nodes,gpu_count\n", 1, "latency_us", "has no latency column" },
        { ",size,latency_us,avg_latency_us,experiment,cloud,env,env_type,nodes,gpu_count\n", 1, "latency_us", "has both" },
        { ",size,size,latency_us,experiment,cloud,env,env_type,nodes,gpu_count\n", 1, "header", "the column 'size' appears twice" },
        { "idx,size,latency_us,experiment,cloud,env,env_type,nodes,gpu_count\n", 1, "header", "starts with pandas' unnamed index" },
        { Header + "\n0,eight,1.8,e,c,dane,cpu,64,0\n", 2, "size", "'eight' is not a finite number" },
        { Header + "\n0,8.5,1.8,e,c,dane,cpu,64,0\n", 2, "size", "must be a whole number of bytes" },
        { Header + "\n0,-8,1.8,e,c,dane,cpu,64,0\n", 2, "size", "must be a whole number of bytes" },
        { Header + "\n0,8,-1.8,e,c,dane,cpu,64,0\n", 2, "latency_us", "must be > 0" },
        { Header + "\n0,8,NaN,e,c,dane,cpu,64,0\n", 2, "latency_us", "is not a finite number" },
        { Header + "\n0,8,1e10,e,c,dane,cpu,64,0\n", 2, "latency_us", "at most 1e9 us" },
        { Header + "\n0,8,1.8,e,c,,cpu,64,0\n", 2, "env", "is empty" },
        { Header + "\n0,8,1.8,e,c,dane,cpu,0,0\n", 2, "nodes", "must be a whole number from 1" },
        { Header + "\n0,8,1.8,e,c,dane,cpu,64.5,0\n", 2, "nodes", "must be a whole number" },
        { Header + "\n0,8,1.8,e,c,dane,cpu,64,-1\n", 2, "gpu_count", "must be a whole number from 0" },
        { Header + "\n0,8,1.8,e,c,dane,cpu,64\n", 2, "gpu_count", "the row has 8 cell(s) but the header has 9" },
        { Header + "\n0,8,1.8,\"e\",c,dane,cpu,64,0\n", 2, "experiment", "quoted cells are not supported" },
        { Header + "\n", null, "file", "has a header but no rows" },
        { "", null, "file", "is empty" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedFramesAreRefusedWithTheColumnNamed(string content, int? line, string field, string rule)
    {
        using var files = new TempFiles();
        var path = files.Write("frame.csv", content);
        Refused(path, () => OsuDataFrame.Load(path), line, field, rule);
    }

    [Fact]
    public void OmniPathMessageRateFiguresRead()
    {
        // The figures of the LANL osu_mbw_mr run (docs/sources.md#omni-path): 4 B at 3,282,051.27 messages/s, the peak
        // 12,380.57 MB/s at 4 MiB.
        var table = OsuMbwMrTable.Load(Measured("opa_osu_mbw_mr_lanl_figures.csv"));
        Assert.Equal([1L, 2, 4, 8, 4194304], table.Rows.Select(r => r.SizeBytes));
        Assert.Equal(3282051.27, table.Rows[2].MessagesPerSecond);
        Assert.Equal(12380.57e6, table.Rows[^1].BytesPerSecond, 1e-3);
    }

    public static TheoryData<string, int?, string, string> MalformedRates => new()
    {
        { "size_bytes,bandwidth_MBps\n", 1, "header", "must be 'size_bytes,bandwidth_MBps,messages_per_second'" },
        { OsuMbwMrTable.Header + "\n8,25.69\n", 2, "messages_per_second", "the row has 2 cell(s)" },
        { OsuMbwMrTable.Header + "\n8,25.69,0\n", 2, "messages_per_second", "must be > 0" },
        { OsuMbwMrTable.Header + "\n8.5,25.69,1\n", 2, "size_bytes", "is not a whole number" },
        { OsuMbwMrTable.Header + "\n8,x,1\n", 2, "bandwidth_MBps", "is not a finite number" },
        { OsuMbwMrTable.Header + "\n8,1,1\n8,2,2\n", 3, "size_bytes", "appears again (first on line 2)" },
        { OsuMbwMrTable.Header + "\n", null, "file", "has a header but no rows" },
    };

    [Theory]
    [MemberData(nameof(MalformedRates))]
    public void MalformedRateTablesAreRefused(string content, int? line, string field, string rule)
    {
        using var files = new TempFiles();
        var path = files.Write("mbw.csv", content);
        Refused(path, () => OsuMbwMrTable.Load(path), line, field, rule);
    }
}
