using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Analysis;
using PerfModel.Profiles;
using PerfModel.Reports;
using PerfModel.Reports.Content;
using PerfModel.Reports.Figures;
using PerfModel.Reports.Formats;
using PerfModel.Tests.Reports.Figures;
using GenericChart = Plotly.NET.GenericChart;

namespace PerfModel.Tests.Reports;

/// <summary>The notebook charts (<see cref="Charts"/>), checked on their figure JSON (<see cref="GenericChart.toFigureJson"/>):
/// the table and the sweep draw the same chart, one trace per OS and application panel, the same input gives the same
/// JSON, what-if OSes and another baseline are drawn like the paper's, and the study charts are the report's figures
/// (compared with the report figures computed once in <see cref="ReportFiguresFixture"/>).</summary>
[Collection(ReportFiguresCollection.Name)]
public sealed class ChartsTests(ReportFiguresFixture fx)
{
    private static readonly Study Study = Defaults.Study();
    private static readonly string[] Apps = ["minife", "hpcg", "lammps"];
    private static readonly int[] NodeCounts = [1, 4, 64, 1024, 2048];
    private static readonly Sweep Sweep = Study.Sweep(apps: Apps, nodes: NodeCounts);

    /// <summary>Charts.Relative(Sweep), serialised once (Plotly.NET takes a few tenths of a second per chart).</summary>
    private static readonly Lazy<string> RelativeOfSweep = new(() => Json(Charts.Relative(Sweep)));

    private static string Json(GenericChart chart) => GenericChart.toFigureJson(chart);

    /// <summary>A chart's figure JSON, parsed: "data" (one element per trace) and "layout".</summary>
    private sealed record FigureJson(string Text)
    {
        private readonly JsonElement root = JsonSerializer.Deserialize<JsonElement>(Text);

        public FigureJson(GenericChart chart) : this(Json(chart)) { }

        public JsonElement[] Traces => root.GetProperty("data").EnumerateArray().ToArray();

        public JsonElement Layout => root.GetProperty("layout");

        /// <summary>Panel titles: the bold annotations, in panel order.</summary>
        public string[] PanelTitles =>
            Layout.TryGetProperty("annotations", out var a) ? a.EnumerateArray().Select(x => Str(x, "text")).Where(t => t.StartsWith("<b>", StringComparison.Ordinal)).ToArray() : [];
    }

    private static string Str(JsonElement e, string property) => e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static double[] Numbers(JsonElement trace, string property) => trace.GetProperty(property).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static string[] Texts(JsonElement trace, string property) => trace.GetProperty(property).EnumerateArray().Select(v => v.GetString()!).ToArray();

    /// <summary>Panel index of an x axis id: "x" → 0, "x2" → 1, …</summary>
    private static int PanelIndex(string xaxis) => xaxis == "x" ? 0 : int.Parse(xaxis[1..], CultureInfo.InvariantCulture) - 1;

    /// <summary>Asserts that two figure JSON texts are equal; on a difference the message lists where (JSON paths with
    /// both values, grouped), not just the first differing character.</summary>
    private static void AssertSameFigure(string expected, string actual)
    {
        if (expected == actual) return;
        var differences = new List<string>();
        void Walk(JsonNode? x, JsonNode? y, string path)
        {
            switch (x, y)
            {
                case (JsonObject ox, JsonObject oy):
                    foreach (var key in ox.Select(p => p.Key).Union(oy.Select(p => p.Key))) Walk(ox[key], oy[key], path + "." + key);
                    break;
                case (JsonArray ax, JsonArray ay):
                    if (ax.Count != ay.Count) differences.Add($"{path}: {ax.Count} vs {ay.Count} elements");
                    for (var i = 0; i < Math.Min(ax.Count, ay.Count); i++) Walk(ax[i], ay[i], $"{path}[{i}]");
                    break;
                default:
                    if (x?.ToJsonString() != y?.ToJsonString()) differences.Add($"{path}: {x?.ToJsonString() ?? "missing"} vs {y?.ToJsonString() ?? "missing"}");
                    break;
            }
        }
        Walk(JsonNode.Parse(expected), JsonNode.Parse(actual), "$");
        Assert.Fail($"the figure JSON differs in {differences.Count} places (expected vs actual):\n  " + string.Join("\n  ",
            differences.GroupBy(d => Regex.Replace(d[..d.IndexOf(':')], @"\[\d+\]", "[]")).Select(g => $"{g.Count()} x {g.Key}, first {g.First()}")));
    }

