using Microsoft.Data.Analysis;
using Plotly.NET;
using PerfModel.Predictions;
using PerfModel.Reports.Content;
using PerfModel.Validation;
using Figure = PerfModel.Reports.Content.Figure;

namespace PerfModel.Reports.Figures;

/// <summary>
/// fig4-relative, the analogue of P18 Fig. 4: the performance of the OSes relative to the baseline OS (FOM ratio; McKernel
/// and mOS vs. Linux in the defaults) for the seven applications of the figure (<see cref="PaperTargets.Figure4Apps"/>)
/// from 1 to 2,048 nodes, one panel per application on a 2 x 4 grid (the eighth cell holds the legend).
/// Markers are the predicted medians (<see cref="SweepRow.RelativeToBaseline"/>), error bars the expected fastest and
/// slowest of five runs (<see cref="ReportData.RelativeRange(SweepRow, SweepRow)"/>). As in the paper the y axis is
/// clipped to [0.75, 1.75]: a value beyond it is drawn at the edge as a triangle and its value written next to it. A
/// dashed line marks parity (1.0); it is a layout shape, so the figure has exactly one trace per panel and non-baseline OS.
/// The same chart is drawn for any sweep or sweep table by <see cref="Charts.Relative(Sweep)"/> and
/// <see cref="Charts.Relative(DataFrame, string?)"/>.
/// </summary>
public static class RelativeToBaselineFigure
{
    /// <summary>File stem of the figure.</summary>
    public const string Name = "fig4-relative";

    /// <summary>Applications of P18 Fig. 4 in panel order (Lulesh 2.0 runs on cube node counts and has its own figure).</summary>
    public static IReadOnlyList<string> Apps => PaperTargets.Figure4Apps;

    /// <summary>Lower edge of the clipped y axis.</summary>
    public const double ClipLow = 0.75;

    /// <summary>Upper edge of the clipped y axis.</summary>
    public const double ClipHigh = 1.75;

    private const int MaxColumns = 4;
    private const double XGap = 0.045, YGap = 0.2;

    /// <summary>The figure for the report: the Fig. 4 applications of the study, every OS but the baseline.</summary>
    public static Figure Build(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var apps = Apps.Where(a => data.Study.App.Contains(a)).ToArray();
        var others = data.OtherOses;
        var points = new List<Point>();
        foreach (var app in apps)
        {
            var baseline = data.BaselineRows(app).ToDictionary(r => r.Prediction.Nodes);
            foreach (var os in others)
                points.AddRange(data.Rows(app, os).Where(r => baseline.ContainsKey(r.Prediction.Nodes)).Select(r => Point.Of(r, baseline[r.Prediction.Nodes])));
        }
        var style = FigureStyle.Of(data);
        var (chart, traces, maxNodes) = Chart(apps, others, points, style, (0.7, 2900));
        var title = $"Relative performance of {string.Join(" and ", others.Select(data.Display))} vs. {data.Display(data.Baseline)} (Fig. 4 analogue)";
        return new Figure(Name, title, Caption(data, points, apps, others, maxNodes), chart, Frame(points), traces);
    }

