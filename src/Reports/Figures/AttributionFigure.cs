using Microsoft.Data.Analysis;
using Plotly.NET;
using PerfModel.Predictions;
using PerfModel.Reports.Content;
using PerfModel.Reports.Formats;
using Figure = PerfModel.Reports.Content.Figure;

namespace PerfModel.Reports.Figures;

/// <summary>
/// attribution: where each OS's runtime goes, per application, at 1 node and at the application's largest node count
/// (2,048; 1,728 for Lulesh 2.0). One panel per application (4 rows x 2 columns); each panel has one stacked bar per OS
/// and node count ("Linux 1 node", "McKernel 1 node", "mOS 1 node", then the same at the largest count), one stack
/// segment per mechanism in its <see cref="OsStyle.Mechanism"/> colour. Heights are % of the baseline OS's runtime at the
/// same node count, so the baseline's bars reach 100% (dashed line), a shorter bar is a faster OS, and 1-node and
/// many-node bars share a scale even for strong scaling. Traces: one per mechanism and panel (mechanisms that are zero
/// still get their trace). <see cref="Charts.Breakdown"/> draws the same chart for any sweep.
/// </summary>
public static class AttributionFigure
{
    /// <summary>File stem of the figure.</summary>
    public const string Name = "attribution";

    private const int Columns = 2;
    private const double XGap = 0.08, YGap = 0.085;

    /// <summary>The figure for the report: every application of the study with baseline rows, every OS.</summary>
    public static Figure Build(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var apps = data.Study.Apps.Select(a => a.Name).Where(a => data.BaselineRows(a).Count > 0).ToArray();
        var oses = data.Study.Oses.Select(o => o.Name).ToArray();
        var (chart, traces, segments) = Chart(data.Sweep, apps, oses, null, FigureStyle.Of(data));
        var baseline = data.Baseline;
        var frame = Frames.Of(
            Frames.Text("app", segments, s => s.App),
            Frames.Text("os", segments, s => s.Os),
            Frames.Integer("nodes", segments, s => s.Nodes),
            Frames.Text("mechanism", segments, s => Breakdown.ColumnName(s.Mechanism)),
            Frames.Number("time_s", segments, s => s.Seconds),
            Frames.Number($"share_of_{baseline}_runtime_pct", segments, s => s.PercentOfBaseline),
            Frames.Number("share_of_own_runtime_pct", segments, s => s.PercentOfOwn),
            Frames.Number("runtime_s", segments, s => s.RuntimeSeconds),
            Frames.Number($"{baseline}_runtime_s", segments, s => s.BaselineRuntimeSeconds));
        return new Figure(Name, "Runtime attribution by mechanism at 1 node and at the largest node count", Caption(data, segments, apps), chart,
            frame, traces, 1100, 1000);
    }

