using Plotly.NET;
using PerfModel.Predictions;
using PerfModel.Reports.Content;
using Figure = PerfModel.Reports.Content.Figure;

namespace PerfModel.Reports.Charts;

/// <summary>
/// fig4-relative, the analogue of P18 Fig. 4: the performance of McKernel and mOS relative to Linux (FOM ratio) for seven
/// applications from 1 to 2,048 nodes, one panel per application on a 2 x 4 grid (the eighth cell holds the legend).
/// Markers are the predicted medians (<see cref="SweepRow.RelativeToLinux"/>), error bars the expected fastest and slowest
/// of five runs (<see cref="ReportData.RelativeRange"/>). As in the paper the y axis is clipped to [0.75, 1.75]: a value
/// beyond it is drawn at the edge as a triangle and its value written next to it. A dashed line marks parity (1.0); it is
/// a layout shape, so the figure has exactly one trace per panel and LWK.
/// </summary>
public static class RelativeToLinuxFigure
{
    public const string Name = "fig4-relative";

    /// <summary>Applications of P18 Fig. 4 in panel order (Lulesh 2.0 runs on cube node counts and has its own figure).</summary>
    public static readonly IReadOnlyList<string> Apps = ["amg2013", "ccs-qcd", "geofem", "hpcg", "lammps", "milc", "minife"];

    /// <summary>Lower edge of the clipped y axis.</summary>
    public const double ClipLow = 0.75;

    /// <summary>Upper edge of the clipped y axis.</summary>
    public const double ClipHigh = 1.75;

    private const int Rows = 2, Columns = 4;
    private const double XGap = 0.045, YGap = 0.2;

