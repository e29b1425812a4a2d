using System.Text.Json;
using PerfModel.Reports.Content;
using PerfModel.Reports.Figures;

namespace PerfModel.Tests.Reports.Figures;

/// <summary>Properties every report figure must have: trace counts, captions, tidy data, one colour per OS, shared legends,
/// axis titles with units, the figure's size, determinism and speed. Checked on the figure JSON, not on pixels.</summary>
[Collection(ReportFiguresCollection.Name)]
public sealed class ReportFiguresTests(ReportFiguresFixture fx)
{
    private static readonly string[] OsIds = ["linux", "mckernel", "mos"];

    public static TheoryData<string> FigureNames => new(ReportFigures.Names);

    [Fact]
    public void All_builds_every_figure_in_report_order()
    {
        Assert.Equal(
            ["fig4-relative", "fig5a-ccsqcd", "fig5b-minife", "fig6a-lulesh", "fig6b-lammps", "attribution", "noise-amplification", "memory-hierarchy"],
            fx.Figures.Select(f => f.Name));
        Assert.Equal(ReportFigures.Names, fx.Figures.Select(f => f.Name));
    }

    [Theory]
    [MemberData(nameof(FigureNames))]
    public void Trace_count_matches_expected_traces(string name)
    {
        var figure = fx.Figure(name);
        Assert.True(figure.ExpectedTraces > 0);
        Assert.Equal(figure.ExpectedTraces, fx.Traces(name).Length);
        Assert.Equal(figure.ExpectedTraces, Plotly.NET.GenericChart.countTrace(figure.Chart));
    }

    [Theory]
    [InlineData("fig4-relative", new[] { "AMG2013", "CCS-QCD", "GeoFEM", "HPCG", "LAMMPS", "MILC", "MiniFE", "McKernel", "mOS" })]
    [InlineData("fig5a-ccsqcd", new[] { "CCS-QCD", "DDR4", "McKernel", "mOS" })]
    [InlineData("fig5b-minife", new[] { "MiniFE", "strong", "McKernel", "mOS", "Linux" })]
    [InlineData("fig6a-lulesh", new[] { "Lulesh 2.0", "1,728", "brk()" })]
    [InlineData("fig6b-lammps", new[] { "LAMMPS", "system calls" })]
    [InlineData("attribution", new[] { "AMG2013", "CCS-QCD", "GeoFEM", "HPCG", "LAMMPS", "Lulesh 2.0", "MILC", "MiniFE" })]
    [InlineData("noise-amplification", new[] { "Linux", "McKernel", "mOS", "barrier", "1 ms" })]
    [InlineData("memory-hierarchy", new[] { "MCDRAM", "DDR4", "TLB", "4 KiB", "2 MiB", "1 GiB" })]
    public void Caption_is_one_paragraph_that_names_its_subject(string name, string[] mentions)
    {
        var caption = fx.Figure(name).Caption;
        Assert.False(string.IsNullOrWhiteSpace(caption));
        Assert.DoesNotContain('\n', caption);
        Assert.True(caption.Length > 200, $"{name}: caption too short to explain the figure: {caption}");
        foreach (var m in mentions) Assert.Contains(m, caption);
        Assert.DoesNotContain("NaN", caption);
        Assert.DoesNotContain("Infinity", caption);
        Assert.False(string.IsNullOrWhiteSpace(fx.Figure(name).Title));
    }

    [Theory]
    [MemberData(nameof(FigureNames))]
    public void Data_is_tidy_snake_case_and_has_no_missing_or_non_finite_values(string name)
    {
        var frame = fx.Figure(name).Data;
        Assert.True(frame.Rows.Count > 0);
        foreach (var column in frame.Columns)
        {
            Assert.Matches("^[a-z][a-z0-9_]*$", column.Name);
            Assert.Equal(0, column.NullCount);
            if (column.DataType == typeof(double))
                Assert.All(ReportFiguresFixture.Column(frame, column.Name), v => Assert.True(double.IsFinite(v), $"{name}.{column.Name} has {v}"));
        }
        Assert.Equal(frame.Columns.Count, frame.Columns.Select(c => c.Name).Distinct().Count());
    }