    /// <summary>
    /// The stacked-bar chart of <paramref name="apps"/> × <paramref name="oses"/>: per application panel one bar per node
    /// count and OS, in % of the baseline's runtime at that node count.
    /// </summary>
    /// <param name="sweep">The predictions.</param>
    /// <param name="apps">Applications, one panel each (those without rows are skipped).</param>
    /// <param name="oses">OSes, bar order within a node count.</param>
    /// <param name="nodes">Node counts to show, or null for each application's smallest and largest node count.</param>
    /// <param name="style">Names and colours.</param>
    internal static (GenericChart Chart, int Traces, IReadOnlyList<Segment> Segments) Chart(Sweep sweep, IReadOnlyList<string> apps, IReadOnlyList<string> oses,
        IReadOnlyCollection<int>? nodes, FigureStyle style)
    {
        apps = apps.Where(a => sweep.Any(r => r.Prediction.App == a)).ToArray();
        var mechanisms = PredictionTable.MechanismsOf(sweep.Select(r => r.Prediction));
        var baselineName = style.OsName(sweep.Baseline);
        var rows = Math.Max(1, (apps.Count + Columns - 1) / Columns);
        var panels = Panel.Grid(rows, Columns, apps.Count, XGap, YGap);
        var traces = new List<Trace>();
        var segments = new List<Segment>();
        var annotations = new List<Plotly.NET.LayoutObjects.Annotation>();
        var shapes = new List<Plotly.NET.LayoutObjects.Shape>();
        var axes = new List<(Panel, Plotly.NET.LayoutObjects.LinearAxis, Plotly.NET.LayoutObjects.LinearAxis)>();

        foreach (var (app, panel) in apps.Zip(panels))
        {
            var appNodes = sweep.Where(r => r.Prediction.App == app).Select(r => r.Prediction.Nodes).Distinct().Order().ToArray();
            var nodeCounts = nodes is null ? new[] { appNodes[0], appNodes[^1] }.Distinct().ToArray() : appNodes.Where(nodes.Contains).ToArray();
            var bars = (from n in nodeCounts
                        from os in oses
                        let row = sweep.Rows(app, os).FirstOrDefault(r => r.Prediction.Nodes == n)
                        where row is not null
                        select (Os: os, Nodes: n, Row: row.Prediction, Baseline: row.Baseline)).ToArray();
            var categories = bars.Select(b => $"{style.OsName(b.Os)}<br>{Captions.Count(b.Nodes)} node{(b.Nodes == 1 ? "" : "s")}").ToArray();
            foreach (var m in mechanisms)
            {
                var seg = bars.Select(b => new Segment(app, b.Os, b.Nodes, m, b.Row.Breakdown[m].Seconds, 100 * b.Row.Breakdown[m].Seconds / b.Baseline.Runtime.Seconds,
                    100 * b.Row.Breakdown[m].Seconds / b.Row.Runtime.Seconds, b.Row.Runtime.Seconds, b.Baseline.Runtime.Seconds)).ToArray();
                segments.AddRange(seg);
                var series = new SeriesStyle(Captions.MechanismLabel(m), "mechanism-" + Breakdown.ColumnName(m), OsStyle.Mechanism(m), ShowLegend: panel.Index == 0);
                var bar = PlotlyKit.Bar(series, panel, categories, seg.Select(s => s.PercentOfBaseline).ToArray());
                traces.Add(PlotlyKit.WithHover(bar, $"{Captions.MechanismLabel(m)}: %{{y:.1f}}% of {baselineName}'s runtime (%{{customdata[0]:.4g}} s, %{{customdata[1]:.1f}}% of this OS's runtime)",
                    seg.Select(s => new[] { s.Seconds, s.PercentOfOwn }).ToArray()));
            }

            var x = PlotlyKit.Axis(panel, isX: true, panel.Index + Columns >= apps.Count ? "OS, node count" : null);
            x.SetProperty("type", "category");
            x.SetProperty("tickfont", PlotlyKit.Font(10));
            x.SetProperty("showgrid", false);
            var y = PlotlyKit.Axis(panel, isX: false, panel.Column == 0 ? $"share of {baselineName} runtime [%]" : null);
            y.SetProperty("rangemode", "tozero");
            axes.Add((panel, x, y));
            annotations.Add(PlotlyKit.PanelTitle(panel, style.AppName(app)));
            shapes.Add(PlotlyKit.HorizontalLine(panel, 100));
            for (var k = 1; k < nodeCounts.Length; k++)
                shapes.Add(PlotlyKit.VerticalLine(panel, bars.Count(b => nodeCounts[..k].Contains(b.Nodes)) - 0.5, "#999999", "dot", 1));
        }

        var layout = PlotlyKit.BaseLayout(1100, Math.Max(400, 250 * rows), left: 70, top: 70, bottom: 40);
        PlotlyKit.SetAxes(layout, axes);
        layout.SetProperty("barmode", "stack");
        layout.SetProperty("bargap", 0.25);
        layout.SetProperty("legend", PlotlyKit.Legend(0, 1.035, yAnchor: "bottom", horizontal: true));
        layout.SetProperty("showlegend", true);
        layout.SetProperty("annotations", annotations.ToArray());
        layout.SetProperty("shapes", shapes.ToArray());
        return (PlotlyKit.Assemble(traces, layout), traces.Count, segments);
    }

