using System.Collections.Immutable;
using Plotly.NET;
using Plotly.NET.LayoutObjects;
using PerfModel.Calibration.Published;

namespace PerfModel.Reports.Figures;

/// <summary>
/// Goodness of fit of the memory tiers' saturation fits (<see cref="BandwidthSaturationFit"/>): STREAM triad bandwidth
/// against OpenMP threads on a log2 x and log y axis. Per tier, in the tier's colour: the measured points used by the fit
/// (markers), the fitted b(n) = min(β n, B) (a line through the measured thread counts and the knee n* = B / β, so the
/// corner is drawn where the fit puts it), the knee as a diamond with the 95% intervals of B (y) and n* (x) as error bars,
/// and a band over the plateau spanning B's 95% interval. Lower panel: the relative residual (measured − fitted) /
/// measured in % per thread count. Traces: four per tier (measured, fit, knee, residual), in tier order.
/// </summary>
internal static class MemoryTierFitChart
{
    /// <summary>Tier colours in order (MCDRAM first, then DDR4, then any other).</summary>
    private static readonly ImmutableArray<string> Palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"];

    /// <summary>Bytes per second in one GB/s (decimal, as STREAM reports).</summary>
    public const double GigaBytes = 1e9;

    public static GenericChart Build(IReadOnlyList<TierFit> tiers)
    {
        var top = new Panel(0, 0, 0, 0, 1, 0.36, 1);
        var bottom = new Panel(1, 1, 0, 0, 1, 0, 0.25);
        var traces = new List<Trace>();
        var residualTraces = new List<Trace>();
        var shapes = new List<Shape> { PlotlyKit.HorizontalLine(bottom, 0) };
        var titleLines = new List<string>();
        var excluded = new SortedSet<int>();
        for (var i = 0; i < tiers.Count; i++)
        {
            var (tier, fit) = (tiers[i].Tier, tiers[i].Fit);
            var colour = Palette[i % Palette.Length];
            var (beta, plateau, knee) = (fit.PerCoreBandwidth, fit.SaturatedBandwidth, fit.Knee);
            var threads = fit.Residuals.Select(r => (double)r.Threads).ToArray();
            excluded.UnionWith(fit.ExcludedThreads);

            var measured = PlotlyKit.Scatter(new SeriesStyle($"{tier} measured", tier, colour, ShowLegend: true), top, threads,
                fit.Residuals.Select(r => r.MeasuredBytesPerSecond / GigaBytes).ToArray(), mode: "markers", markerSize: 8);
            traces.Add(PlotlyKit.WithHover(measured, $"{tier}, %{{x}} threads: measured %{{y:.4g}} GB/s"));

            var curveX = threads.Append(knee.Value).Where(double.IsFinite).Distinct().Order().ToArray();
            var curve = PlotlyKit.Scatter(new SeriesStyle($"{tier} fit min(βn, B)", tier, colour, ShowLegend: true), top, curveX,
                curveX.Select(n => Math.Min(beta.Value * n, plateau.Value) / GigaBytes).ToArray(), mode: "lines");
            traces.Add(PlotlyKit.WithHover(curve, $"{tier} fit, %{{x:.3g}} threads: %{{y:.4g}} GB/s"));

            var kneeStyle = new SeriesStyle($"{tier} knee n* = B/β (95% CI of B, n*)", tier, colour, ShowLegend: true, Symbol: "diamond");
            var kneeTrace = PlotlyKit.Scatter(kneeStyle, top, [knee.Value], [plateau.Value / GigaBytes], mode: "markers", markerSize: 11);
            PlotlyKit.WithYErrors(kneeTrace, [(plateau.Upper95 - plateau.Value) / GigaBytes], [(plateau.Value - plateau.Lower95) / GigaBytes], colour);
            kneeTrace.SetProperty("error_x", XErrors(knee.Upper95 - knee.Value, knee.Value - knee.Lower95, colour));
            traces.Add(PlotlyKit.WithHover(kneeTrace,
                $"{tier} knee: n* = {Captions.Fixed(knee.Value, "0.0")} cores [{Captions.Fixed(knee.Lower95, "0.0")}, {Captions.Fixed(knee.Upper95, "0.0")}], "
                + $"B = {Gb(plateau.Value)} GB/s [{Gb(plateau.Lower95)}, {Gb(plateau.Upper95)}]"));

            var residual = PlotlyKit.Scatter(new SeriesStyle($"{tier} residual", tier, colour, ShowLegend: false), bottom, threads,
                fit.Residuals.Select(r => 100 * r.Relative).ToArray(), markerSize: 6);
            residualTraces.Add(PlotlyKit.WithHover(residual, $"{tier}, %{{x}} threads: (measured − fit) / measured = %{{y:.1f}}%"));

            if (threads.Length > 0) shapes.Add(Band(top, Math.Min(knee.Value, threads.Max()), threads.Max(), plateau.Lower95 / GigaBytes, plateau.Upper95 / GigaBytes, colour));
            titleLines.Add($"<b>{tier}</b>: β = {Gb(beta.Value)} GB/s per core [{Gb(beta.Lower95)}, {Gb(beta.Upper95)}], "
                           + $"B = {Gb(plateau.Value)} GB/s [{Gb(plateau.Lower95)}, {Gb(plateau.Upper95)}], "
                           + $"knee n* = {Captions.Fixed(knee.Value, "0.0")} cores [{Captions.Fixed(knee.Lower95, "0.0")}, {Captions.Fixed(knee.Upper95, "0.0")}]; "
                           + $"R² {Captions.Fixed(fit.Fit.RSquared, "0.000")}, rms residual {Captions.Percent(100 * fit.Fit.RmsRelativeResidual)} "
                           + $"(β n alone: {Captions.Percent(100 * fit.Unsaturated.RmsRelativeResidual)})"
                           + (fit.PlateauObserved ? "" : " — no plateau observed: B is a lower bound"));
        }
        traces.AddRange(residualTraces);

        var allThreads = tiers.SelectMany(t => t.Fit.Residuals.Select(r => (double)r.Threads)).DefaultIfEmpty(1).ToArray();
        var (lo, hi) = (allThreads.Min() / 1.4, allThreads.Max() * 1.4);
        var xTop = PlotlyKit.Log2(PlotlyKit.Axis(top, isX: true, null), lo, hi);
        xTop.SetProperty("showticklabels", false);
        var rates = tiers.SelectMany(t => t.Fit.Residuals.SelectMany(r => new[] { r.MeasuredBytesPerSecond, r.FittedBytesPerSecond })
                .Concat([t.Fit.SaturatedBandwidth.Lower95, t.Fit.SaturatedBandwidth.Upper95]))
            .Where(v => v > 0 && double.IsFinite(v)).Select(v => v / GigaBytes).DefaultIfEmpty(1).ToArray();
        var yTop = PlotlyKit.Log125(PlotlyKit.Axis(top, isX: false, "STREAM triad bandwidth [GB/s] (log)"), rates.Min() / 1.25, rates.Max() * 1.25);
        var xBottom = PlotlyKit.Log2(PlotlyKit.Axis(bottom, isX: true, "OpenMP threads (= cores used; log2 scale)"), lo, hi);
        var relatives = tiers.SelectMany(t => t.Fit.Residuals.Select(r => 100 * r.Relative)).Append(0).ToArray();
        var pad = Math.Max(2, 0.15 * (relatives.Max() - relatives.Min()));
        var yBottom = PlotlyKit.Linear(PlotlyKit.Axis(bottom, isX: false, "residual [%]"), relatives.Min() - pad, relatives.Max() + pad);
        yBottom.SetProperty("nticks", 5);

        var layout = PlotlyKit.BaseLayout(1100, 720, top: 40 + 18 * (titleLines.Count + 1), bottom: 70);
        PlotlyKit.SetAxes(layout, [(top, xTop, yTop), (bottom, xBottom, yBottom)]);
        layout.SetProperty("title", PlotlyKit.FigureTitle("STREAM triad bandwidth vs threads: measured and the saturation fit b(n) = min(βn, B) (95% intervals in brackets)", titleLines));
        layout.SetProperty("legend", PlotlyKit.Legend(0.99, 0.40, xAnchor: "right", yAnchor: "bottom"));
        layout.SetProperty("showlegend", true);
        layout.SetProperty("shapes", shapes.ToArray());
        if (excluded.Count > 0)
            layout.SetProperty("annotations", new[]
            {
                PlotlyKit.Text($"not fitted: {string.Join(", ", excluded.Select(n => Captions.Count(n)))} threads (more threads than the application's cores: SMT)",
                    "paper", "paper", 0, 0.37, xAnchor: "left", yAnchor: "bottom", size: 11, colour: PlotlyKit.ReferenceColour, xShift: 6),
            });
        return PlotlyKit.Assemble(traces, layout);
    }

