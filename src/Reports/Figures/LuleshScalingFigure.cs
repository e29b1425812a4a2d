using PerfModel.Descriptions;
using PerfModel.Reports.Content;

namespace PerfModel.Reports.Figures;

/// <summary>
/// fig6a-lulesh, the analogue of P18 Fig. 6a: Lulesh 2.0's figure of merit (zones/s) for every OS of the study at its
/// cube node counts (1, 8, 27, …, 1,728: cubic rank counts with 64 ranks per node), log x with a tick at every node count,
/// log y, with error bars from the expected fastest and slowest of five runs.
/// </summary>
public static class LuleshScalingFigure
{
    /// <summary>File stem of the figure.</summary>
    public const string Name = "fig6a-lulesh";

    /// <summary>The application shown.</summary>
    public const string App = "lulesh2";

    /// <summary>The figure for the report (the study must have <see cref="App"/>).</summary>
    public static Figure Build(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var profile = data.Study.App[App];
        var ticks = data.Sweep.Where(r => r.Prediction.App == App).Select(r => r.Prediction.Nodes).Distinct().Order().ToArray();
        var (chart, frame, traces, points) = FomScaling.Build(data.Sweep, App, FigureStyle.Of(data), ticks);
        return new Figure(Name, $"{profile.DisplayName}: figure of merit at cube node counts (Fig. 6a analogue)", Caption(data, profile, points), chart, frame, traces);
    }

    private static string Caption(ReportData data, AppProfile profile, IReadOnlyList<FomScaling.Point> points)
    {
        if (points.Count == 0) return $"No {profile.DisplayName} predictions in this profile set.";
        var unit = points[0].Row.Prediction.FomUnit;
        var baseline = data.Display(data.Baseline);
        var nodes = points.Select(p => p.Nodes).Distinct().Order().ToArray();
        var text = $"Predicted {profile.DisplayName} figure of merit ({profile.Fom.Name}, {unit}; {profile.Scaling.ToString().ToLowerInvariant()} scaling, " +
                   $"{profile.RanksPerNode} ranks per node) at the {nodes.Length} node counts {string.Join(", ", nodes.Take(3).Select(n => Captions.Count(n)))}, …, " +
                   $"{Captions.Count(nodes[^1])}, with error bars spanning the expected fastest and slowest of five runs. ";
        foreach (var g in points.Where(p => p.Os != data.Baseline).GroupBy(p => p.Os))
        {
            var one = g.MinBy(p => p.Nodes)!;
            var last = g.MaxBy(p => p.Nodes)!;
            text += $"{data.Display(g.Key)} is {Captions.Percent(100 * (one.Relative - 1), signed: true)} over {baseline} at {Captions.Nodes(one.Nodes)} and " +
                    $"{Captions.Percent(100 * (last.Relative - 1), signed: true)} at {Captions.Count(last.Nodes)} nodes ({Captions.Number(last.Fom)} vs " +
                    $"{Captions.Number(last.Fom / last.Relative)} {unit}), from {Captions.Drivers(data, last.Row.Prediction, last.Row.Baseline)}. ";
        }
        var baselineBrk = data.Study.BaselineOs.Brk;
        var lwkBrk = data.Study.Oses.Where(o => o.IsLightweightKernel).Select(o => o.Brk).ToArray();
        if (profile.Heap.GrowthsPerIteration > 0 && baselineBrk is { ShrinkReturnsMemory: true, PrefaultAtBrk: false } && lwkBrk.Length > 0 && lwkBrk.All(b => b.PrefaultAtBrk && !b.ShrinkReturnsMemory))
            text += $"The heap term comes from {profile.DisplayName}'s brk() pattern (about {Captions.Fixed(profile.Heap.GrowthsPerIteration, "0.#")} expansions and " +
                    $"{Captions.Fixed(profile.Heap.ShrinksPerIteration, "0.#")} contractions per cycle): {baseline} returns memory on every contraction and faults in and " +
                    $"zeroes the regrown {Captions.Count(baselineBrk.Page.Bytes / 1024)} KiB pages, while the LWKs keep the heap and back it with prefaulted " +
                    $"{Captions.Count(lwkBrk.Min(b => b.Page.Bytes) / 1024 / 1024)} MiB pages.";
        return text.TrimEnd();
    }
}
