using System.Globalization;
using System.Text.Json;
using PerfModel.Reports.Figures;
using static PerfModel.Tests.Reports.Figures.ReportFiguresFixture;

namespace PerfModel.Tests.Reports.Figures;

/// <summary>The analogues of P18 Figs. 4–6: log2 node axes, the clipped relative axis with written off-scale values,
/// min/max-of-five error bars, and data tables that hold every plotted point.</summary>
[Collection(ReportFiguresCollection.Name)]
public sealed class PaperFigureTests(ReportFiguresFixture fx)
{
    private static readonly double Log2 = Math.Log10(2);

    private static void AssertLog2Axis(JsonElement axis)
    {
        Assert.Equal("log", axis.GetProperty("type").GetString());
        Assert.Equal(Log2, axis.GetProperty("dtick").GetDouble(), 12);
        Assert.Equal(0, axis.GetProperty("tick0").GetDouble());
    }

    /// <summary>Every scatter trace has asymmetric error arrays as long as y, none negative.</summary>
    private static void AssertErrorBars(JsonElement trace)
    {
        var y = Numbers(trace, "y");
        var plus = Numbers(trace, "error_y.array");
        var minus = Numbers(trace, "error_y.arrayminus");
        Assert.False(trace.GetProperty("error_y").GetProperty("symmetric").GetBoolean());
        Assert.Equal(y.Length, plus.Length);
        Assert.Equal(y.Length, minus.Length);
        Assert.All(plus, v => Assert.True(v >= 0));
        Assert.All(minus, v => Assert.True(v >= 0));
    }

    private static void AssertOrdered(double[] min, double[] mid, double[] max)
    {
        for (var i = 0; i < mid.Length; i++)
        {
            Assert.True(min[i] <= mid[i], $"row {i}: min {min[i]} > median {mid[i]}");
            Assert.True(mid[i] <= max[i], $"row {i}: median {mid[i]} > max {max[i]}");
        }
    }

    [Fact]
    public void Fig4_has_seven_panels_of_two_lwks_on_log2_axes_clipped_to_the_paper_range()
    {
        const string name = RelativeToBaselineFigure.Name;
        Assert.Equal(7 * 2, fx.Figure(name).ExpectedTraces);
        var xs = fx.Axes(name, 'x');
        var ys = fx.Axes(name, 'y');
        Assert.Equal(7, xs.Count);
        Assert.Equal(7, ys.Count);
        foreach (var (_, axis) in xs) AssertLog2Axis(axis);
        foreach (var (_, axis) in ys)
            Assert.Equal([0.75, 1.75], axis.GetProperty("range").EnumerateArray().Select(v => v.GetDouble()));
        var titles = fx.Annotations(name).Select(a => Str(a, "text")).ToArray();
        foreach (var app in new[] { "AMG2013", "CCS-QCD", "GeoFEM", "HPCG", "LAMMPS", "MILC", "MiniFE" })
            Assert.Contains($"<b>{app}</b>", titles);
        // Per panel: one McKernel and one mOS trace on the panel's own axes.
        foreach (var panel in fx.Traces(name).GroupBy(t => Str(t, "xaxis")))
            Assert.Equal(["mckernel", "mos"], panel.Select(t => Str(t, "legendgroup")).Order());
        // The parity line at 1.0 in every panel is a shape, not a trace.
        Assert.Equal(7, fx.Shapes(name).Count(s => s.GetProperty("y0").GetDouble() == 1.0 && s.GetProperty("y1").GetDouble() == 1.0));
    }

    [Fact]
    public void Fig4_error_bars_span_min_and_max_of_five_runs_and_data_has_every_point()
    {
        const string name = RelativeToBaselineFigure.Name;
        var traces = fx.Traces(name);
        foreach (var t in traces) AssertErrorBars(t);
        var frame = fx.Figure(name).Data;
        Assert.Equal(traces.Sum(t => Numbers(t, "y").Length), (int)frame.Rows.Count);
        Assert.Equal(7 * 2 * 12, (int)frame.Rows.Count);
        AssertOrdered(Column(frame, "relative_min"), Column(frame, "relative"), Column(frame, "relative_max"));
        // Plotted medians are the sweep's RelativeToBaseline (drawn at the clip edge when off-scale).
        var y = traces.SelectMany(t => Numbers(t, "y")).ToArray();
        Assert.Equal(Column(frame, "relative_drawn"), y);
        // Some error bar is visibly non-zero: the LWKs' run-to-run spread is not identically zero.
        Assert.Contains(traces.SelectMany(t => Numbers(t, "error_y.array").Concat(Numbers(t, "error_y.arrayminus"))), v => v > 0);
    }

