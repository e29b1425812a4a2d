using PerfModel.Calibration.Published;

namespace PerfModel.Tests.Calibration.Published;

/// <summary>The importers of published noise figures: the files of data/measured read as published (values checked against
/// the sources' own numbers, typed here), and every malformed table refused with the file, line and column named.</summary>
public sealed class PublishedTableTests
{
    [Fact]
    public void The_osjitter_figures_load_as_published()
    {
        var t = PercentileTable.Load(PublishedNoiseFiles.Osjitter);
        // 8 CPUs of A, the 3 isolated CPUs of D, E and F (the rows the noise classes use).
        Assert.Equal(17, t.Rows.Length);
        Assert.Equal(["A_nohzfull_isol_default", "D_nohzfull_plus_latency_tuned_profile", "E_isolcpus_nohz_off_periodic_tick", "F_isolcpus_nohz_on_no_nohzfull"], t.Configs.AsEnumerable());
        // osjitter README (commit 1ef77802), configuration A, CPU 5: #intr 156, sum_intr_ns 576392, median 3681, p20 2801,
        // p80 4044, p90 4388, p99 11667, p99.9 12138, max 12286 ns; rt_s 60. Exact: ns / 1e9 is one correctly rounded division.
        var a5 = t.Select("A_nohzfull_isol_default", isolated: true)[0];
        Assert.Equal((5, 156, 60.0, 576392e-9), (a5.Cpu, a5.Interruptions, a5.RunSeconds, a5.SumSeconds));
        Assert.Equal([2801e-9, 3681e-9, 4044e-9, 4388e-9, 11667e-9, 12138e-9], a5.QuantilesSeconds.AsEnumerable());
        Assert.Equal(12286e-9, a5.MaxSeconds);
        Assert.Equal(5, t.Select("A_nohzfull_isol_default", isolated: false).Length);
        // doc/osjitter-atom-C3758-hz.txt (E), CPU 7: 60062 interruptions, max 13364 ns.
        var e7 = t.Select("E_isolcpus_nohz_off_periodic_tick", isolated: true)[2];
        Assert.Equal((7, 60062, 13364e-9), (e7.Cpu, e7.Interruptions, e7.MaxSeconds));
        Assert.True(t.Rows.All(r => r.Line > 0));
    }

    [Fact]
    public void The_llnl_fwq_summary_loads_as_published()
    {
        var f = FwqSummary.Load(PublishedNoiseFiles.Fwq);
        Assert.Equal(6, f.Rows.Length);
        // LLNL system-noise README: fwq-th noisiest worker 5 on CPU 5, 9999 quanta, max 2140.353246 us, median 1131.085861 us.
        var th = f.Row("fwq-th_noisiest")!;
        Assert.Equal((5, (int?)5, 9999), (th.Worker, th.Cpu, th.Count));
        Assert.Equal(2140.353246e-6, th.MaxSeconds, 1e-15);
        Assert.Equal(2140.353246e-6 - 1131.085861e-6, th.MaxExcessSeconds, 1e-15);
        Assert.Null(f.Row("fwq-mpi_v2_noisiest")!.Cpu); // the v2 README table gives no CPU
        Assert.Null(f.Row("nope"));
    }

    [Fact]
    public void Osjitter_rank_rule_matches_the_published_coincidences()
    {
        // osjitter: i = floor(n a / b); x[i] for odd n or i = 0, else (x[i-1] + x[i]) / 2 (0-based). By hand:
        // n = 5, p80: i = 4, odd -> rank 5 = the max (config D publishes p80 = p90 = p99 = p99.9 = max);
        Assert.Equal((5, 5), PercentileRow.Ranks(5, 4, 5));
        Assert.Equal((2, 2), PercentileRow.Ranks(5, 1, 5));
        // n = 8, p90: i = 7, even -> ranks 7 and 8, so p90 (11288) differs from the max (11616) in config B;
        Assert.Equal((7, 8), PercentileRow.Ranks(8, 90, 100));
        // n = 156, p99.9: i = floor(155.844) = 155 -> ranks 155, 156; p99: i = 154 -> ranks 154, 155.
        Assert.Equal((155, 156), PercentileRow.Ranks(156, 999, 1000));
        Assert.Equal((154, 155), PercentileRow.Ranks(156, 99, 100));
        // n = 1: i = 0 -> rank 1 for every level.
        Assert.Equal((1, 1), PercentileRow.Ranks(1, 999, 1000));

        var d5 = PercentileTable.Load(PublishedNoiseFiles.Osjitter).Select("D_nohzfull_plus_latency_tuned_profile", true)[0].ToDetourSummary();
        // n = 5: p20 rank 2, median rank 3, and p80 ... max all rank 5: three distinct points.
        Assert.Equal(["p20", "median", "p80/p90/p99/p99.9/max"], d5.Points.Select(p => p.Label));
        Assert.Equal([2, 3, 5], d5.Points.Select(p => p.HighRank));
        Assert.Equal(5.0 / 6, d5.Points[^1].PlottingPosition(5), 15); // the max at n/(n + 1)
    }

