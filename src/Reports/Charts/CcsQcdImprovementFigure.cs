using Plotly.NET;
using PerfModel.Profiles;
using PerfModel.Reports.Content;
using Figure = PerfModel.Reports.Content.Figure;

namespace PerfModel.Reports.Charts;

/// <summary>
/// fig5a-ccsqcd, the analogue of P18 Fig. 5a: CCS-QCD's improvement over Linux, 100 · (FOM ratio − 1), for McKernel and
/// mOS versus nodes (log2 x), with error bars from the expected fastest and slowest of five runs
/// (<see cref="ReportData.RelativeRange"/>). CCS-QCD's footprint does not fit MCDRAM, so Linux (SNC-4, one preferred
/// NUMA domain) runs from DDR4 only while the LWKs fill MCDRAM first and spill the rest.
/// </summary>
public static class CcsQcdImprovementFigure
{
    public const string Name = "fig5a-ccsqcd";
    public const string App = "ccs-qcd";

    public static Figure Build(ReportData data)
    {
        var profile = data.Profiles.App(App);
        var linux = data.Rows(App, "linux").ToDictionary(r => r.Prediction.Nodes);
        var panel = Panel.Single;
        var traces = new List<Trace>();
        var points = new List<Point>();
        foreach (var os in data.Profiles.Oses.Select(o => o.Name).Where(o => o != "linux"))
        {
            var pts = data.Rows(App, os).Where(r => linux.ContainsKey(r.Prediction.Nodes)).Select(r =>
            {
                var (lo, hi) = ReportData.RelativeRange(r, linux[r.Prediction.Nodes]);
                var rel = r.RelativeToLinux;
                return new Point(os, r.Prediction.Nodes, r.Prediction.Cores, 100 * (rel - 1), 100 * (Math.Min(lo, rel) - 1), 100 * (Math.Max(hi, rel) - 1), rel, r, linux[r.Prediction.Nodes]);
            }).ToArray();
            if (pts.Length == 0) continue;
            points.AddRange(pts);
            var colour = OsStyle.Colour(os);
            var trace = PlotlyKit.Scatter(new SeriesStyle(OsStyle.Display(os), os, colour, ShowLegend: true), panel,
                pts.Select(p => (double)p.Nodes).ToArray(), pts.Select(p => p.ImprovementPercent).ToArray());
            PlotlyKit.WithYErrors(trace, pts.Select(p => p.MaxPercent - p.ImprovementPercent).ToArray(), pts.Select(p => p.ImprovementPercent - p.MinPercent).ToArray(), colour);
            PlotlyKit.WithHover(trace, $"{OsStyle.Display(os)}, %{{x}} nodes: %{{y:+.1f}}% over Linux (5 runs: %{{customdata[0]:+.1f}}% to %{{customdata[1]:+.1f}}%)",
                pts.Select(p => new[] { p.MinPercent, p.MaxPercent }).ToArray());
            traces.Add(trace);
        }

        var nodes = points.Select(p => p.Nodes).DefaultIfEmpty(1).ToArray();
        var x = PlotlyKit.Log2(PlotlyKit.Axis(panel, isX: true, "nodes"), nodes.Min() / 1.35, nodes.Max() * 1.35);
        var top = points.Select(p => p.MaxPercent).DefaultIfEmpty(10).Max();
        var bottom = Math.Min(0, points.Select(p => p.MinPercent).DefaultIfEmpty(0).Min());
        var y = PlotlyKit.Linear(PlotlyKit.Axis(panel, isX: false, "improvement over Linux [%]"), bottom - 2, Math.Ceiling((top + 3) / 5) * 5);
        var layout = PlotlyKit.BaseLayout(1100, 650, top: 50);
        PlotlyKit.SetAxes(layout, [(panel, x, y)]);
        layout.SetProperty("legend", PlotlyKit.Legend(0, 1.02, yAnchor: "bottom", horizontal: true));
        layout.SetProperty("showlegend", true);
        layout.SetProperty("shapes", new[] { PlotlyKit.HorizontalLine(panel, 0) });
        layout.SetProperty("annotations", new[]
        {
            PlotlyKit.Text("Linux: DDR4 only", panel.XId + " domain", panel.YId, 0.01, 0, xAnchor: "left", yAnchor: "bottom", size: 11, colour: OsStyle.Colour("linux"), yShift: 2),
        });

        var frame = Frames.Of(
            Frames.Text("app", points, _ => App),
            Frames.Text("os", points, p => p.Os),
            Frames.Integer("nodes", points, p => p.Nodes),
            Frames.Integer("cores", points, p => p.Cores),
            Frames.Number("improvement_pct", points, p => p.ImprovementPercent),
            Frames.Number("improvement_min_pct", points, p => p.MinPercent),
            Frames.Number("improvement_max_pct", points, p => p.MaxPercent),
            Frames.Number("relative", points, p => p.Relative));
        return new Figure(Name, $"{profile.DisplayName}: improvement of the LWKs over Linux (Fig. 5a analogue)", Caption(data, profile, points),
            PlotlyKit.Assemble(traces, layout), frame, traces.Count);
    }

