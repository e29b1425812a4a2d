using Plotly.NET;
using PerfModel.Predictions;
using PerfModel.Reports.Content;
using Figure = PerfModel.Reports.Content.Figure;

namespace PerfModel.Reports.Charts;

/// <summary>
/// attribution: where each OS's runtime goes, per application, at 1 node and at the application's largest node count
/// (2,048; 1,728 for Lulesh 2.0). One panel per application (4 rows x 2 columns); each panel has six stacked bars
/// ("Linux 1 node", "McKernel 1 node", "mOS 1 node", then the same at the largest count), one stack segment per mechanism
/// in its <see cref="OsStyle.Mechanism"/> colour. Heights are % of Linux's runtime at the same node count, so the Linux
/// bars reach 100% (dashed line), a shorter bar is a faster OS, and 1-node and many-node bars share a scale even for
/// strong scaling. Traces: one per mechanism and panel (mechanisms that are zero still get their trace).
/// </summary>
public static class AttributionFigure
{
    public const string Name = "attribution";

    private const int Columns = 2;
    private const double XGap = 0.08, YGap = 0.085;

    public static Figure Build(ReportData data)
    {
        var apps = data.Profiles.Apps.Select(a => a.Name).Where(a => data.Rows(a, "linux").Count > 0).ToArray();
        var oses = data.Profiles.Oses.Select(o => o.Name).ToArray();
        var mechanisms = Enum.GetValues<Mechanism>();
        var rows = Math.Max(1, (apps.Length + Columns - 1) / Columns);
        var panels = Panel.Grid(rows, Columns, apps.Length, XGap, YGap);
        var traces = new List<Trace>();
        var segments = new List<Segment>();
        var annotations = new List<Plotly.NET.LayoutObjects.Annotation>();
        var shapes = new List<Plotly.NET.LayoutObjects.Shape>();
        var axes = new List<(Panel, Plotly.NET.LayoutObjects.LinearAxis, Plotly.NET.LayoutObjects.LinearAxis)>();

        foreach (var (app, panel) in apps.Zip(panels))
        {
            var linuxRows = data.Rows(app, "linux");
            var nodeCounts = new[] { linuxRows[0].Prediction.Nodes, linuxRows[^1].Prediction.Nodes }.Distinct().ToArray();
            var bars = (from n in nodeCounts
                        from os in oses
                        let row = data.Rows(app, os).FirstOrDefault(r => r.Prediction.Nodes == n)
                        where row is not null
                        select (Os: os, Nodes: n, Row: row.Prediction, Linux: linuxRows.First(r => r.Prediction.Nodes == n).Prediction)).ToArray();
            var categories = bars.Select(b => $"{OsStyle.Display(b.Os)}<br>{Captions.Count(b.Nodes)} node{(b.Nodes == 1 ? "" : "s")}").ToArray();
            foreach (var m in mechanisms)
            {
                var seg = bars.Select(b => new Segment(app, b.Os, b.Nodes, m, b.Row.Breakdown[m], 100 * b.Row.Breakdown[m] / b.Linux.RuntimeSeconds,
                    100 * b.Row.Breakdown[m] / b.Row.RuntimeSeconds, b.Row.RuntimeSeconds, b.Linux.RuntimeSeconds)).ToArray();
                segments.AddRange(seg);
                var style = new SeriesStyle(Captions.MechanismLabel(m), "mechanism-" + Breakdown.ColumnName(m), OsStyle.Mechanism(m), ShowLegend: panel.Index == 0);
                var bar = PlotlyKit.Bar(style, panel, categories, seg.Select(s => s.PercentOfLinux).ToArray());
                traces.Add(PlotlyKit.WithHover(bar, $"{Captions.MechanismLabel(m)}: %{{y:.1f}}% of Linux's runtime (%{{customdata[0]:.4g}} s, %{{customdata[1]:.1f}}% of this OS's runtime)",
                    seg.Select(s => new[] { s.Seconds, s.PercentOfOwn }).ToArray()));
            }

            var x = PlotlyKit.Axis(panel, isX: true, panel.Index + Columns >= apps.Length ? "OS, node count" : null);
            x.SetProperty("type", "category");
            x.SetProperty("tickfont", PlotlyKit.Font(10));
            x.SetProperty("showgrid", false);
            var y = PlotlyKit.Axis(panel, isX: false, panel.Column == 0 ? "share of Linux runtime [%]" : null);
            y.SetProperty("rangemode", "tozero");
            axes.Add((panel, x, y));
            annotations.Add(PlotlyKit.PanelTitle(panel, data.Profiles.App(app).DisplayName));
            shapes.Add(PlotlyKit.HorizontalLine(panel, 100));
            if (nodeCounts.Length > 1) shapes.Add(PlotlyKit.VerticalLine(panel, bars.Count(b => b.Nodes == nodeCounts[0]) - 0.5, "#999999", "dot", 1));
        }

        var layout = PlotlyKit.BaseLayout(1100, 1000, left: 70, top: 70, bottom: 40);
        PlotlyKit.SetAxes(layout, axes);
        layout.SetProperty("barmode", "stack");
        layout.SetProperty("bargap", 0.25);
        layout.SetProperty("legend", PlotlyKit.Legend(0, 1.035, yAnchor: "bottom", horizontal: true));
        layout.SetProperty("showlegend", true);
        layout.SetProperty("annotations", annotations.ToArray());
        layout.SetProperty("shapes", shapes.ToArray());

        var frame = Frames.Of(
            Frames.Text("app", segments, s => s.App),
            Frames.Text("os", segments, s => s.Os),
            Frames.Integer("nodes", segments, s => s.Nodes),
            Frames.Text("mechanism", segments, s => Breakdown.ColumnName(s.Mechanism)),
            Frames.Number("time_s", segments, s => s.Seconds),
            Frames.Number("share_of_linux_runtime_pct", segments, s => s.PercentOfLinux),
            Frames.Number("share_of_own_runtime_pct", segments, s => s.PercentOfOwn),
            Frames.Number("runtime_s", segments, s => s.RuntimeSeconds),
            Frames.Number("linux_runtime_s", segments, s => s.LinuxRuntimeSeconds));
        return new Figure(Name, "Runtime attribution by mechanism at 1 node and at the largest node count", Caption(data, segments, apps), PlotlyKit.Assemble(traces, layout),
            frame, traces.Count, 1100, 1000);
    }