    public static Figure Build(ReportData data)
    {
        var apps = Apps.Where(a => data.Profiles.Apps.Any(p => p.Name == a)).ToArray();
        var lwks = data.Profiles.Oses.Where(o => o.Name != "linux").Select(o => o.Name).ToArray();
        var panels = Panel.Grid(Rows, Columns, apps.Length, XGap, YGap);
        var points = new List<Point>();
        var traces = new List<Trace>();
        var annotations = new List<Plotly.NET.LayoutObjects.Annotation>();
        var shapes = new List<Plotly.NET.LayoutObjects.Shape>();
        var axes = new List<(Panel, Plotly.NET.LayoutObjects.LinearAxis, Plotly.NET.LayoutObjects.LinearAxis)>();
        var maxNodes = 1;

        foreach (var (app, panel) in apps.Zip(panels))
        {
            var linux = data.Rows(app, "linux").ToDictionary(r => r.Prediction.Nodes);
            var offScaleAt = new Dictionary<int, int>();
            foreach (var os in lwks)
            {
                var rows = data.Rows(app, os).Where(r => linux.ContainsKey(r.Prediction.Nodes)).ToArray();
                var pts = rows.Select(r => Point.Of(app, os, r, linux[r.Prediction.Nodes])).ToArray();
                points.AddRange(pts);
                if (pts.Length > 0) maxNodes = Math.Max(maxNodes, pts.Max(p => p.Nodes));
                var style = new SeriesStyle(OsStyle.Display(os), os, OsStyle.Colour(os), ShowLegend: panel.Index == 0);
                var trace = PlotlyKit.Scatter(style, panel, pts.Select(p => (double)p.Nodes).ToArray(), pts.Select(p => p.Drawn).ToArray(),
                    symbols: pts.Select(p => p.OffScale switch { > 0 => "triangle-up", < 0 => "triangle-down", _ => "circle" }).ToArray(), markerSize: 6);
                PlotlyKit.WithYErrors(trace, pts.Select(p => p.ErrorPlus).ToArray(), pts.Select(p => p.ErrorMinus).ToArray(), OsStyle.Colour(os));
                trace.SetProperty("cliponaxis", false); // edge markers of off-scale points are drawn whole
                PlotlyKit.WithHover(trace, $"{OsStyle.Display(os)}, %{{x}} nodes: %{{customdata[0]:.3f}}x Linux (5 runs: %{{customdata[1]:.3f}} to %{{customdata[2]:.3f}})",
                    pts.Select(p => new[] { p.Relative, p.Min, p.Max }).ToArray());
                traces.Add(trace);

                // Off-scale values are written vertically inside the panel next to the edge marker; a second one at the same
                // node count goes further in.
                foreach (var p in pts.Where(p => p.OffScale != 0))
                {
                    var k = offScaleAt.TryGetValue(p.Nodes, out var n) ? n : 0;
                    offScaleAt[p.Nodes] = k + 1;
                    var above = p.OffScale > 0;
                    annotations.Add(PlotlyKit.Text(Captions.Fixed(p.Relative, "0.00"), panel.XId, panel.YId, Math.Log10(p.Nodes), p.Drawn,
                        yAnchor: above ? "top" : "bottom", size: 9, colour: OsStyle.Colour(os), yShift: (above ? -1 : 1) * (7 + 26 * k), angle: -90));
                }
            }

            var x = PlotlyKit.Axis(panel, isX: true, IsBottomOfColumn(panel, apps.Length) ? "nodes" : null);
            PlotlyKit.Log2(x, 0.7, 2900);
            x.SetProperty("tickangle", -90);
            x.SetProperty("tickfont", PlotlyKit.Font(9));
            var y = PlotlyKit.Linear(PlotlyKit.Axis(panel, isX: false, panel.Column == 0 ? "relative to Linux [FOM ratio]" : null), ClipLow, ClipHigh, 0.25);
            axes.Add((panel, x, y));
            annotations.Add(PlotlyKit.PanelTitle(panel, data.Profiles.App(app).DisplayName));
            shapes.Add(PlotlyKit.HorizontalLine(panel, 1.0));
        }

        var layout = PlotlyKit.BaseLayout(1100, 650, top: 30, bottom: 50);
        PlotlyKit.SetAxes(layout, axes);
        var legendCell = Panel.Cell(Rows, Columns, Rows * Columns - 1, XGap, YGap);
        layout.SetProperty("legend", PlotlyKit.Legend(legendCell.X0 + 0.02, legendCell.Y1 - 0.02, title: "vs. Linux"));
        layout.SetProperty("showlegend", true);
        if (apps.Length < Rows * Columns)
            annotations.Add(PlotlyKit.Text(
                $"Markers: predicted median;<br>bars: min/max of 5 runs.<br>y clipped to [{Captions.Fixed(ClipLow, "0.0#")}, {Captions.Fixed(ClipHigh, "0.0#")}];<br>▲▼ off-scale, value written.",
                "paper", "paper", legendCell.X0 + 0.02, legendCell.Y0 + 0.02, xAnchor: "left", yAnchor: "bottom", size: 11, align: "left"));
        layout.SetProperty("annotations", annotations.ToArray());
        layout.SetProperty("shapes", shapes.ToArray());

        return new Figure(Name, "Relative performance of McKernel and mOS vs. Linux (Fig. 4 analogue)", Caption(data, points, apps, lwks, maxNodes),
            PlotlyKit.Assemble(traces, layout), Frame(points), traces.Count);
    }

    private static bool IsBottomOfColumn(Panel panel, int count) => panel.Index + Columns >= count;

    private static Microsoft.Data.Analysis.DataFrame Frame(IReadOnlyList<Point> points) => Frames.Of(
        Frames.Text("app", points, p => p.App),
        Frames.Text("os", points, p => p.Os),
        Frames.Integer("nodes", points, p => p.Nodes),
        Frames.Integer("cores", points, p => p.Cores),
        Frames.Number("relative", points, p => p.Relative),
        Frames.Number("relative_min", points, p => p.Min),
        Frames.Number("relative_max", points, p => p.Max),
        Frames.Number("relative_drawn", points, p => p.Drawn),
        Frames.Text("off_scale", points, p => p.OffScale switch { > 0 => "above", < 0 => "below", _ => "no" }));

