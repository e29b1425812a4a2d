using Microsoft.Data.Analysis;
using Plotly.NET;
using PerfModel.Reports.Content;

namespace PerfModel.Reports.Charts;

/// <summary>
/// The FOM-versus-nodes chart shared by fig5b (MiniFE), fig6a (Lulesh 2.0) and fig6b (LAMMPS). Upper panel: one line per
/// OS in its colour, markers at the predicted FOM, error bars from the expected fastest and slowest of five runs
/// (<see cref="PerfModel.Predictions.Prediction.RuntimeRangeOfFiveRuns"/> mapped through
/// <see cref="PerfModel.Predictions.Prediction.FomAt"/>), log x (powers of two or the given node counts) and log y.
/// Lower, shorter panel on the same x axis: the LWKs' FOM ratio to Linux with <see cref="ReportData.RelativeRange"/> error
/// bars and a dashed Linux line at 1, because differences of a few percent vanish on a log FOM axis.
/// Traces: one per OS (upper) plus one per LWK (lower).
/// </summary>
internal static class FomScaling
{
    /// <summary>One plotted point (FOM of an OS at a node count and its ratio to Linux).</summary>
    internal sealed record Point(string App, string Os, int Nodes, long Cores, double Fom, double FomMin, double FomMax,
        double RuntimeSeconds, double RuntimeMinSeconds, double RuntimeMaxSeconds, double Relative, double RelativeMin, double RelativeMax, SweepRowPair Rows);

    /// <summary>A sweep row and the Linux row at the same node count.</summary>
    internal sealed record SweepRowPair(PerfModel.Predictions.SweepRow Row, PerfModel.Predictions.SweepRow? Linux);