    [Fact]
    public void Fig5a_plots_ccsqcd_percent_improvement_for_the_lwks_on_a_log2_axis()
    {
        const string name = CcsQcdImprovementFigure.Name;
        AssertLog2Axis(fx.Axes(name, 'x').Single().Axis);
        var traces = fx.Traces(name);
        Assert.Equal(["mckernel", "mos"], traces.Select(t => Str(t, "legendgroup")));
        foreach (var t in traces) AssertErrorBars(t);
        var frame = fx.Figure(name).Data;
        var improvement = Column(frame, "improvement_pct");
        var relative = Column(frame, "relative");
        for (var i = 0; i < improvement.Length; i++) Assert.Equal(100 * (relative[i] - 1), improvement[i], 9);
        AssertOrdered(Column(frame, "improvement_min_pct"), improvement, Column(frame, "improvement_max_pct"));
        Assert.Equal(traces.SelectMany(t => Numbers(t, "y")), improvement);
        Assert.All(TextColumn(frame, "app"), a => Assert.Equal("ccs-qcd", a));
        Assert.Contains("DDR4 only", fx.Figure(name).Caption);
        Assert.All(improvement, v => Assert.True(v > 0)); // the LWKs beat DDR4-only Linux everywhere
    }

    [Theory]
    [InlineData("fig5b-minife", "minife")]
    [InlineData("fig6a-lulesh", "lulesh2")]
    [InlineData("fig6b-lammps", "lammps")]
    public void Fom_figures_plot_all_three_oses_with_fom_error_bars_and_a_ratio_panel(string name, string app)
    {
        var figure = fx.Figure(name);
        var traces = fx.Traces(name);
        Assert.Equal(3 + 2, figure.ExpectedTraces);
        var upper = traces.Where(t => Str(t, "yaxis") == "y").ToArray();
        var lower = traces.Where(t => Str(t, "yaxis") == "y2").ToArray();
        Assert.Equal(["linux", "mckernel", "mos"], upper.Select(t => Str(t, "legendgroup")));
        Assert.Equal(["mckernel", "mos"], lower.Select(t => Str(t, "legendgroup")));
        foreach (var t in traces) AssertErrorBars(t);

        var layout = fx.Layout(name);
        Assert.Equal("log", layout.GetProperty("yaxis").GetProperty("type").GetString());
        foreach (var (_, axis) in fx.Axes(name, 'x')) Assert.Equal("log", axis.GetProperty("type").GetString());

        var frame = figure.Data;
        var unit = fx.Data.Rows(app, "linux")[0].Prediction.FomUnit;
        var slug = "_" + (unit switch { "Mflop/s" => "mflop_per_s", "z/s" => "z_per_s", "Matom-step/s" => "matom_step_per_s", _ => throw new InvalidOperationException(unit) });
        var fom = Column(frame, "fom" + slug);
        AssertOrdered(Column(frame, "fom_min" + slug), fom, Column(frame, "fom_max" + slug));
        AssertOrdered(Column(frame, "relative_min"), Column(frame, "relative"), Column(frame, "relative_max"));
        AssertOrdered(Column(frame, "runtime_min_s"), Column(frame, "runtime_s"), Column(frame, "runtime_max_s"));
        Assert.Equal(upper.SelectMany(t => Numbers(t, "y")), fom);
        Assert.Equal(lower.Sum(t => Numbers(t, "y").Length), TextColumn(frame, "os").Count(o => o != "linux"));
        Assert.All(TextColumn(frame, "app"), a => Assert.Equal(app, a));
        // The FOM error bars are the FOM at the expected slowest and fastest of five runs.
        for (var i = 0; i < upper.Length; i++)
        {
            var rows = fx.Data.Rows(app, Str(upper[i], "legendgroup"));
            var plus = Numbers(upper[i], "error_y.array");
            for (var j = 0; j < rows.Count; j++)
            {
                var p = rows[j].Prediction;
                var fast = p.Spread.Min;
                Assert.Equal(p.FomAt(fast) - p.Fom, plus[j], Math.Abs(p.Fom) * 1e-12);
            }
        }
    }

    [Fact]
    public void Minife_and_lammps_use_log2_node_axes_and_lulesh_ticks_its_cube_node_counts()
    {
        foreach (var name in new[] { MiniFeScalingFigure.Name, LammpsScalingFigure.Name })
            foreach (var (_, axis) in fx.Axes(name, 'x')) AssertLog2Axis(axis);
        int[] cubes = [1, 8, 27, 64, 125, 216, 343, 512, 729, 1000, 1331, 1728];
        foreach (var (_, axis) in fx.Axes(LuleshScalingFigure.Name, 'x'))
            Assert.Equal(cubes.Select(c => (double)c), axis.GetProperty("tickvals").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(cubes.Select(c => (double)c), Numbers(fx.Traces(LuleshScalingFigure.Name)[0], "x"));
    }

    [Fact]
    public void Minife_caption_states_the_lwk_ratio_from_the_data()
    {
        var row = fx.Data.Rows("minife", "mckernel").First(r => r.Prediction.Nodes == 1024);
        Assert.Contains($"{row.RelativeToBaseline.ToString("0.00", CultureInfo.InvariantCulture)}x Linux at 1,024 nodes", fx.Figure(MiniFeScalingFigure.Name).Caption);
    }
}
