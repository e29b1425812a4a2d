using Plotly.NET;
using PerfModel.Descriptions;
using PerfModel.Noise;

namespace PerfModel.Reports.Figures;

/// <summary>
/// Closed-form slowdown E[step] / noise-free step of one step shape under several named noise profiles versus the number of
/// ranks (<see cref="NoiseScaling.Curve"/>), log2 x axis; the y axis shows the excess slowdown in % on a log scale when
/// every point has some, so that light and heavy noise stay readable together.
/// </summary>
internal static class NoiseScalingChart
{
    private static readonly System.Collections.Immutable.ImmutableArray<string> Palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf"];

    public static GenericChart Build(IReadOnlyList<(string Name, NoiseProfile Noise)> profiles, StepShape shape, IReadOnlyList<long> ranks)
    {
        var curves = profiles.Select(p => (p.Name, Points: NoiseScaling.Curve(p.Noise, shape, ranks))).ToArray();
        var logScale = curves.All(c => c.Points.All(p => p.Result.Slowdown > 1));
        var panel = Panel.Single;
        var traces = curves.Select((c, i) =>
        {
            var colour = Palette[i % Palette.Length];
            var trace = PlotlyKit.Scatter(new SeriesStyle(c.Name, c.Name, colour, ShowLegend: true), panel,
                c.Points.Select(p => (double)p.Ranks).ToArray(),
                c.Points.Select(p => logScale ? 100 * (p.Result.Slowdown - 1) : p.Result.Slowdown).ToArray());
            return (Trace)PlotlyKit.WithHover(trace, $"{c.Name}, %{{x:,}} ranks: slowdown %{{customdata[0]:.6f}}",
                c.Points.Select(p => new[] { p.Result.Slowdown }).ToArray());
        }).ToArray();
        var lo = ranks.Min();
        var hi = ranks.Max();
        var x = PlotlyKit.Log2(PlotlyKit.Axis(panel, isX: true, "ranks (log2 scale)"), lo, hi);
        var y = PlotlyKit.Axis(panel, isX: false, logScale ? "excess slowdown: E[step] / noise-free − 1 [%] (log scale)" : "slowdown E[step] / noise-free [ratio]");
        if (logScale) PlotlyKit.Log(y);
        var layout = PlotlyKit.BaseLayout(900, 520, top: 50);
        PlotlyKit.SetAxes(layout, [(panel, x, y)]);
        layout.SetProperty("legend", PlotlyKit.Legend(0, 1.02, yAnchor: "bottom", horizontal: true));
        layout.SetProperty("showlegend", true);
        return PlotlyKit.Assemble(traces, layout);
    }
}
