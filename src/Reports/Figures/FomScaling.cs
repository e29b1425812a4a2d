using Microsoft.Data.Analysis;
using Plotly.NET;
using PerfModel.Predictions;

namespace PerfModel.Reports.Figures;

/// <summary>
/// The FOM-versus-nodes chart shared by fig5b (MiniFE), fig6a (Lulesh 2.0), fig6b (LAMMPS) and
/// <see cref="Charts.Scaling"/>. Upper panel: one line per OS in its colour, markers at the predicted FOM, error bars from
/// the expected fastest and slowest of five runs (<see cref="Prediction.Spread"/> mapped through
/// <see cref="Prediction.FomAt"/>), log x (powers of two or the given node counts) and log y.
/// Lower, shorter panel on the same x axis: the other OSes' FOM ratio to the baseline with
/// <see cref="Content.ReportData.RelativeRange(SweepRow)"/> error bars and a dashed baseline line at 1, because
/// differences of a few percent vanish on a log FOM axis. Traces: one per OS (upper) plus one per non-baseline OS (lower).
/// </summary>
internal static class FomScaling
{
    /// <summary>One plotted point (FOM of an OS at a node count and its ratio to the baseline).</summary>
    internal sealed record Point(string App, string Os, int Nodes, long Cores, double Fom, double FomMin, double FomMax,
        double RuntimeSeconds, double RuntimeMinSeconds, double RuntimeMaxSeconds, double Relative, double RelativeMin, double RelativeMax, SweepRow Row);

    /// <summary>Chart, tidy data and trace count of the FOM scaling of <paramref name="app"/> in <paramref name="sweep"/>,
    /// OSes in sweep order.</summary>
    /// <param name="sweep">The predictions.</param>
    /// <param name="app">Application id (must have rows in the sweep).</param>
    /// <param name="style">OS names and colours.</param>
    /// <param name="nodeTicks">Tick positions of the x axis (e.g. Lulesh's cubes), or null for ticks at the powers of two.</param>
    public static (GenericChart Chart, DataFrame Data, int Traces, IReadOnlyList<Point> Points) Build(Sweep sweep, string app, FigureStyle style,
        IReadOnlyList<int>? nodeTicks = null)
    {
        var appRows = sweep.Where(r => r.Prediction.App == app).ToArray();
        if (appRows.Length == 0) throw new ArgumentException($"the sweep has no rows of '{app}'", nameof(app));
        var profile = appRows[0].Prediction.Scenario.App;
        var baselineName = style.OsName(sweep.Baseline);
        var top = new Panel(0, 0, 0, 0, 1, 0.38, 1);
        var bottom = new Panel(1, 1, 0, 0, 1, 0, 0.27);
        var traces = new List<Trace>();
        var ratioTraces = new List<Trace>();
        var points = new List<Point>();
        var unit = "";
        foreach (var os in appRows.Select(r => r.Prediction.Os).Distinct())
        {
            var pts = sweep.Rows(app, os).Select(Of).ToArray();
            if (pts.Length == 0) continue;
            unit = pts[0].Row.Prediction.FomUnit;
            points.AddRange(pts);
            var colour = style.OsColour(os);
            var series = new SeriesStyle(style.OsName(os), os, colour, ShowLegend: true);
            var trace = PlotlyKit.Scatter(series, top, pts.Select(p => (double)p.Nodes).ToArray(), pts.Select(p => p.Fom).ToArray());
            PlotlyKit.WithYErrors(trace, pts.Select(p => p.FomMax - p.Fom).ToArray(), pts.Select(p => p.Fom - p.FomMin).ToArray(), colour);
            PlotlyKit.WithHover(trace, $"{style.OsName(os)}, %{{x}} nodes: %{{y:.4s}} {unit} (5 runs: %{{customdata[0]:.4s}} to %{{customdata[1]:.4s}})",
                pts.Select(p => new[] { p.FomMin, p.FomMax }).ToArray());
            traces.Add(trace);
            if (os == sweep.Baseline) continue;
            var rel = pts;
            var ratio = PlotlyKit.Scatter(series with { ShowLegend = false }, bottom, rel.Select(p => (double)p.Nodes).ToArray(), rel.Select(p => p.Relative).ToArray(), markerSize: 5);
            PlotlyKit.WithYErrors(ratio, rel.Select(p => p.RelativeMax - p.Relative).ToArray(), rel.Select(p => p.Relative - p.RelativeMin).ToArray(), colour);
            PlotlyKit.WithHover(ratio, $"{style.OsName(os)}, %{{x}} nodes: %{{y:.3f}}x {baselineName} (5 runs: %{{customdata[0]:.3f}} to %{{customdata[1]:.3f}})",
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
        var relatives = points.Where(p => p.Os != sweep.Baseline).SelectMany(p => new[] { p.RelativeMin, p.RelativeMax }).Append(1.0).ToArray();
        var (rLo, rHi) = (relatives.Min(), relatives.Max());
        var pad = Math.Max(0.02, 0.12 * (rHi - rLo));
        var yBottom = PlotlyKit.Linear(PlotlyKit.Axis(bottom, isX: false, $"vs. {baselineName} [ratio]"), rLo - pad, rHi + pad);
        yBottom.SetProperty("nticks", 5);

        var layout = PlotlyKit.BaseLayout(1100, 650, top: 50);
        PlotlyKit.SetAxes(layout, [(top, xTop, yTop), (bottom, xBottom, yBottom)]);
        layout.SetProperty("legend", PlotlyKit.Legend(0, 1.02, yAnchor: "bottom", horizontal: true));
        layout.SetProperty("showlegend", true);
        layout.SetProperty("shapes", new[] { PlotlyKit.HorizontalLine(bottom, 1.0, style.OsColour(sweep.Baseline), "dash", 1.5) });

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

    private static Point Of(SweepRow row)
    {
        var p = row.Prediction;
        var (min, max) = (p.Spread.Min, p.Spread.Max);
        if (!(min.Seconds > 0)) min = p.Runtime; // a zero-runtime fastest run would give an infinite FOM
        var a = p.FomAt(min);
        var b = p.FomAt(max);
        var (rLo, rHi) = Content.ReportData.RelativeRange(row);
        return new Point(p.App, p.Os, p.Nodes, p.Cores, p.Fom, Math.Min(p.Fom, Math.Min(a, b)), Math.Max(p.Fom, Math.Max(a, b)),
            p.Runtime.Seconds, min.Seconds, max.Seconds, row.RelativeToBaseline, Math.Min(rLo, row.RelativeToBaseline), Math.Max(rHi, row.RelativeToBaseline), row);
    }
}