    public static TheoryData<string, string, int?, string> BadPercentileTables => new()
    {
        // text, field, line, part of the rule
        { "", "$", null, "no header" },
        { "# only a comment\n\n", "$", null, "no header" },
        { PublishedNoiseFiles.PercentileHeader + "\n", "$", 1, "no rows" },
        { PublishedNoiseFiles.PercentileHeader.Replace(",max_ns", "") + "\nA,5,yes,1,60,1,1,1,1,1,1,1\n", "max_ns", 1, "no column 'max_ns'" },
        { PublishedNoiseFiles.PercentileHeader + ",extra\nA,5,yes,1,60,1,1,1,1,1,1,1,1,1\n", "extra", 1, "not a column" },
        { PublishedNoiseFiles.PercentileHeader.Replace("cpu,", "cpu,cpu,") + "\n", "cpu", 1, "named twice" },
        { PublishedNoiseFiles.PercentileHeader + "\nA,5,yes,156,60,576392,2801,3681\n", "$", 2, "has 8 cells" },
        { PublishedNoiseFiles.PercentileHeader + "\nA,5,yes,156,60,576392,2801,abc,4044,4388,11667,12138,12286\n", "median_ns", 2, "'abc' is not a number" },
        { PublishedNoiseFiles.PercentileHeader + "\nA,5,yes,156,60,576392,2801,NaN,4044,4388,11667,12138,12286\n", "median_ns", 2, "not a finite number" },
        { PublishedNoiseFiles.PercentileHeader + "\nA,5,yes,156,60,-5,2801,3681,4044,4388,11667,12138,12286\n", "sum_ns", 2, "negative" },
        { PublishedNoiseFiles.PercentileHeader + "\nA,-5,yes,156,60,576392,2801,3681,4044,4388,11667,12138,12286\n", "cpu", 2, "negative" },
        { PublishedNoiseFiles.PercentileHeader + "\nA,5,yes,15.6,60,576392,2801,3681,4044,4388,11667,12138,12286\n", "interruptions", 2, "not a whole number" },
        { PublishedNoiseFiles.PercentileHeader + "\nA,5,maybe,156,60,576392,2801,3681,4044,4388,11667,12138,12286\n", "isolated", 2, "neither yes nor no" },
        { PublishedNoiseFiles.PercentileHeader + "\nA,5,yes,156,0,576392,2801,3681,4044,4388,11667,12138,12286\n", "run_s", 2, "> 0" },
        { PublishedNoiseFiles.PercentileHeader + "\nA,5,yes,156,60,576392,2801,3681,4044,4388,11667,12138,12000\n", "max_ns", 2, "must not decrease" },
        { PublishedNoiseFiles.PercentileHeader + "\nA,5,yes,156,60,576392,4801,3681,4044,4388,11667,12138,12286\n", "median_ns", 2, "must not decrease" },
        { PublishedNoiseFiles.PercentileHeader + "\nA,5,yes,156,60,5763920,2801,3681,4044,4388,11667,12138,12286\n", "sum_ns", 2, "cannot exceed the max" },
        { PublishedNoiseFiles.PercentileHeader + "\nA,5,yes,5,60,20000,1900,2200,6100,6100,6100,6100,6200\n", "max_ns", 2, "same order statistics" },
        { PublishedNoiseFiles.PercentileHeader + "\nA,5,yes,0,60,0,0,0,0,0,0,0,1\n", "interruptions", 2, "0 interruptions" },
        { PublishedNoiseFiles.PercentileHeader + "\nA,5,yes,3,60,10,0,0,0,0,0,0,5\n", "p20_ns", 2, "must be > 0" },
        { PublishedNoiseFiles.PercentileText + "A,5,yes,1,60,1,1,1,1,1,1,1,1\n", "cpu", 5, "already on line 3" },
        { PublishedNoiseFiles.PercentileHeader + "\n,5,yes,156,60,576392,2801,3681,4044,4388,11667,12138,12286\n", "config", 2, "empty" },
    };

    [Theory]
    [MemberData(nameof(BadPercentileTables))]
    public void Malformed_percentile_tables_are_refused_at_their_line_and_column(string text, string field, int? line, string rule)
    {
        var e = Assert.Throws<PublishedDataException>(() => PercentileTable.Parse(text, "t.csv"));
        Assert.Equal(("t.csv", line, field), (e.File, e.Line, e.Field));
        Assert.Contains(rule, e.Rule, StringComparison.Ordinal);
        Assert.Equal(line is { } l ? $"t.csv:{l}: {field}: {e.Rule}" : $"t.csv: {field}: {e.Rule}", e.Message);
    }