    /// <summary>The chart of <paramref name="points"/>: one panel per application (up to four per row), one trace per
    /// panel and OS of <paramref name="oses"/>; returns the chart, its trace count and the largest node count plotted.</summary>
    /// <param name="apps">Applications, one panel each.</param>
    /// <param name="oses">OSes, one trace per panel each (not the baseline).</param>
    /// <param name="points">The markers.</param>
    /// <param name="style">Names and colours.</param>
    /// <param name="nodeRange">The x axis range in nodes, or null to fit the node counts plotted.</param>
    internal static (GenericChart Chart, int Traces, int MaxNodes) Chart(IReadOnlyList<string> apps, IReadOnlyList<string> oses, IReadOnlyList<Point> points, FigureStyle style,
        (double Low, double High)? nodeRange = null)
    {
        var columns = Math.Clamp(apps.Count, 1, MaxColumns);
        var rows = Math.Max(1, (apps.Count + columns - 1) / columns);
        var panels = Panel.Grid(rows, columns, apps.Count, XGap, YGap);
        var traces = new List<Trace>();
        var annotations = new List<Plotly.NET.LayoutObjects.Annotation>();
        var shapes = new List<Plotly.NET.LayoutObjects.Shape>();
        var axes = new List<(Panel, Plotly.NET.LayoutObjects.LinearAxis, Plotly.NET.LayoutObjects.LinearAxis)>();
        var plotted = points.Where(p => apps.Contains(p.App) && oses.Contains(p.Os)).Select(p => p.Nodes).DefaultIfEmpty(1).ToArray();
        var maxNodes = plotted.Max();
        var (xLow, xHigh) = nodeRange ?? (plotted.Min() / 1.43, maxNodes * 1.43);
        var baselineName = style.OsName(style.Baseline);

        foreach (var (app, panel) in apps.Zip(panels))
        {
            var offScaleAt = new Dictionary<int, int>();
            foreach (var os in oses)
            {
                var pts = points.Where(p => p.App == app && p.Os == os).OrderBy(p => p.Nodes).ToArray();
                var colour = style.OsColour(os);
                var series = new SeriesStyle(style.OsName(os), os, colour, ShowLegend: panel.Index == 0);
                var trace = PlotlyKit.Scatter(series, panel, pts.Select(p => (double)p.Nodes).ToArray(), pts.Select(p => p.Drawn).ToArray(),
                    symbols: pts.Select(p => p.OffScale switch { > 0 => "triangle-up", < 0 => "triangle-down", _ => "circle" }).ToArray(), markerSize: 6);
                PlotlyKit.WithYErrors(trace, pts.Select(p => p.ErrorPlus).ToArray(), pts.Select(p => p.ErrorMinus).ToArray(), colour);
                trace.SetProperty("cliponaxis", false); // edge markers of off-scale points are drawn whole
                PlotlyKit.WithHover(trace, $"{style.OsName(os)}, %{{x}} nodes: %{{customdata[0]:.3f}}x {baselineName} (5 runs: %{{customdata[1]:.3f}} to %{{customdata[2]:.3f}})",
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
                        yAnchor: above ? "top" : "bottom", size: 9, colour: colour, yShift: (above ? -1 : 1) * (7 + 26 * k), angle: -90));
                }
            }