    /// <summary>Chart, tidy data and trace count of the FOM scaling of <paramref name="app"/>.</summary>
    /// <param name="data">Report data.</param>
    /// <param name="app">Application id.</param>
    /// <param name="nodeTicks">Tick positions of the x axis (e.g. Lulesh's cubes), or null for ticks at the powers of two.</param>
    public static (GenericChart Chart, DataFrame Data, int Traces, IReadOnlyList<Point> Points) Build(ReportData data, string app, IReadOnlyList<int>? nodeTicks = null)
    {
        var profile = data.Profiles.App(app);
        var linux = data.Rows(app, "linux").ToDictionary(r => r.Prediction.Nodes);
        var top = new Panel(0, 0, 0, 0, 1, 0.38, 1);
        var bottom = new Panel(1, 1, 0, 0, 1, 0, 0.27);
        var traces = new List<Trace>();
        var ratioTraces = new List<Trace>();
        var points = new List<Point>();
        var unit = "";
        foreach (var os in data.Profiles.Oses.Select(o => o.Name))
        {
            var pts = data.Rows(app, os).Select(r => Of(r, linux.GetValueOrDefault(r.Prediction.Nodes))).ToArray();
            if (pts.Length == 0) continue;
            unit = pts[0].Rows.Row.Prediction.FomUnit;
            points.AddRange(pts);
            var colour = OsStyle.Colour(os);
            var style = new SeriesStyle(OsStyle.Display(os), os, colour, ShowLegend: true);
            var trace = PlotlyKit.Scatter(style, top, pts.Select(p => (double)p.Nodes).ToArray(), pts.Select(p => p.Fom).ToArray());
            PlotlyKit.WithYErrors(trace, pts.Select(p => p.FomMax - p.Fom).ToArray(), pts.Select(p => p.Fom - p.FomMin).ToArray(), colour);
            PlotlyKit.WithHover(trace, $"{OsStyle.Display(os)}, %{{x}} nodes: %{{y:.4s}} {unit} (5 runs: %{{customdata[0]:.4s}} to %{{customdata[1]:.4s}})",
                pts.Select(p => new[] { p.FomMin, p.FomMax }).ToArray());
            traces.Add(trace);
            if (os == "linux") continue;
            var rel = pts.Where(p => p.Rows.Linux is not null).ToArray();
            var ratio = PlotlyKit.Scatter(style with { ShowLegend = false }, bottom, rel.Select(p => (double)p.Nodes).ToArray(), rel.Select(p => p.Relative).ToArray(), markerSize: 5);
            PlotlyKit.WithYErrors(ratio, rel.Select(p => p.RelativeMax - p.Relative).ToArray(), rel.Select(p => p.Relative - p.RelativeMin).ToArray(), colour);
            PlotlyKit.WithHover(ratio, $"{OsStyle.Display(os)}, %{{x}} nodes: %{{y:.3f}}x Linux (5 runs: %{{customdata[0]:.3f}} to %{{customdata[1]:.3f}})",
                rel.Select(p => new[] { p.RelativeMin, p.RelativeMax }).ToArray());
            ratioTraces.Add(ratio);
        }
        traces.AddRange(ratioTraces);

        var nodes = points.Select(p => p.Nodes).DefaultIfEmpty(1).ToArray();
        var (lo, hi) = (nodes.Min() / 1.35, nodes.Max() * 1.35);
        Plotly.NET.LayoutObjects.LinearAxis NodeAxis(Panel panel, string? title)
        {
            var ax = PlotlyKit.Axis(panel, isX: true, title);
            return nodeTicks is null ? PlotlyKit.Log2(ax, lo, hi)
                : PlotlyKit.LogTicks(ax, nodeTicks.Select(n => (double)n).ToArray(), nodeTicks.Select(n => Captions.Count(n)).ToArray(), lo, hi);
        }
        var xTop = NodeAxis(top, null);
        xTop.SetProperty("showticklabels", false);
        var yTop = PlotlyKit.Log(PlotlyKit.Axis(top, isX: false, $"{profile.Fom.Name} [{unit}] (log)"));
        var xBottom = NodeAxis(bottom, "nodes");
        var relatives = points.Where(p => p.Os != "linux").SelectMany(p => new[] { p.RelativeMin, p.RelativeMax }).Append(1.0).ToArray();
        var (rLo, rHi) = (relatives.Min(), relatives.Max());
        var pad = Math.Max(0.02, 0.12 * (rHi - rLo));
        var yBottom = PlotlyKit.Linear(PlotlyKit.Axis(bottom, isX: false, "vs. Linux [ratio]"), rLo - pad, rHi + pad);
        yBottom.SetProperty("nticks", 5);

        var layout = PlotlyKit.BaseLayout(1100, 650, top: 50);
        PlotlyKit.SetAxes(layout, [(top, xTop, yTop), (bottom, xBottom, yBottom)]);
        layout.SetProperty("legend", PlotlyKit.Legend(0, 1.02, yAnchor: "bottom", horizontal: true));
        layout.SetProperty("showlegend", true);
        layout.SetProperty("shapes", new[] { PlotlyKit.HorizontalLine(bottom, 1.0, OsStyle.Colour("linux"), "dash", 1.5) });

        var slug = Frames.UnitSlug(unit);
        var frame = Frames.Of(
            Frames.Text("app", points, p => p.App),
            Frames.Text("os", points, p => p.Os),
            Frames.Integer("nodes", points, p => p.Nodes),
            Frames.Integer("cores", points, p => p.Cores),
            Frames.Number("fom_" + slug, points, p => p.Fom),
            Frames.Number("fom_min_" + slug, points, p => p.FomMin),
            Frames.Number("fom_max_" + slug, points, p => p.FomMax),
            Frames.Number("runtime_s", points, p => p.RuntimeSeconds),
            Frames.Number("runtime_min_s", points, p => p.RuntimeMinSeconds),
            Frames.Number("runtime_max_s", points, p => p.RuntimeMaxSeconds),
            Frames.Number("relative", points, p => p.Relative),
            Frames.Number("relative_min", points, p => p.RelativeMin),
            Frames.Number("relative_max", points, p => p.RelativeMax));
        return (PlotlyKit.Assemble(traces, layout), frame, traces.Count, points);
    }

    private static Point Of(PerfModel.Predictions.SweepRow row, PerfModel.Predictions.SweepRow? linux)
    {
        var p = row.Prediction;
        var (min, max) = p.RuntimeRangeOfFiveRuns();
        if (!(min > 0)) min = p.RuntimeSeconds; // a zero-runtime fastest run would give an infinite FOM
        var a = p.FomAt(min);
        var b = p.FomAt(max);
        var (rLo, rHi) = linux is null ? (row.RelativeToLinux, row.RelativeToLinux) : ReportData.RelativeRange(row, linux);
        return new Point(p.App, p.Os, p.Nodes, p.Cores, p.Fom, Math.Min(p.Fom, Math.Min(a, b)), Math.Max(p.Fom, Math.Max(a, b)),
            p.RuntimeSeconds, min, max, row.RelativeToLinux, Math.Min(rLo, row.RelativeToLinux), Math.Max(rHi, row.RelativeToLinux), new SweepRowPair(row, linux));
    }
}
