using Plotly.NET;
using PerfModel.Profiles;
using PerfModel.Reports.Content;

namespace PerfModel.Reports.Figures;

/// <summary>
/// One application at one node count as one profile number varies (<see cref="ParameterSweep"/>): per OS, the ratio to the
/// sweep's baseline OS (relative performance, &gt; 1 = faster) or the runtime in seconds, against the parameter's value;
/// a dotted line marks the value in the study as given.
/// </summary>
internal static class ParameterSweepChart
{
    public static GenericChart Build(ParameterSweepResult result, string app, int nodes, bool runtime)
    {
        var rows = result.Points.SelectMany(p => p.Sweep.Where(r => r.Prediction.App == app && r.Prediction.Nodes == nodes).Select(r => (p.Value, Row: r))).ToArray();
        if (rows.Length == 0) throw new ArgumentException($"the parameter sweep has no predictions of {app} at {nodes} nodes", nameof(app));
        var baseline = result.Points[0].Sweep.Baseline;
        var oses = rows.Select(r => r.Row.Prediction.Os).Distinct().Where(o => runtime || o != baseline).ToArray();
        var panel = Panel.Single;
        var traces = oses.Select(os =>
        {
            var pts = rows.Where(r => r.Row.Prediction.Os == os).ToArray();
            var trace = PlotlyKit.Scatter(new SeriesStyle(OsStyle.Display(os, pts[0].Row.Prediction.Scenario.Os.DisplayName), os, OsStyle.Colour(os, oses), ShowLegend: true), panel,
                pts.Select(p => p.Value).ToArray(), pts.Select(p => runtime ? p.Row.Prediction.Runtime.Seconds : p.Row.RelativeToBaseline).ToArray());
            return (Trace)trace;
        }).ToArray();
        var values = rows.Select(r => r.Value).ToArray();
        var x = PlotlyKit.Axis(panel, isX: true, $"{result.Parameter.Profile} {result.Parameter.PropertyPath} (profile file's unit)");
        if (values.All(v => v > 0) && values.Max() / values.Min() >= 8) PlotlyKit.Log(x);
        var y = PlotlyKit.Axis(panel, isX: false, runtime ? $"{app} runtime at {nodes} nodes [s]" : $"{app} at {nodes} nodes: relative to {baseline}");
        var layout = PlotlyKit.BaseLayout(900, 520, top: 50);
        PlotlyKit.SetAxes(layout, [(panel, x, y)]);
        layout.SetProperty("legend", PlotlyKit.Legend(0, 1.02, yAnchor: "bottom", horizontal: true));
        layout.SetProperty("showlegend", true);
        layout.SetProperty("shapes", new[] { PlotlyKit.VerticalLine(panel, result.Baseline, "#999999", "dot") });
        return PlotlyKit.Assemble(traces, layout);
    }
}