            var x = PlotlyKit.Axis(panel, isX: true, panel.Index + columns >= apps.Count ? "nodes" : null);
            PlotlyKit.Log2(x, xLow, xHigh);
            x.SetProperty("tickangle", -90);
            x.SetProperty("tickfont", PlotlyKit.Font(9));
            var y = PlotlyKit.Linear(PlotlyKit.Axis(panel, isX: false, panel.Column == 0 ? $"relative to {baselineName} [FOM ratio]" : null), ClipLow, ClipHigh, 0.25);
            axes.Add((panel, x, y));
            annotations.Add(PlotlyKit.PanelTitle(panel, style.AppName(app)));
            shapes.Add(PlotlyKit.HorizontalLine(panel, 1.0));
        }

        var height = rows <= 2 ? 650 : 300 * rows + 50;
        var layout = PlotlyKit.BaseLayout(1100, height, top: 30, bottom: 50);
        PlotlyKit.SetAxes(layout, axes);
        if (apps.Count < rows * columns)
        {
            var legendCell = Panel.Cell(rows, columns, rows * columns - 1, XGap, YGap);
            layout.SetProperty("legend", PlotlyKit.Legend(legendCell.X0 + 0.02, legendCell.Y1 - 0.02, title: "vs. " + baselineName));
            annotations.Add(PlotlyKit.Text(
                $"Markers: predicted median;<br>bars: min/max of 5 runs.<br>y clipped to [{Captions.Fixed(ClipLow, "0.0#")}, {Captions.Fixed(ClipHigh, "0.0#")}];<br>▲▼ off-scale, value written.",
                "paper", "paper", legendCell.X0 + 0.02, legendCell.Y0 + 0.02, xAnchor: "left", yAnchor: "bottom", size: 11, align: "left"));
        }
        else
        {
            layout.SetProperty("margin", new Dictionary<string, object> { ["l"] = 70, ["r"] = 20, ["t"] = 80, ["b"] = 50, ["pad"] = 0 });
            layout.SetProperty("legend", PlotlyKit.Legend(0, 1 + 45.0 / (height - 130), yAnchor: "bottom", horizontal: true, title: "vs. " + baselineName));
        }
        layout.SetProperty("showlegend", true);
        layout.SetProperty("annotations", annotations.ToArray());
        layout.SetProperty("shapes", shapes.ToArray());
        return (PlotlyKit.Assemble(traces, layout), traces.Count, maxNodes);
    }

    private static DataFrame Frame(IReadOnlyList<Point> points) => Frames.Of(
        Frames.Text("app", points, p => p.App),
        Frames.Text("os", points, p => p.Os),
        Frames.Integer("nodes", points, p => p.Nodes),
        Frames.Integer("cores", points, p => p.Cores),
        Frames.Number("relative", points, p => p.Relative),
        Frames.Number("relative_min", points, p => p.Min),
        Frames.Number("relative_max", points, p => p.Max),
        Frames.Number("relative_drawn", points, p => p.Drawn),
        Frames.Text("off_scale", points, p => p.OffScale switch { > 0 => "above", < 0 => "below", _ => "no" }));

    private static string Caption(ReportData data, IReadOnlyList<Point> points, IReadOnlyList<string> apps, IReadOnlyList<string> others, int maxNodes)
    {
        if (points.Count == 0) return "No predictions for the applications of Fig. 4 in this profile set.";
        var best = points.MaxBy(p => p.Relative)!;
        var worst = points.MinBy(p => p.Relative)!;
        var baseline = data.Display(data.Baseline);
        string App(string a) => data.Study.App[a].DisplayName;
        string Names(IEnumerable<string> a) => string.Join(", ", a.Select(App));
        var atMax = points.Where(p => p.Nodes == maxNodes).ToArray();
        var aheadEverywhere = apps.Where(a => atMax.Where(p => p.App == a).All(p => p.Relative > 1) && atMax.Any(p => p.App == a)).ToArray();
        var pairs1 = PairsAt(data, apps, others, 1);
        var pairsMax = PairsAt(data, apps, others, maxNodes);
        var (m1, s1) = Captions.DominantSaving(pairs1);
        var (mMax, sMax) = Captions.DominantSaving(pairsMax);
        var offScale = points.Where(p => p.OffScale != 0).ToArray();
        var lwks = others.All(o => data.Study.Os[o].IsLightweightKernel);
        var group = others.Count == 2 && lwks ? "both LWKs" : lwks ? "the LWKs" : string.Join(" and ", others.Select(data.Display));

        var text = $"Predicted performance of {string.Join(" and ", others.Select(data.Display))} relative to {baseline} (FOM ratio; above 1 means faster " +
                   $"than {baseline}) for {Names(apps)} from 1 to {Captions.Count(maxNodes)} nodes, with markers at the predicted median and error bars " +
                   $"spanning the expected fastest and slowest of five runs. " +
                   $"The largest gain is {App(best.App)} on {data.Display(best.Os)}: {Captions.Ratio(best.Relative)} {baseline} at " +
                   $"{Captions.Nodes(best.Nodes)}, from {Captions.Drivers(data, best.Row!.Prediction, best.Row.Baseline)}. ";
        if (offScale.Length > 0)
            text += $"The y axis is clipped to [{Captions.Fixed(ClipLow, "0.0#")}, {Captions.Fixed(ClipHigh, "0.0#")}] as in the paper; {offScale.Length} off-scale points " +
                    $"({string.Join(", ", offScale.GroupBy(p => p.App).Select(g => App(g.Key)))}) sit on the edge with their value written. ";
        var behind = apps.Except(aheadEverywhere).ToArray();
        var ahead = aheadEverywhere.Length == apps.Count ? "every application"
            : behind.Length <= 2 && aheadEverywhere.Length > 0 ? "every application except " + Names(behind)
            : aheadEverywhere.Length == 0 ? "no application" : Names(aheadEverywhere);
        text += $"At {Captions.Count(maxNodes)} nodes {group} are ahead of {baseline} for {ahead}. " +
                $"Averaged over the panels, the {(lwks ? "LWKs'" : "other OSes'")} advantage at 1 node comes mostly from {Captions.MechanismPhrase(m1)} (on average {Captions.Percent(s1)} of {baseline}'s runtime saved), " +
                $"and at {Captions.Nodes(maxNodes)} from {Captions.MechanismPhrase(mMax)} ({Captions.Percent(sMax)} saved). ";
        if (worst.Relative < 1)
            text += $"The exception is {App(worst.App)}: {data.Display(worst.Os)} falls to {Captions.Ratio(worst.Relative)} {baseline} at " +
                    $"{Captions.Nodes(worst.Nodes)} because of {Captions.Drivers(data, worst.Row!.Prediction, worst.Row.Baseline)}.";
        return text.TrimEnd();
    }

    private static IEnumerable<(Prediction Os, Prediction Baseline)> PairsAt(ReportData data, IEnumerable<string> apps, IEnumerable<string> others, int nodes) =>
        from app in apps
        let baseline = data.BaselineRows(app).FirstOrDefault(r => r.Prediction.Nodes == nodes)
        where baseline is not null
        from os in others
        let row = data.Rows(app, os).FirstOrDefault(r => r.Prediction.Nodes == nodes)
        where row is not null
        select (row.Prediction, baseline.Prediction);

    /// <summary>One plotted marker: the median, the min/max of five runs, and where it is drawn on the clipped axis.</summary>
    /// <param name="App">Application.</param>
    /// <param name="Os">OS.</param>
    /// <param name="Nodes">Nodes.</param>
    /// <param name="Cores">Application cores.</param>
    /// <param name="Relative">FOM ratio to the baseline.</param>
    /// <param name="Min">Lower end of the error bar (never above <paramref name="Relative"/>).</param>
    /// <param name="Max">Upper end of the error bar (never below <paramref name="Relative"/>).</param>
    /// <param name="Row">The sweep row, when the point comes from one (captions use its breakdown).</param>
    internal sealed record Point(string App, string Os, int Nodes, long Cores, double Relative, double Min, double Max, SweepRow? Row)
    {
        /// <summary>The point of a sweep row against the baseline row at the same node count.</summary>
        public static Point Of(SweepRow row, SweepRow baseline)
        {
            var (lo, hi) = ReportData.RelativeRange(row, baseline);
            return new Point(row.Prediction.App, row.Prediction.Os, row.Prediction.Nodes, row.Prediction.Cores, row.RelativeToBaseline, Math.Min(lo, row.RelativeToBaseline),
                Math.Max(hi, row.RelativeToBaseline), row);
        }

        /// <summary>The point of a sweep row against its own baseline prediction (<see cref="SweepRow.Baseline"/>).</summary>
        public static Point Of(SweepRow row)
        {
            var (lo, hi) = ReportData.RelativeRange(row);
            return new Point(row.Prediction.App, row.Prediction.Os, row.Prediction.Nodes, row.Prediction.Cores, row.RelativeToBaseline, Math.Min(lo, row.RelativeToBaseline),
                Math.Max(hi, row.RelativeToBaseline), row);
        }

        /// <summary>+1 above the clipped axis, −1 below, 0 inside.</summary>
        public int OffScale => Relative > ClipHigh ? 1 : Relative < ClipLow ? -1 : 0;

        /// <summary>Where the marker is drawn: the ratio clamped to the axis.</summary>
        public double Drawn => Math.Clamp(Relative, ClipLow, ClipHigh);

        /// <summary>Upper error-bar length on the clipped axis.</summary>
        public double ErrorPlus => Math.Max(0, Math.Clamp(Max, ClipLow, ClipHigh) - Drawn);

        /// <summary>Lower error-bar length on the clipped axis.</summary>
        public double ErrorMinus => Math.Max(0, Drawn - Math.Clamp(Min, ClipLow, ClipHigh));
    }
}