    private static string Caption(ReportData data, IReadOnlyList<Point> points, IReadOnlyList<string> apps, IReadOnlyList<string> lwks, int maxNodes)
    {
        if (points.Count == 0) return "No predictions for the applications of Fig. 4 in this profile set.";
        var best = points.MaxBy(p => p.Relative)!;
        var worst = points.MinBy(p => p.Relative)!;
        string Names(IEnumerable<string> a) => string.Join(", ", a.Select(n => data.Profiles.App(n).DisplayName));
        var atMax = points.Where(p => p.Nodes == maxNodes).ToArray();
        var aheadEverywhere = apps.Where(a => atMax.Where(p => p.App == a).All(p => p.Relative > 1) && atMax.Any(p => p.App == a)).ToArray();
        var pairs1 = PairsAt(data, apps, lwks, 1);
        var pairsMax = PairsAt(data, apps, lwks, maxNodes);
        var (m1, s1) = Captions.DominantSaving(pairs1);
        var (mMax, sMax) = Captions.DominantSaving(pairsMax);
        var offScale = points.Where(p => p.OffScale != 0).ToArray();

        var text = $"Predicted performance of {string.Join(" and ", lwks.Select(OsStyle.Display))} relative to Linux (FOM ratio; above 1 means faster " +
                   $"than Linux) for {Names(apps)} from 1 to {Captions.Count(maxNodes)} nodes, with markers at the predicted median and error bars " +
                   $"spanning the expected fastest and slowest of five runs. " +
                   $"The largest gain is {data.Profiles.App(best.App).DisplayName} on {OsStyle.Display(best.Os)}: {Captions.Ratio(best.Relative)} Linux at " +
                   $"{Captions.Nodes(best.Nodes)}, from {Captions.Drivers(best.Row, best.Linux)}. ";
        if (offScale.Length > 0)
            text += $"The y axis is clipped to [{Captions.Fixed(ClipLow, "0.0#")}, {Captions.Fixed(ClipHigh, "0.0#")}] as in the paper; {offScale.Length} off-scale points " +
                    $"({string.Join(", ", offScale.GroupBy(p => p.App).Select(g => data.Profiles.App(g.Key).DisplayName))}) sit on the edge with their value written. ";
        var behind = apps.Except(aheadEverywhere).ToArray();
        var ahead = aheadEverywhere.Length == apps.Count ? "every application"
            : behind.Length <= 2 && aheadEverywhere.Length > 0 ? "every application except " + Names(behind)
            : aheadEverywhere.Length == 0 ? "no application" : Names(aheadEverywhere);
        text += $"At {Captions.Count(maxNodes)} nodes both LWKs are ahead of Linux for {ahead}. " +
                $"Averaged over the panels, the LWKs' advantage at 1 node comes mostly from {Captions.MechanismPhrase(m1)} (on average {Captions.Percent(s1)} of Linux's runtime saved), " +
                $"and at {Captions.Nodes(maxNodes)} from {Captions.MechanismPhrase(mMax)} ({Captions.Percent(sMax)} saved). ";
        if (worst.Relative < 1)
            text += $"The exception is {data.Profiles.App(worst.App).DisplayName}: {OsStyle.Display(worst.Os)} falls to {Captions.Ratio(worst.Relative)} Linux at " +
                    $"{Captions.Nodes(worst.Nodes)} because of {Captions.Drivers(worst.Row, worst.Linux)}.";
        return text.TrimEnd();
    }

    private static IEnumerable<(Prediction Os, Prediction Linux)> PairsAt(ReportData data, IEnumerable<string> apps, IEnumerable<string> lwks, int nodes) =>
        from app in apps
        let linux = data.Rows(app, "linux").FirstOrDefault(r => r.Prediction.Nodes == nodes)
        where linux is not null
        from os in lwks
        let row = data.Rows(app, os).FirstOrDefault(r => r.Prediction.Nodes == nodes)
        where row is not null
        select (row.Prediction, linux.Prediction);

    /// <summary>One plotted marker: the median, the min/max of five runs, and where it is drawn on the clipped axis.</summary>
    private sealed record Point(string App, string Os, int Nodes, long Cores, double Relative, double Min, double Max, Prediction Row, Prediction Linux)
    {
        public static Point Of(string app, string os, SweepRow row, SweepRow linux)
        {
            var (lo, hi) = ReportData.RelativeRange(row, linux);
            return new Point(app, os, row.Prediction.Nodes, row.Prediction.Cores, row.RelativeToLinux, Math.Min(lo, row.RelativeToLinux),
                Math.Max(hi, row.RelativeToLinux), row.Prediction, linux.Prediction);
        }

        /// <summary>+1 above the clipped axis, −1 below, 0 inside.</summary>
        public int OffScale => Relative > ClipHigh ? 1 : Relative < ClipLow ? -1 : 0;

        public double Drawn => Math.Clamp(Relative, ClipLow, ClipHigh);

        public double ErrorPlus => Math.Max(0, Math.Clamp(Max, ClipLow, ClipHigh) - Drawn);

        public double ErrorMinus => Math.Max(0, Drawn - Math.Clamp(Min, ClipLow, ClipHigh));
    }
}