    private static string Caption(ReportData data, IReadOnlyList<Segment> segments, IReadOnlyList<string> apps)
    {
        if (segments.Count == 0) return "No predictions to attribute in this profile set.";
        string App(string a) => data.Profiles.App(a).DisplayName;
        var text = $"Model breakdown of the runtime of {string.Join(", ", apps.Select(App))} on each OS into compute, memory, TLB, heap (brk), noise, " +
                   "communication and system-call time, at 1 node and at each application's largest node count, in % of Linux's runtime at the same node " +
                   "count: Linux's bars reach 100% (dashed line) and a shorter bar is a faster OS. ";
        var linux = segments.Where(s => s.Os == "linux").ToDictionary(s => (s.App, s.Nodes, s.Mechanism));
        var deltas = segments.Where(s => s.Os != "linux")
            .Select(s => (Segment: s, Saving: linux.TryGetValue((s.App, s.Nodes, s.Mechanism), out var l) ? l.PercentOfLinux - s.PercentOfLinux : 0))
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
            text += "The largest savings of an LWK per mechanism are: " + string.Join("; ", savings.Select(d =>
                $"{Captions.MechanismPhrase(d.Segment.Mechanism)}, {Captions.Percent(d.Saving)} of Linux's runtime ({App(d.Segment.App)} on " +
                $"{OsStyle.Display(d.Segment.Os)} at {Captions.Count(d.Segment.Nodes)} node{(d.Segment.Nodes == 1 ? "" : "s")})")) + ". ";
        var cost = deltas.MinBy(d => d.Saving);
        if (cost.Saving < -0.5)
            text += $"The largest extra cost is {Captions.MechanismPhrase(cost.Segment.Mechanism)} for {App(cost.Segment.App)} on {OsStyle.Display(cost.Segment.Os)} at " +
                    $"{Captions.Count(cost.Segment.Nodes)} nodes, {Captions.Percent(-cost.Saving)} of Linux's runtime.";
        return text.TrimEnd();
    }

    /// <summary>One stack segment: a mechanism's time in one bar.</summary>
    private sealed record Segment(string App, string Os, int Nodes, Mechanism Mechanism, double Seconds, double PercentOfLinux, double PercentOfOwn,
        double RuntimeSeconds, double LinuxRuntimeSeconds);
}
