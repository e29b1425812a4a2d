using Plotly.NET;
using PerfModel.Calibration.Published;

namespace PerfModel.Reports.Figures;

/// <summary>
/// Goodness of fit of the interconnect's LogGP fit (<see cref="LogGpFit"/>): one-way latency against message size on log-log
/// axes, the median measured latency per size (markers) against the host's LogGP time T(m) = L + 2o + (m − 1)G (a line
/// through the same sizes, so it bends where (m − 1)G overtakes L + 2o). Lower panel: the relative residual
/// (measured − LogGP) / measured in % per size, where the eager-to-rendezvous step shows. An annotation gives the
/// parameters with their 95% intervals and the residual summary. Traces: measured, LogGP, residual.
/// </summary>
internal static class InterconnectFitChart
{
    private const string MeasuredColour = "#1f77b4";
    private const string FitColour = "#d62728";

    /// <summary>Seconds in one microsecond.</summary>
    public const double Microsecond = 1e-6;

    public static GenericChart Build(LogGpFitResult fit)
    {
        var top = new Panel(0, 0, 0, 0, 1, 0.36, 1);
        var bottom = new Panel(1, 1, 0, 0, 1, 0, 0.25);
        var residuals = fit.Residuals;
        var sizes = residuals.Select(r => (double)r.SizeBytes).ToArray();
        var (l2o, g) = (fit.HostLatencyPlusTwoOverhead, fit.HostGapPerByte);

        var measured = PlotlyKit.Scatter(new SeriesStyle($"median measured latency ({fit.Runs} runs)", "measured", MeasuredColour, ShowLegend: true), top,
            sizes, residuals.Select(r => r.MeasuredSeconds / Microsecond).ToArray(), mode: "markers", markerSize: 8);
        PlotlyKit.WithHover(measured, "%{x:,} B: measured %{y:.4g} µs");
        var line = PlotlyKit.Scatter(new SeriesStyle("LogGP L + 2o + (m − 1)G", "loggp", FitColour, ShowLegend: true), top,
            sizes, residuals.Select(r => r.FittedSeconds / Microsecond).ToArray(), mode: "lines");
        PlotlyKit.WithHover(line, "%{x:,} B: LogGP %{y:.4g} µs");
        var residual = PlotlyKit.Scatter(new SeriesStyle("residual", "measured", MeasuredColour, ShowLegend: false), bottom,
            sizes, residuals.Select(r => 100 * r.Relative).ToArray(), markerSize: 6);
        PlotlyKit.WithHover(residual, "%{x:,} B: (measured − LogGP) / measured = %{y:.1f}%");

        var (lo, hi) = sizes.Length == 0 ? (1.0, 2.0) : (sizes.Min() / 1.6, sizes.Max() * 1.6);
        var ticks = Enumerable.Range(0, 32).Select(k => Math.Pow(4, k)).Where(t => t >= lo && t <= hi).ToArray();
        var labels = ticks.Select(Bytes).ToArray();
        var xTop = PlotlyKit.LogTicks(PlotlyKit.Axis(top, isX: true, null), ticks, labels, lo, hi);
        xTop.SetProperty("showticklabels", false);
        var times = residuals.SelectMany(r => new[] { r.MeasuredSeconds, r.FittedSeconds }).Where(v => v > 0 && double.IsFinite(v))
            .Select(v => v / Microsecond).DefaultIfEmpty(1).ToArray();
        var yTop = PlotlyKit.Log125(PlotlyKit.Axis(top, isX: false, "one-way latency [µs] (log)"), times.Min() / 1.25, times.Max() * 1.25);
        var xBottom = PlotlyKit.LogTicks(PlotlyKit.Axis(bottom, isX: true, "message size m [bytes] (log)"), ticks, labels, lo, hi);
        var relatives = residuals.Select(r => 100 * r.Relative).Append(0).ToArray();
        var pad = Math.Max(2, 0.15 * (relatives.Max() - relatives.Min()));
        var yBottom = PlotlyKit.Linear(PlotlyKit.Axis(bottom, isX: false, "residual [%]"), relatives.Min() - pad, relatives.Max() + pad);
        yBottom.SetProperty("nticks", 5);

        var rms = residuals.Length == 0 ? 0 : Math.Sqrt(residuals.Average(r => r.Relative * r.Relative));
        var worst = residuals.Length == 0 ? null : residuals.MaxBy(r => Math.Abs(r.Relative));
        var summary = new List<string>
        {
            $"L + 2o = {Us(l2o.Value)} µs [{Us(l2o.Lower95)}, {Us(l2o.Upper95)}]",
            $"G = {Captions.Fixed(g.Value * 1e12, "0.00")} ps/B [{Captions.Fixed(g.Lower95 * 1e12, "0.00")}, {Captions.Fixed(g.Upper95 * 1e12, "0.00")}]"
            + (g.Value > 0 ? $" ({Captions.Fixed(1 / g.Value / 1e9, "0.0")} GB/s)" : ""),
            $"residuals over {residuals.Length} sizes: rms {Captions.Percent(100 * rms)}"
            + (worst is null ? "" : $", largest {Captions.Percent(100 * worst.Relative, signed: true)} at {Bytes(worst.SizeBytes)}"),
            $"large-message regression: R² {Captions.Fixed(fit.LargeMessageFit.RSquared, "0.000")} on {Captions.Count(fit.LargeMessageFit.Count)} rows",
        };

        var layout = PlotlyKit.BaseLayout(1100, 720, top: 76, bottom: 70);
        PlotlyKit.SetAxes(layout, [(top, xTop, yTop), (bottom, xBottom, yBottom)]);
        layout.SetProperty("title", PlotlyKit.FigureTitle("Interconnect latency vs message size: median measured against LogGP T(m) = L + 2o + (m − 1)G",
            [$"env {fit.Env}, hosts: {fit.HostCpu} (the measuring hosts' parameters; 95% intervals in brackets)"]));
        layout.SetProperty("legend", PlotlyKit.Legend(0.01, 0.99, yAnchor: "top"));
        layout.SetProperty("showlegend", true);
        layout.SetProperty("shapes", new[] { PlotlyKit.HorizontalLine(bottom, 0) });
        layout.SetProperty("annotations", new[]
        {
            PlotlyKit.Text(string.Join("<br>", summary), "paper", "paper", 0.99, 0.39, xAnchor: "right", yAnchor: "bottom", size: 11, align: "right"),
        });
        return PlotlyKit.Assemble([measured, line, residual], layout);
    }

    private static string Us(double seconds) => Captions.Fixed(seconds / Microsecond, "0.000");

    /// <summary>"1 B", "4 KiB", "1 MiB".</summary>
    internal static string Bytes(double b) => b switch
    {
        >= 1 << 30 => Captions.Number(b / (1 << 30)) + " GiB",
        >= 1 << 20 => Captions.Number(b / (1 << 20)) + " MiB",
        >= 1 << 10 => Captions.Number(b / (1 << 10)) + " KiB",
        _ => Captions.Number(b) + " B",
    };
}
