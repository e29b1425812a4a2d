using Plotly.NET;
using PerfModel.Descriptions;
using PerfModel.Memory;
using PerfModel.Reports.Content;
using PerfModel.Validation;
using Figure = PerfModel.Reports.Content.Figure;

namespace PerfModel.Reports.Figures;

/// <summary>
/// fig5a-ccsqcd, the analogue of P18 Fig. 5a: CCS-QCD's improvement over the baseline OS, 100 · (FOM ratio − 1), for the
/// other OSes (McKernel and mOS over Linux in the defaults) versus nodes (log2 x), with error bars from the expected
/// fastest and slowest of five runs (<see cref="ReportData.RelativeRange(PerfModel.SweepRow, PerfModel.SweepRow)"/>).
/// CCS-QCD's footprint does not fit MCDRAM, so Linux (SNC-4, one preferred NUMA domain) runs from DDR4 only while the
/// LWKs fill MCDRAM first and spill the rest.
/// </summary>
public static class CcsQcdImprovementFigure
{
    /// <summary>File stem of the figure.</summary>
    public const string Name = "fig5a-ccsqcd";

    /// <summary>The application shown.</summary>
    public const string App = "ccs-qcd";

    /// <summary>The figure for the report (the study must have <see cref="App"/>).</summary>
    public static Figure Build(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var profile = data.Study.App[App];
        var baselineName = data.Display(data.Baseline);
        var baseline = data.BaselineRows(App).ToDictionary(r => r.Prediction.Nodes);
        var panel = Panel.Single;
        var traces = new List<Trace>();
        var points = new List<Point>();
        foreach (var os in data.OtherOses)
        {
            var pts = data.Rows(App, os).Where(r => baseline.ContainsKey(r.Prediction.Nodes)).Select(r =>
            {
                var (lo, hi) = ReportData.RelativeRange(r, baseline[r.Prediction.Nodes]);
                var rel = r.RelativeToBaseline;
                return new Point(os, r.Prediction.Nodes, r.Prediction.Cores, 100 * (rel - 1), 100 * (Math.Min(lo, rel) - 1), 100 * (Math.Max(hi, rel) - 1), rel, r, baseline[r.Prediction.Nodes]);
            }).ToArray();
            if (pts.Length == 0) continue;
            points.AddRange(pts);
            var colour = data.Colour(os);
            var trace = PlotlyKit.Scatter(new SeriesStyle(data.Display(os), os, colour, ShowLegend: true), panel,
                pts.Select(p => (double)p.Nodes).ToArray(), pts.Select(p => p.ImprovementPercent).ToArray());
            PlotlyKit.WithYErrors(trace, pts.Select(p => p.MaxPercent - p.ImprovementPercent).ToArray(), pts.Select(p => p.ImprovementPercent - p.MinPercent).ToArray(), colour);
            PlotlyKit.WithHover(trace, $"{data.Display(os)}, %{{x}} nodes: %{{y:+.1f}}% over {baselineName} (5 runs: %{{customdata[0]:+.1f}}% to %{{customdata[1]:+.1f}}%)",
                pts.Select(p => new[] { p.MinPercent, p.MaxPercent }).ToArray());
            traces.Add(trace);
        }

        var nodes = points.Select(p => p.Nodes).DefaultIfEmpty(1).ToArray();
        var x = PlotlyKit.Log2(PlotlyKit.Axis(panel, isX: true, "nodes"), nodes.Min() / 1.35, nodes.Max() * 1.35);
        var top = points.Select(p => p.MaxPercent).DefaultIfEmpty(10).Max();
        var bottom = Math.Min(0, points.Select(p => p.MinPercent).DefaultIfEmpty(0).Min());
        var y = PlotlyKit.Linear(PlotlyKit.Axis(panel, isX: false, $"improvement over {baselineName} [%]"), bottom - 2, Math.Ceiling((top + 3) / 5) * 5);
        var layout = PlotlyKit.BaseLayout(1100, 650, top: 50);
        PlotlyKit.SetAxes(layout, [(panel, x, y)]);
        layout.SetProperty("legend", PlotlyKit.Legend(0, 1.02, yAnchor: "bottom", horizontal: true));
        layout.SetProperty("showlegend", true);
        layout.SetProperty("shapes", new[] { PlotlyKit.HorizontalLine(panel, 0) });
        var regime = baseline.Values.Select(r => r.Prediction.Terms.Find<MemoryTerm>()?.Regime).FirstOrDefault();
        layout.SetProperty("annotations", new[]
        {
            PlotlyKit.Text($"{baselineName}: {RegimeText(data.Study.Platform, regime)}", panel.XId + " domain", panel.YId, 0.01, 0, xAnchor: "left", yAnchor: "bottom", size: 11,
                colour: data.Colour(data.Baseline), yShift: 2),
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
        return new Figure(Name, $"{profile.DisplayName}: improvement of the {(data.OtherOses.All(o => data.Study.Os[o].IsLightweightKernel) ? "LWKs" : "other OSes")} over {baselineName} (Fig. 5a analogue)",
            Caption(data, profile, points), PlotlyKit.Assemble(traces, layout), frame, traces.Count);
    }

    /// <summary>Where the memory of a placement regime lives: "DDR4 only", "MCDRAM only", "MCDRAM + DDR4 spill".</summary>
    private static string RegimeText(Platform platform, PlacementRegime? regime) => regime switch
    {
        PlacementRegime.DdrOnly or PlacementRegime.NoHbm => $"{platform.Ddr.Name} only",
        PlacementRegime.FitsHbm => $"{platform.Hbm?.Name ?? "HBM"} only",
        PlacementRegime.SpillsToDdr => $"{platform.Hbm?.Name ?? "HBM"} + {platform.Ddr.Name} spill",
        _ => "placement unknown",
    };

    private static string Caption(ReportData data, AppProfile profile, IReadOnlyList<Point> points)
    {
        if (points.Count == 0) return $"No {profile.DisplayName} predictions in this profile set.";
        var hbm = data.Study.Platform.Hbm;
        var baselineOs = data.Study.BaselineOs;
        var baseline = data.Display(data.Baseline);
        var nodeFootprint = profile.FootprintPerRank.Bytes * profile.RanksPerNode;
        var gib = 1024.0 * 1024 * 1024;
        var first = points.Min(p => p.Nodes);
        var baselineRow = points[0].Baseline.Prediction;
        var memory = baselineRow.Terms.Find<MemoryTerm>();
        var regime = memory is null ? "?" : PerfModel.Reports.Formats.PredictionTable.Kebab(memory.Regime.ToString());
        string HbmShare(PerfModel.Predictions.Prediction p) => Captions.Percent(100 * (p.Terms.Find<MemoryTerm>()?.HbmFraction ?? 0));
        var text = $"Predicted improvement of {profile.DisplayName} over {baseline}, 100 x (FOM ratio - 1), from {Captions.Count(first)} to " +
                   $"{Captions.Count(points.Max(p => p.Nodes))} nodes, with error bars spanning the expected fastest and slowest of five runs. " +
                   $"{baseline} runs from {RegimeText(data.Study.Platform, memory?.Regime)}: {profile.RanksPerNode} ranks x {Captions.Fixed(profile.FootprintPerRank.Bytes / gib, "0.##")} GiB = " +
                   $"{Captions.Fixed(nodeFootprint / gib, "0.#")} GiB per node";
        text += hbm is null
            ? " and the platform has no MCDRAM"
            : baselineOs.Placement.Policy == PlacementPolicy.HbmIfFitsElseDdr
                ? $" does not fit the {Captions.Fixed(baselineOs.Placement.HbmUsableFraction * hbm.Capacity.Bytes / gib, "0.#")} GiB of usable MCDRAM, and in SNC-4 mode " +
                  $"numactl can prefer only one of the four MCDRAM domains, so the model's {baseline} placement is '{regime}' " +
                  $"(MCDRAM share of the traffic {HbmShare(baselineRow)})"
                : $"; the model's {baseline} placement is '{regime}' (MCDRAM share of the traffic {HbmShare(baselineRow)})";
        var others = points.Select(p => p.Os).Distinct().Select(data.Display).ToArray();
        text += $", while {string.Join(" and ", others)} fill MCDRAM first and spill the rest to DDR4";
        var shares = points.Where(p => p.Nodes == first).Select(p => $"{data.Display(p.Os)} {HbmShare(p.Row.Prediction)}");
        text += $" (MCDRAM share of the traffic: {string.Join(", ", shares)}). ";
        foreach (var g in points.GroupBy(p => p.Os))
        {
            var best = g.MaxBy(p => p.ImprovementPercent)!;
            var one = g.MinBy(p => p.Nodes)!;
            text += $"{data.Display(g.Key)} gains {Captions.Percent(one.ImprovementPercent, signed: true)} at {Captions.Nodes(one.Nodes)} and up to " +
                    $"{Captions.Percent(best.ImprovementPercent, signed: true)} at {Captions.Count(best.Nodes)} nodes, from {Captions.Drivers(data, best.Row.Prediction, best.Baseline.Prediction)}. ";
        }
        var mck = points.Where(p => p.Os == PaperTargets.McKernel).Select(p => p.ImprovementPercent).DefaultIfEmpty(double.NaN).Max();
        var mos = points.Where(p => p.Os == PaperTargets.Mos).Select(p => p.ImprovementPercent).DefaultIfEmpty(double.NaN).Max();
        if (mck > mos)
            text += "McKernel stays ahead of mOS because its demand-paging fallback fills the rest of MCDRAM with smaller pages, whereas mOS's per-rank " +
                    "split maps only physically contiguous memory and strands part of each rank's MCDRAM share.";
        return text.TrimEnd();
    }

    private sealed record Point(string Os, int Nodes, long Cores, double ImprovementPercent, double MinPercent, double MaxPercent, double Relative,
        PerfModel.SweepRow Row, PerfModel.SweepRow Baseline);
}
