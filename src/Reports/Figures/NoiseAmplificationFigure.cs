using Plotly.NET;
using PerfModel.Noise;
using PerfModel.Descriptions;
using PerfModel.Reports.Content;
using Figure = PerfModel.Reports.Content.Figure;

namespace PerfModel.Reports.Figures;

/// <summary>
/// noise-amplification: how each OS's default noise slows a bulk-synchronous step as the machine grows. The step is
/// W = 1 ms of compute followed by an ideal barrier, evaluated in closed form
/// (<c>NoiseClosedForm.Evaluate(os.Noise, new StepShape(TimeInterval.FromMilliseconds(1), SyncShape.Barrier, TimeInterval.Zero), cores)</c>) for 64 to 2^24 cores
/// (every power of two). The slowdown E[step] / W is within a fraction of a percent of 1 for the LWKs, so the y axis shows
/// the excess slowdown, 100 · (E[step] / W − 1) %, on a log scale, which keeps all three OSes readable; the table keeps the
/// slowdown itself. A dotted line marks the cores of the sweep's largest runs.
/// </summary>
public static class NoiseAmplificationFigure
{
    /// <summary>File stem of the figure.</summary>
    public const string Name = "noise-amplification";

    /// <summary>Compute time of the step (W).</summary>
    public const double WorkSeconds = 1e-3;

    /// <summary>Core counts: 2^6 … 2^24.</summary>
    public static readonly IReadOnlyList<long> Cores = Enumerable.Range(6, 19).Select(k => 1L << k).ToArray();

    /// <summary>The figure for the report; the dotted line marks the largest run of the report's sweep.</summary>
    public static Figure Build(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Build(data.Study, data.Sweep.Select(r => (long)r.Prediction.Nodes).DefaultIfEmpty(0).Max());
    }

    /// <summary>The figure for a study; the dotted line marks the largest of the applications' default node counts.</summary>
    public static Figure Build(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return Build(study, study.Apps.SelectMany(a => a.DefaultNodes).Select(n => (long)n).DefaultIfEmpty(0).Max());
    }

    private static Figure Build(Study study, long largestNodes)
    {
        string Display(string os) => OsStyle.Display(os, study.Os[os].DisplayName);
        string Colour(string os) => OsStyle.Colour(os, study.Oses.Select(o => o.Name));
        var shape = new StepShape(TimeInterval.FromSeconds(WorkSeconds), SyncShape.Barrier, TimeInterval.Zero);
        var points = (from os in study.Oses
                      from cores in Cores
                      let r = NoiseClosedForm.Evaluate(os.Noise, shape, cores)
                      select new Point(os.Name, cores, r.Slowdown, r.MeanStep.Seconds, r.NoiseFree.Seconds)).ToArray();
        var logScale = points.All(p => p.ExcessPercent > 0);
        var panel = Panel.Single;
        var traces = new List<Trace>();
        foreach (var g in points.GroupBy(p => p.Os))
        {
            var pts = g.ToArray();
            var colour = Colour(g.Key);
            var trace = PlotlyKit.Scatter(new SeriesStyle(Display(g.Key), g.Key, colour, ShowLegend: true), panel,
                pts.Select(p => (double)p.Cores).ToArray(), pts.Select(p => logScale ? p.ExcessPercent : p.Slowdown).ToArray());
            traces.Add(PlotlyKit.WithHover(trace, $"{Display(g.Key)}, %{{x:,}} cores: slowdown %{{customdata[0]:.6f}} (E[step] %{{customdata[1]:.4g}} s)",
                pts.Select(p => new[] { p.Slowdown, p.StepSeconds }).ToArray()));
        }

        var tickValues = Cores.Select(c => (double)c).ToArray();
        var tickText = Cores.Select(c => (int)Math.Log2(c) % 2 == 0 ? $"2<sup>{(int)Math.Log2(c)}</sup>" : "").ToArray();
        var x = PlotlyKit.LogTicks(PlotlyKit.Axis(panel, isX: true, "cores in the barrier (log scale; 64 per KNL node)"), tickValues, tickText, Cores[0] / 1.3, Cores[^1] * 1.3);
        var y = PlotlyKit.Axis(panel, isX: false, logScale ? "excess slowdown: E[step] / W − 1 [%] (log scale)" : "slowdown E[step] / W [ratio]");
        if (logScale) PlotlyKit.Log(y);
        var layout = PlotlyKit.BaseLayout(1100, 650, top: 50);
        PlotlyKit.SetAxes(layout, [(panel, x, y)]);
        layout.SetProperty("legend", PlotlyKit.Legend(0, 1.02, yAnchor: "bottom", horizontal: true));
        layout.SetProperty("showlegend", true);
        var largest = largestNodes * study.Platform.AppCoresPerNode;
        if (largest > 0)
        {
            layout.SetProperty("shapes", new[] { PlotlyKit.VerticalLine(panel, largest, "#999999", "dot") });
            layout.SetProperty("annotations", new[]
            {
                PlotlyKit.Text($"largest sweep run:<br>{Captions.Count(largest)} cores", panel.XId, panel.YId + " domain", Math.Log10(largest), 0.98,
                    xAnchor: "right", yAnchor: "top", size: 11, xShift: -4),
            });
        }

        var frame = Frames.Of(
            Frames.Text("os", points, p => p.Os),
            Frames.Integer("cores", points, p => p.Cores),
            Frames.Number("work_s", points, _ => WorkSeconds),
            Frames.Number("step_s", points, p => p.StepSeconds),
            Frames.Number("noise_free_s", points, p => p.NoiseFreeSeconds),
            Frames.Number("slowdown", points, p => p.Slowdown),
            Frames.Number("excess_slowdown_pct", points, p => p.ExcessPercent));
        return new Figure(Name, "Noise amplification of a 1 ms bulk-synchronous step vs. core count", Caption(study, points, largest, logScale),
            PlotlyKit.Assemble(traces, layout), frame, traces.Count);
    }