    public static TheoryData<string, string, int?, string> BadFwqTables => new()
    {
        { "", "$", null, "no header" },
        { PublishedNoiseFiles.FwqHeader.Replace("std_us,", "") + "\n", "std_us", 1, "no column 'std_us'" },
        { PublishedNoiseFiles.FwqHeader + "\nr,1,1,10,8.85,0.01,8.84,8.85,8.85,8.86,x\n", "max_us", 2, "not a number" },
        { PublishedNoiseFiles.FwqHeader + "\nr,1,1,10,8.85,-0.01,8.84,8.85,8.85,8.86,9\n", "std_us", 2, "negative" },
        { PublishedNoiseFiles.FwqHeader + "\nr,1,1,10,8.85,0.01,8.84,8.85,8.80,8.86,9\n", "p50_us", 2, "must not decrease" },
        { PublishedNoiseFiles.FwqHeader + "\nr,1,1,10,9.5,0.01,8.84,8.85,8.85,8.86,9\n", "mean_us", 2, "outside [min, max]" },
        { PublishedNoiseFiles.FwqHeader + "\nr,1,1,10,8.85,5,8.84,8.85,8.85,8.86,9\n", "std_us", 2, "largest a standard deviation" },
        { PublishedNoiseFiles.FwqHeader + "\nr,1,1,0,8.85,0.01,8.84,8.85,8.85,8.86,9\n", "count", 2, "at least one" },
        { PublishedNoiseFiles.FwqHeader + "\nr,1,1,10,8.85,0.01,0,8.85,8.85,8.86,9\n", "min_us", 2, "must be > 0" },
        { PublishedNoiseFiles.FwqText + "r_noisiest,1,1,10,8.85,0.01,8.84,8.85,8.85,8.86,9\n", "run", 4, "already on line 3" },
        { PublishedNoiseFiles.FwqHeader + "\nr,1,one,10,8.85,0.01,8.84,8.85,8.85,8.86,9\n", "cpu", 2, "not a whole number" },
    };

    [Theory]
    [MemberData(nameof(BadFwqTables))]
    public void Malformed_fwq_summaries_are_refused_at_their_line_and_column(string text, string field, int? line, string rule)
    {
        var e = Assert.Throws<PublishedDataException>(() => FwqSummary.Parse(text, "f.csv"));
        Assert.Equal(("f.csv", line, field), (e.File, e.Line, e.Field));
        Assert.Contains(rule, e.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_texts_parse_with_crlf_columns_in_any_order_and_comments()
    {
        var t = PercentileTable.Parse(PublishedNoiseFiles.PercentileText.Replace("\n", "\r\n"), "t.csv");
        Assert.Equal(2, t.Rows.Length);
        Assert.Equal(4, t.Rows[1].Line);
        var cols = PublishedNoiseFiles.FwqHeader.Split(',');
        var reordered = string.Join(",", cols.Reverse()) + "\n" + string.Join(",", "r,2,,10,8.85,0.01,8.84,8.85,8.85,8.86,9".Split(',').Reverse()) + "\n";
        var f = FwqSummary.Parse(reordered, "f.csv");
        Assert.Equal((2, (int?)null, 9e-6), (f.Rows[0].Worker, f.Rows[0].Cpu, f.Rows[0].MaxSeconds));
    }

    [Fact]
    public void Files_that_cannot_be_read_are_refused_naming_the_file()
    {
        using var files = new TempFiles();
        var missing = files.PathOf("missing.csv");
        var e = Assert.Throws<PublishedDataException>(() => PercentileTable.Load(missing));
        Assert.Equal((missing, (int?)null, "$"), (e.File, e.Line, e.Field));
        Assert.Contains("not found", e.Rule);
        var dir = Path.GetDirectoryName(missing)!;
        Assert.Contains("directory", Assert.Throws<PublishedDataException>(() => FwqSummary.Load(dir)).Rule);
        var bad = files.PathOf("bad.csv");
        File.WriteAllBytes(bad, [.. System.Text.Encoding.UTF8.GetBytes(PublishedNoiseFiles.FwqHeader + "\n"), 0xFF, 0x0A]);
        var utf = Assert.Throws<PublishedDataException>(() => FwqSummary.Load(bad));
        Assert.Equal((bad, (int?)2), (utf.File, utf.Line));
        Assert.Contains("UTF-8", utf.Rule);
    }

    [Fact]
    public void Rows_made_in_code_obey_the_same_rules()
    {
        Assert.Throws<ArgumentException>(() => new PercentileRow("A", 0, true, 3, 60, 1e-5, 2e-6, 1e-6, 3e-6, 3e-6, 3e-6, 3e-6, 3e-6));
        Assert.Throws<ArgumentException>(() => new FwqSummaryRow("r", 0, null, 10, 1e-6, 0, 2e-6, 2e-6, 2e-6, 2e-6, 2e-6));
        Assert.Throws<ArgumentException>(() => new DetourSummary("c", 2, 1, null, [new OrderStatistic("max", 3, 3, 1e-6)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OrderStatistic("p", 2, 1, 1e-6));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OrderStatistic("p", 1, 1, 0));
    }

    [Fact]
    public void The_exception_message_omits_a_missing_line()
    {
        Assert.Equal("f.csv:3: p20_ns: bad", new PublishedDataException("f.csv", 3, "p20_ns", "bad").Message);
        Assert.Equal("f.csv: $: bad", new PublishedDataException("f.csv", null, "$", "bad").Message);
    }
}