    /// <summary>Asserts one trace per application panel and non-baseline OS, OSes in <paramref name="oses"/> order in
    /// every panel, each OS listed once in the legend, and one panel title per application (its display name, unless
    /// <paramref name="displayNames"/> is false: a table has none).</summary>
    private static void AssertOneTracePerOsAndPanel(FigureJson figure, IReadOnlyList<string> apps, IReadOnlyList<string> oses, Sweep sweep, bool displayNames = true)
    {
        var traces = figure.Traces;
        Assert.Equal(apps.Count * oses.Count, traces.Length);
        var panels = traces.GroupBy(t => Str(t, "xaxis")).ToArray();
        Assert.Equal(apps.Count, panels.Length);
        foreach (var panel in panels)
        {
            Assert.Equal(oses, panel.Select(t => Str(t, "legendgroup")));
            Assert.Single(panel.Select(t => Str(t, "yaxis")).Distinct());
        }
        if (displayNames) Assert.Equal(apps.Select(a => $"<b>{sweep.First(r => r.Prediction.App == a).Prediction.Scenario.App.DisplayName}</b>"), figure.PanelTitles);
        else Assert.Equal(apps.Count, figure.PanelTitles.Length);
        Assert.All(traces.GroupBy(t => Str(t, "legendgroup")), g => Assert.Equal(1, g.Count(t => t.GetProperty("showlegend").GetBoolean())));
    }

    [Theory]
    [InlineData("linux")]
    [InlineData("mos")]
    public void Relative_of_the_table_is_relative_of_the_sweep(string baseline)
    {
        var sweep = baseline == Sweep.Baseline ? Sweep : (Study with { Baseline = baseline }).Sweep(apps: Apps, nodes: NodeCounts);
        var fromSweep = baseline == Sweep.Baseline ? RelativeOfSweep.Value : Json(Charts.Relative(sweep));
        var fromTable = Json(Charts.Relative(sweep.ToDataFrame()));
        var others = Study.Oses.Select(o => o.Name).Where(o => o != baseline).ToArray();
        AssertOneTracePerOsAndPanel(new FigureJson(fromSweep), Apps, others, sweep);
        AssertSameFigure(fromSweep, fromTable);
    }

    [Fact]
    public void Relative_plots_the_sweep_ratios_clipped_to_the_paper_axis()
    {
        foreach (var trace in new FigureJson(RelativeOfSweep.Value).Traces)
        {
            var os = Str(trace, "legendgroup");
            var rows = Sweep.Rows(Apps[PanelIndex(Str(trace, "xaxis"))], os); // panels in sweep order
            Assert.Equal(rows.Select(r => (double)r.Prediction.Nodes), Numbers(trace, "x"));
            Assert.Equal(rows.Select(r => Math.Clamp(r.RelativeToBaseline, RelativeToBaselineFigure.ClipLow, RelativeToBaselineFigure.ClipHigh)), Numbers(trace, "y"));
            Assert.Equal(OsStyle.Colour(os), trace.GetProperty("marker").GetProperty("color").GetString());
            Assert.Equal(OsStyle.Display(os), Str(trace, "name"));
        }
    }