    private static string Caption(Study study, IReadOnlyList<Point> points, long largest, bool logScale)
    {
        string Display(string os) => OsStyle.Display(os, study.Os[os].DisplayName);
        string Sources(OsProfile os) => os.Noise.Sources.IsDefaultOrEmpty
            ? "no noise sources"
            : string.Join(" and ", os.Noise.Sources.Select(s =>
                $"{s.Name} ({Captions.Fixed(s.Rate.PerSecond, "0.###")}/s x {DurationDistribution.FormatSeconds(s.Duration.MeanSeconds)})"));
        var text = $"Closed-form slowdown E[step] / W of a bulk-synchronous step (W = {Captions.Fixed(WorkSeconds * 1e3, "0.##")} ms of compute, then an ideal " +
                   $"barrier: every core waits for the slowest) under each OS's default noise, from {Captions.Count(Cores[0])} to {Captions.Count(Cores[^1])} cores. " +
                   (logScale ? "The y axis shows the excess slowdown in % on a log scale. " : "") +
                   "A detour on any one core delays all of them, so the chance that some core is hit grows with the core count. Excess slowdown E[step] / W - 1: ";
        foreach (var os in study.Oses)
        {
            var pts = points.Where(p => p.Os == os.Name).ToArray();
            if (pts.Length == 0) continue;
            var atLargest = pts.Where(p => p.Cores >= largest).MinBy(p => p.Cores) ?? pts[^1];
            text += $"{Display(os.Name)} ({Sources(os)}) {Excess(pts[0])} at {Captions.Count(pts[0].Cores)} cores, {Excess(atLargest)} at " +
                    $"{Captions.Count(atLargest.Cores)} and {Excess(pts[^1])} at {Captions.Count(pts[^1].Cores)} cores; ";
        }
        text = text.TrimEnd(' ', ';') + ". ";
        var baseline = points.Where(p => p.Os == study.Baseline).ToArray();
        var others = points.Where(p => p.Os != study.Baseline).ToArray();
        var lwks = study.Oses.Where(o => o.Name != study.Baseline).All(o => o.IsLightweightKernel);
        if (baseline.Length > 0 && others.Length > 0)
            text += $"At {Captions.Count(Cores[^1])} cores {Display(study.Baseline)}'s excess is {Captions.Fixed(baseline[^1].ExcessPercent / Math.Max(1e-300, others.Where(p => p.Cores == Cores[^1]).Max(p => p.ExcessPercent)), "N0")} " +
                    $"times the larger {(lwks ? "LWK" : "other-OS")} excess. Once nearly every step sees some detour somewhere, the step is set by the longest detours, so rare long " +
                    "ones matter more than frequent short ones.";
        return text.TrimEnd();
    }

    private static string Excess(Point p) => Captions.Fixed(p.ExcessPercent, "G2") + "%";

    private sealed record Point(string Os, long Cores, double Slowdown, double StepSeconds, double NoiseFreeSeconds)
    {
        /// <summary>100 · (slowdown − 1).</summary>
        public double ExcessPercent => 100 * (Slowdown - 1);
    }
}