    [Fact]
    public void Each_os_has_the_same_colour_in_every_figure()
    {
        var seen = OsIds.ToDictionary(o => o, _ => new HashSet<string>());
        var figuresWithOsTraces = 0;
        foreach (var figure in fx.Figures)
        {
            var osTraces = fx.Traces(figure.Name).Where(t => OsIds.Contains(ReportFiguresFixture.Str(t, "legendgroup"))).ToArray();
            if (osTraces.Length > 0) figuresWithOsTraces++;
            foreach (var t in osTraces)
            {
                var os = ReportFiguresFixture.Str(t, "legendgroup");
                var marker = t.GetProperty("marker").GetProperty("color").GetString()!;
                var line = t.GetProperty("line").GetProperty("color").GetString()!;
                Assert.Equal(OsStyle.Colour(os), marker);
                Assert.Equal(OsStyle.Colour(os), line);
                Assert.Equal(OsStyle.Display(os), ReportFiguresFixture.Str(t, "name").Split(':')[0]);
                seen[os].Add(marker);
            }
        }
        Assert.Equal(7, figuresWithOsTraces); // all but the attribution figure, whose colours are mechanisms
        Assert.All(seen, kv => Assert.Single(kv.Value));
        Assert.Equal(3, seen.Values.Select(s => s.Single()).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(FigureNames))]
    public void Each_legend_group_is_listed_exactly_once(string name)
    {
        foreach (var group in fx.Traces(name).GroupBy(t => ReportFiguresFixture.Str(t, "legendgroup")))
        {
            Assert.False(string.IsNullOrEmpty(group.Key), $"{name}: a trace has no legend group");
            Assert.Equal(1, group.Count(t => t.GetProperty("showlegend").GetBoolean()));
        }
    }

    [Theory]
    [MemberData(nameof(FigureNames))]
    public void Axes_have_titles_and_y_titles_carry_a_unit(string name)
    {
        static string? Title(JsonElement axis) =>
            axis.TryGetProperty("title", out var t) && t.TryGetProperty("text", out var text) ? text.GetString() : null;
        var x = fx.Axes(name, 'x').Select(a => Title(a.Axis)).Where(t => t is not null).ToArray();
        var y = fx.Axes(name, 'y').Select(a => Title(a.Axis)).Where(t => t is not null).ToArray();
        Assert.NotEmpty(x);
        Assert.NotEmpty(y);
        Assert.All(y, t => Assert.Matches(@"\[.+\]", t));
    }

    [Theory]
    [MemberData(nameof(FigureNames))]
    public void Layout_size_is_the_figure_size_and_panels_reference_their_axes(string name)
    {
        var figure = fx.Figure(name);
        var layout = fx.Layout(name);
        Assert.Equal(figure.WidthPixels, layout.GetProperty("width").GetInt32());
        Assert.Equal(figure.HeightPixels, layout.GetProperty("height").GetInt32());
        Assert.True(figure.WidthPixels >= 1100 && figure.HeightPixels >= 650);
        var axisKeys = fx.Axes(name, 'x').Concat(fx.Axes(name, 'y')).Select(a => a.Key).ToHashSet();
        foreach (var t in fx.Traces(name))
        {
            Assert.Contains("xaxis" + ReportFiguresFixture.Str(t, "xaxis")[1..], axisKeys);
            Assert.Contains("yaxis" + ReportFiguresFixture.Str(t, "yaxis")[1..], axisKeys);
        }
    }

    [Fact]
    public void Building_twice_gives_the_same_figures()
    {
        var again = ReportFigures.All(fx.Data);
        Assert.Equal(fx.Figures.Select(f => f.Name), again.Select(f => f.Name));
        foreach (var (a, b) in fx.Figures.Zip(again))
        {
            Assert.Equal(Plotly.NET.GenericChart.toFigureJson(a.Chart), Plotly.NET.GenericChart.toFigureJson(b.Chart));
            Assert.Equal(a.Caption, b.Caption);
            Assert.Equal(a.Data.Rows.Count, b.Data.Rows.Count);
        }
    }
}