    private static string Caption(ReportData data, AppProfile profile, IReadOnlyList<Point> points)
    {
        if (points.Count == 0) return $"No {profile.DisplayName} predictions in this profile set.";
        var hbm = data.Profiles.Platform.Hbm;
        var linuxOs = data.Profiles.Os("linux");
        var nodeFootprint = profile.FootprintBytesPerRank * profile.RanksPerNode;
        var gib = 1024.0 * 1024 * 1024;
        var first = points.Min(p => p.Nodes);
        var linuxRow = points[0].Linux.Prediction;
        var regime = linuxRow.Regimes.GetValueOrDefault("placement", "?");
        var text = $"Predicted improvement of {profile.DisplayName} over Linux, 100 x (FOM ratio - 1), from {Captions.Count(first)} to " +
                   $"{Captions.Count(points.Max(p => p.Nodes))} nodes, with error bars spanning the expected fastest and slowest of five runs. " +
                   $"Linux runs from DDR4 only: {profile.RanksPerNode} ranks x {Captions.Fixed(profile.FootprintBytesPerRank / gib, "0.##")} GiB = " +
                   $"{Captions.Fixed(nodeFootprint / gib, "0.#")} GiB per node";
        text += hbm is null
            ? " and the platform has no MCDRAM"
            : $" does not fit the {Captions.Fixed(linuxOs.Placement.HbmUsableFraction * hbm.CapacityBytes / gib, "0.#")} GiB of usable MCDRAM, and in SNC-4 mode " +
              $"numactl can prefer only one of the four MCDRAM domains, so the model's Linux placement is '{regime}' " +
              $"(MCDRAM share of the traffic {Captions.Percent(100 * linuxRow.Diagnostics.GetValueOrDefault("hbmFraction"))})";
        text += ", while McKernel and mOS fill MCDRAM first and spill the rest to DDR4";
        var lwkShares = points.Where(p => p.Nodes == first).Select(p =>
            $"{OsStyle.Display(p.Os)} {Captions.Percent(100 * p.Row.Prediction.Diagnostics.GetValueOrDefault("hbmFraction"))}");
        text += $" (MCDRAM share of the traffic: {string.Join(", ", lwkShares)}). ";
        foreach (var g in points.GroupBy(p => p.Os))
        {
            var best = g.MaxBy(p => p.ImprovementPercent)!;
            var one = g.MinBy(p => p.Nodes)!;
            text += $"{OsStyle.Display(g.Key)} gains {Captions.Percent(one.ImprovementPercent, signed: true)} at {Captions.Nodes(one.Nodes)} and up to " +
                    $"{Captions.Percent(best.ImprovementPercent, signed: true)} at {Captions.Count(best.Nodes)} nodes, from {Captions.Drivers(best.Row.Prediction, best.Linux.Prediction)}. ";
        }
        var mck = points.Where(p => p.Os == "mckernel").Select(p => p.ImprovementPercent).DefaultIfEmpty(double.NaN).Max();
        var mos = points.Where(p => p.Os == "mos").Select(p => p.ImprovementPercent).DefaultIfEmpty(double.NaN).Max();
        if (mck > mos)
            text += "McKernel stays ahead of mOS because its demand-paging fallback fills the rest of MCDRAM with smaller pages, whereas mOS's per-rank " +
                    "split maps only physically contiguous memory and strands part of each rank's MCDRAM share.";
        return text.TrimEnd();
    }

    private sealed record Point(string Os, int Nodes, long Cores, double ImprovementPercent, double MinPercent, double MaxPercent, double Relative,
        PerfModel.Predictions.SweepRow Row, PerfModel.Predictions.SweepRow Linux);
}
