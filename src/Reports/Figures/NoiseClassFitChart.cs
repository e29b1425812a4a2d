using System.Collections.Immutable;
using Plotly.NET;
using Plotly.NET.LayoutObjects;
using PerfModel.Calibration.Published;

namespace PerfModel.Reports.Figures;

/// <summary>
/// Goodness of fit of the noise classes' detour-duration fits (<see cref="DetourProcessFit"/>, <see cref="NoiseClassFit"/>):
/// one Q–Q panel per class, log-log in µs, x the published value (a core's quantile, or its mean), y the fitted
/// distribution's value at the same order-statistic position (or its mean), with the line y = x: a point on the line is
/// matched exactly, one above it is overestimated. Per fit of the class, in its own colour: the chosen family's points
/// (circles for quantiles, diamonds for means, the maximum as a triangle); the other family's points as open grey markers,
/// which show why it was not chosen. Traces per panel: for each fit the chosen candidate then the others, then y = x.
/// </summary>
internal static class NoiseClassFitChart
{
    private static readonly ImmutableArray<string> Palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf"];
    private const string OtherColour = "#9a9a9a";

    /// <summary>Seconds in one microsecond.</summary>
    public const double Microsecond = 1e-6;

    /// <summary>Legend group of the chosen candidate of the <paramref name="index"/>-th fit (over all classes, from 0).</summary>
    public static string FitGroup(int index) => "fit-" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Legend group of the candidates not chosen.</summary>
    public const string OtherGroup = "other-family";

    /// <summary>Legend group of the y = x lines.</summary>
    public const string IdentityGroup = "identity";

    public static GenericChart Build(IReadOnlyList<NoiseClass> classes)
    {
        const int columns = 2;
        var rows = Math.Max(1, (classes.Count + columns - 1) / columns);
        var panels = Panel.Grid(rows, columns, classes.Count, xGap: 0.1, yGap: 0.13);
        var traces = new List<Trace>();
        var axes = new List<(Panel, LinearAxis, LinearAxis)>();
        var annotations = new List<Annotation>();
        var fitIndex = 0;
        var otherShown = false;
        for (var c = 0; c < classes.Count; c++)
        {
            var (noise, panel) = (classes[c], panels[c]);
            var values = noise.Fits.SelectMany(f => f.Candidates).SelectMany(k => k.Errors).SelectMany(e => new[] { e.ObservedSeconds, e.FittedSeconds })
                .Where(v => v > 0 && double.IsFinite(v)).Select(v => v / Microsecond).DefaultIfEmpty(1).ToArray();
            var (lo, hi) = (values.Min() / 1.3, values.Max() * 1.3);
            var lines = new List<string>();
            foreach (var fit in noise.Fits)
            {
                var colour = Palette[fitIndex % Palette.Length];
                var name = $"{noise.Name}: {fit.Chosen.Family}" + (noise.Fits.Length > 1 ? $" ({Captions.Count(fit.Count)} detours)" : "");
                traces.Add(Points(new SeriesStyle(name, FitGroup(fitIndex), colour, ShowLegend: true), panel, fit.Chosen, open: false));
                foreach (var other in fit.Candidates.Where(k => k.Family != fit.Chosen.Family))
                {
                    traces.Add(Points(new SeriesStyle("other family (not chosen)", OtherGroup, OtherColour, ShowLegend: !otherShown), panel, other, open: true));
                    otherShown = true;
                }
                var others = string.Join(", ", fit.Candidates.Where(k => k.Family != fit.Chosen.Family)
                    .Select(k => $"{k.Family} {Captions.Fixed(k.RmsLogError, "0.000")}"));
                lines.Add($"<span style=\"color:{colour}\">■</span> {fit.Chosen.Duration.ToSpec()}");
                lines.Add($"RMS ln error {Captions.Fixed(fit.Chosen.RmsLogError, "0.000")}" + (others.Length > 0 ? $" ({others})" : "")
                          + $", max |error| {Captions.Percent(100 * fit.Chosen.MaxAbsRelativeError)}");
                fitIndex++;
            }
            var identity = PlotlyKit.Scatter(new SeriesStyle("y = x (exact fit)", IdentityGroup, PlotlyKit.ReferenceColour, ShowLegend: c == 0, Dash: "dash"),
                panel, [lo, hi], [lo, hi], mode: "lines");
            identity.SetProperty("hoverinfo", "skip");
            traces.Add(identity);

            var x = PlotlyKit.Axis(panel, isX: true, panel.Row == rows - 1 || c + columns >= classes.Count ? "published [µs] (log)" : null);
            var y = PlotlyKit.Axis(panel, isX: false, panel.Column == 0 ? "fitted [µs] (log)" : null);
            PlotlyKit.Log125(x, lo, hi);
            PlotlyKit.Log125(y, lo, hi);
            axes.Add((panel, x, y));
            annotations.Add(PlotlyKit.PanelTitle(panel, noise.Name));
            annotations.Add(PlotlyKit.Text(string.Join("<br>", lines), panel.XId + " domain", panel.YId + " domain", 0.02, 0.98,
                xAnchor: "left", yAnchor: "top", size: 10, align: "left"));
        }

        var layout = PlotlyKit.BaseLayout(1100, 330 * rows + 130, top: 80, bottom: 110);
        PlotlyKit.SetAxes(layout, axes);
        layout.SetProperty("title", PlotlyKit.FigureTitle("Noise classes: published detour durations against the fitted distributions (Q–Q)",
            ["each point is one published value of one core: a quantile at its order-statistic position, or the mean; on the dashed line the fit matches it"]));
        layout.SetProperty("legend", PlotlyKit.Legend(0, -0.07, yAnchor: "top", horizontal: true));
        layout.SetProperty("showlegend", true);
        layout.SetProperty("annotations", annotations.ToArray());
        return PlotlyKit.Assemble(traces, layout);
    }

    /// <summary>One candidate's points: x published, y fitted (µs); quantiles as circles, the maximum as a triangle, means
    /// as diamonds (open for a candidate not chosen).</summary>
    private static Trace Points(SeriesStyle style, Panel panel, DetourFitCandidate candidate, bool open)
    {
        var errors = candidate.Errors;
        var symbols = errors.Select(e => (e.Level is null ? "diamond" : e.Label == "max" ? "triangle-up" : "circle") + (open ? "-open" : "")).ToArray();
        var trace = PlotlyKit.Scatter(style, panel, errors.Select(e => e.ObservedSeconds / Microsecond).ToArray(),
            errors.Select(e => e.FittedSeconds / Microsecond).ToArray(), mode: "markers", symbols: symbols, markerSize: open ? 6 : 7);
        trace.SetProperty("text", errors.Select(e => $"{e.Core} {e.Label}" + (e.Level is { } u ? $" (level {Captions.Fixed(u, "0.######")})" : "")).ToArray());
        return PlotlyKit.WithHover(trace, $"{candidate.Family}: %{{text}}<br>published %{{x:.4g}} µs, fitted %{{y:.4g}} µs");
    }
}