    private static string Caption(ReportData data, IReadOnlyList<Segment> segments, IReadOnlyList<string> apps)
    {
        if (segments.Count == 0) return "No predictions to attribute in this profile set.";
        string App(string a) => data.Study.App[a].DisplayName;
        var baselineName = data.Display(data.Baseline);
        var lwks = data.OtherOses.All(o => data.Study.Os[o].IsLightweightKernel);
        var text = $"Model breakdown of the runtime of {string.Join(", ", apps.Select(App))} on each OS into compute, memory, TLB, heap (brk), noise, " +
                   $"communication and system-call time, at 1 node and at each application's largest node count, in % of {baselineName}'s runtime at the same node " +
                   $"count: {baselineName}'s bars reach 100% (dashed line) and a shorter bar is a faster OS. ";
        var baseline = segments.Where(s => s.Os == data.Baseline).ToDictionary(s => (s.App, s.Nodes, s.Mechanism));
        var deltas = segments.Where(s => s.Os != data.Baseline)
            .Select(s => (Segment: s, Saving: baseline.TryGetValue((s.App, s.Nodes, s.Mechanism), out var l) ? l.PercentOfBaseline - s.PercentOfBaseline : 0))
            .ToArray();
        string[] Differing(Mechanism m) => deltas.Where(d => d.Segment.Mechanism == m && Math.Abs(d.Saving) > 0.5).Select(d => App(d.Segment.App)).Distinct().ToArray();
        var compute = Differing(Mechanism.Compute);
        var memory = Differing(Mechanism.Memory);
        text += compute.Length == 0 ? "Compute time is the same on every OS" : $"Compute time differs for {string.Join(", ", compute)}";
        text += memory.Length == 0 ? " and so is memory time; " : $"; memory time differs only where the MCDRAM/DDR4 placement does ({string.Join(", ", memory)}); ";
        text += "the rest of the differences come from the OS mechanisms. ";
        var savings = deltas.Where(d => d.Saving > 0.5).GroupBy(d => d.Segment.Mechanism)
            .Select(g => g.MaxBy(d => d.Saving)).OrderByDescending(d => d.Saving).Take(4).ToArray();
        if (savings.Length > 0)
            text += $"The largest savings of {(lwks ? "an LWK" : "another OS")} per mechanism are: " + string.Join("; ", savings.Select(d =>
                $"{Captions.MechanismPhrase(d.Segment.Mechanism)}, {Captions.Percent(d.Saving)} of {baselineName}'s runtime ({App(d.Segment.App)} on " +
                $"{data.Display(d.Segment.Os)} at {Captions.Count(d.Segment.Nodes)} node{(d.Segment.Nodes == 1 ? "" : "s")})")) + ". ";
        if (deltas.Length == 0) return text.TrimEnd();
        var cost = deltas.MinBy(d => d.Saving);
        if (cost.Saving < -0.5)
            text += $"The largest extra cost is {Captions.MechanismPhrase(cost.Segment.Mechanism)} for {App(cost.Segment.App)} on {data.Display(cost.Segment.Os)} at " +
                    $"{Captions.Count(cost.Segment.Nodes)} nodes, {Captions.Percent(-cost.Saving)} of {baselineName}'s runtime.";
        return text.TrimEnd();
    }

    /// <summary>One stack segment: a mechanism's time in one bar.</summary>
    /// <param name="App">Application.</param>
    /// <param name="Os">OS.</param>
    /// <param name="Nodes">Nodes.</param>
    /// <param name="Mechanism">Breakdown category.</param>
    /// <param name="Seconds">Its time in the run.</param>
    /// <param name="PercentOfBaseline">100 × time / the baseline's runtime at the same node count.</param>
    /// <param name="PercentOfOwn">100 × time / this OS's runtime.</param>
    /// <param name="RuntimeSeconds">This OS's runtime.</param>
    /// <param name="BaselineRuntimeSeconds">The baseline's runtime.</param>
    internal sealed record Segment(string App, string Os, int Nodes, Mechanism Mechanism, double Seconds, double PercentOfBaseline, double PercentOfOwn,
        double RuntimeSeconds, double BaselineRuntimeSeconds);
}