    [Fact]
    public void Relative_of_the_predict_csv_takes_the_baseline_from_its_ratio_column()
    {
        var csv = PredictionTable.ToCsv(Sweep);
        var types = PredictionTable.CsvHeader(Sweep.Baseline).Select(c => c switch
        {
            "app" or "os" or "fom_unit" => typeof(string),
            "nodes" => typeof(int),
            "cores" or "ranks" => typeof(long),
            _ => typeof(double),
        }).ToArray();
        var frame = DataFrame.LoadCsv(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), dataTypes: types, cultureInfo: CultureInfo.InvariantCulture);
        Assert.Contains(frame.Columns, c => c.Name == PredictionTable.RatioColumn("linux"));
        var chart = new FigureJson(Charts.Relative(frame));
        AssertOneTracePerOsAndPanel(chart, Apps, ["mckernel", "mos"], Sweep, displayNames: false);
        // Without run_min_s/run_max_s there are no error bars, but the markers are the sweep's.
        var fromSweep = new FigureJson(RelativeOfSweep.Value).Traces;
        foreach (var (a, b) in chart.Traces.Zip(fromSweep))
        {
            Assert.Equal(Numbers(b, "x"), Numbers(a, "x"));
            Assert.Equal(Numbers(b, "y"), Numbers(a, "y"));
            Assert.All(Numbers(a.GetProperty("error_y"), "array"), v => Assert.Equal(0, v));
            Assert.All(Numbers(a.GetProperty("error_y"), "arrayminus"), v => Assert.Equal(0, v));
        }
    }

    [Fact]
    public void Relative_of_a_table_without_the_needed_columns_names_them()
    {
        var frame = Sweep.ToDataFrame();
        frame.Columns.Remove("relative_to_baseline");
        frame.Columns.Remove("nodes");
        var e = Assert.Throws<ArgumentException>(() => Charts.Relative(frame));
        Assert.Contains("nodes, relative_to_baseline", e.Message);
    }

    [Fact]
    public void A_what_if_os_is_drawn_in_its_own_colour_under_its_display_name()
    {
        var linux = Study.Os["linux"];
        var mos = Study.Os["mos"];
        var whatIf = mos with { Name = "mos-linux-heap", DisplayName = "mOS, Linux heap", Brk = linux.Brk };
        var sweep = Study.SweepOver(new[] { "lulesh2", "minife" }.Select(a => Study.App[a]), [linux, mos, whatIf], [1, 8, 64]);

        var relative = new FigureJson(Charts.Relative(sweep));
        AssertOneTracePerOsAndPanel(relative, ["lulesh2", "minife"], ["mos", "mos-linux-heap"], sweep);
        var traces = relative.Traces.Where(t => Str(t, "legendgroup") == "mos-linux-heap").ToArray();
        Assert.All(traces, t => Assert.Equal("mOS, Linux heap", Str(t, "name")));
        Assert.All(traces, t => Assert.Equal(OsStyle.Palette[0], t.GetProperty("marker").GetProperty("color").GetString()));
        Assert.DoesNotContain(OsStyle.Palette[0], new[] { OsStyle.LinuxColour, OsStyle.McKernelColour, OsStyle.MosColour });

        // Scaling: one FOM line per OS, then one ratio line per non-baseline OS.
        var scaling = new FigureJson(Charts.Scaling(sweep, "lulesh2")).Traces;
        Assert.Equal(["linux", "mos", "mos-linux-heap", "mos", "mos-linux-heap"], scaling.Select(t => Str(t, "legendgroup")));
        Assert.Equal("mOS, Linux heap", Str(scaling[2], "name"));
        // Breakdown: one trace per mechanism and panel, and the what-if has its own bars in every panel.
        var breakdown = new FigureJson(Charts.Breakdown(sweep)).Traces;
        Assert.Equal(2 * PredictionTable.Mechanisms.Count, breakdown.Length);
        Assert.All(breakdown, t => Assert.Contains(Texts(t, "x"), x => x.StartsWith("mOS, Linux heap<br>", StringComparison.Ordinal)));
    }

    [Fact]
    public void Another_baseline_is_the_reference_of_every_chart()
    {
        var study = Study with { Baseline = "mos" };
        var sweep = study.Sweep(apps: ["minife"], nodes: [1, 64, 1024]);

        var relative = new FigureJson(Charts.Relative(sweep));
        Assert.Equal(["linux", "mckernel"], relative.Traces.Select(t => Str(t, "legendgroup")));
        Assert.Contains("relative to mOS", relative.Layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());

        var scaling = new FigureJson(Charts.Scaling(sweep, "minife")).Traces;
        Assert.Equal(["linux", "mckernel", "mos", "linux", "mckernel"], scaling.Select(t => Str(t, "legendgroup")));
        Assert.Equal(sweep.Rows("minife", "linux").Select(r => r.RelativeToBaseline), Numbers(scaling[3], "y"));
        Assert.Equal(sweep.Rows("minife", "mckernel").Select(r => r.RelativeToBaseline), Numbers(scaling[4], "y"));

        // The breakdown's bars are in % of mOS's runtime: mOS's own bars reach 100%.
        var bars = new FigureJson(Charts.Breakdown(sweep)).Traces;
        var categories = Texts(bars[0], "x");
        var total = new double[categories.Length];
        foreach (var b in bars)
        {
            var y = Numbers(b, "y");
            for (var i = 0; i < y.Length; i++) total[i] += y[i];
        }
        var mosBars = Enumerable.Range(0, categories.Length).Where(i => categories[i].StartsWith("mOS<br>", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, mosBars.Length);
        Assert.All(mosBars, i => Assert.Equal(100, total[i], 9));
    }

    [Fact]
    public void Scaling_of_an_app_the_sweep_lacks_is_an_error()
    {
        var e = Assert.Throws<ArgumentException>(() => Charts.Scaling(Sweep, "lulesh2"));
        Assert.Contains("lulesh2", e.Message);
    }

    [Fact]
    public void Study_charts_are_the_report_figures_and_an_unknown_name_lists_the_known_ones()
    {
        // The fixture holds the report's figures of the default study.
        Assert.Equal(Json(fx.Figure(RelativeToBaselineFigure.Name).Chart), Json(Charts.ReportFigure(Study, RelativeToBaselineFigure.Name)));
        Assert.Equal(Json(fx.Figure(NoiseAmplificationFigure.Name).Chart), Json(Charts.NoiseAmplification(Study)));
        Assert.Equal(Json(fx.Figure(MemoryHierarchyFigure.Name).Chart), Json(Charts.MemoryHierarchy(Study)));
        var e = Assert.Throws<KeyNotFoundException>(() => Charts.ReportFigure(Study, "fig7"));
        Assert.Contains(string.Join(", ", ReportFigures.Names), e.Message);
    }

    [Fact]
    public void Charts_built_twice_give_identical_json()
    {
        // (The study charts are the report figures, whose determinism ReportFiguresTests checks.)
        var frame = Sweep.ToDataFrame();
        var builders = new (string Name, Func<GenericChart> Build)[]
        {
            ("relative(frame)", () => Charts.Relative(frame)),
            ("scaling", () => Charts.Scaling(Sweep, "minife")),
            ("breakdown", () => Charts.Breakdown(Sweep)),
        };
        foreach (var (name, build) in builders)
        {
            var first = Json(build());
            Assert.True(first == Json(build()), $"{name}: two builds differ");
            Assert.DoesNotContain("NaN", first);
            Assert.DoesNotContain("Infinity", first);
        }
        // The same sweep computed again gives the same chart (nothing depends on object identity or on the first build).
        Assert.Equal(RelativeOfSweep.Value, Json(Charts.Relative(Study.Sweep(apps: Apps, nodes: NodeCounts))));
    }

    [Fact]
    public void Breakdown_shows_the_chosen_node_counts_or_the_smallest_and_largest()
    {
        static string[] Categories(GenericChart chart) => Texts(new FigureJson(chart).Traces[0], "x");
        Assert.Equal(["Linux<br>1 node", "McKernel<br>1 node", "mOS<br>1 node", "Linux<br>2,048 nodes", "McKernel<br>2,048 nodes", "mOS<br>2,048 nodes"],
            Categories(Charts.Breakdown(Sweep)));
        Assert.Equal(["Linux<br>64 nodes", "McKernel<br>64 nodes", "mOS<br>64 nodes"], Categories(Charts.Breakdown(Sweep, [64])));
    }
}