    /// <summary>"421.7": three or four significant digits of a rate in GB/s.</summary>
    private static string Gb(double bytesPerSecond) => Captions.Fixed(bytesPerSecond / GigaBytes, "0.0");

    private static Plotly.NET.TraceObjects.Error XErrors(double plus, double minus, string colour)
    {
        var e = new Plotly.NET.TraceObjects.Error();
        e.SetProperty("type", "data");
        e.SetProperty("symmetric", false);
        e.SetProperty("array", new[] { plus });
        e.SetProperty("arrayminus", new[] { minus });
        e.SetProperty("color", colour);
        e.SetProperty("thickness", 1.2);
        e.SetProperty("width", 3);
        e.SetProperty("visible", true);
        return e;
    }

    /// <summary>A translucent rectangle over [x0, x1] × [y0, y1] (data units) on <paramref name="panel"/>, below the traces.</summary>
    private static Shape Band(Panel panel, double x0, double x1, double y0, double y1, string colour)
    {
        var s = new Shape();
        s.SetProperty("type", "rect");
        s.SetProperty("xref", panel.XId);
        s.SetProperty("yref", panel.YId);
        s.SetProperty("x0", x0);
        s.SetProperty("x1", x1);
        s.SetProperty("y0", y0);
        s.SetProperty("y1", y1);
        s.SetProperty("fillcolor", colour);
        s.SetProperty("opacity", 0.12);
        s.SetProperty("layer", "below");
        var line = new Line();
        line.SetProperty("width", 0);
        s.SetProperty("line", line);
        return s;
    }
}
