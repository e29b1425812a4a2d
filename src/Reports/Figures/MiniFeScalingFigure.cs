using PerfModel.Descriptions;
using PerfModel.Reports.Content;

namespace PerfModel.Reports.Figures;

/// <summary>
/// fig5b-minife, the analogue of P18 Fig. 5b: MiniFE's figure of merit versus nodes for every OS of the study
/// (strong scaling: the one-node problem is divided over the nodes), log2 x, log y, with error bars from the expected
/// fastest and slowest of five runs.
/// </summary>
public static class MiniFeScalingFigure
{
    /// <summary>File stem of the figure.</summary>
    public const string Name = "fig5b-minife";

    /// <summary>The application shown.</summary>
    public const string App = "minife";

    /// <summary>The figure for the report (the study must have <see cref="App"/>).</summary>
    public static Figure Build(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var profile = data.Study.App[App];
        var (chart, frame, traces, points) = FomScaling.Build(data.Sweep, App, FigureStyle.Of(data));
        return new Figure(Name, $"{profile.DisplayName} ({profile.Scaling.ToString().ToLowerInvariant()} scaling): figure of merit vs. nodes (Fig. 5b analogue)", Caption(data, profile, points), chart, frame, traces);
    }

    private static string Caption(ReportData data, AppProfile profile, IReadOnlyList<FomScaling.Point> points)
    {
        if (points.Count == 0) return $"No {profile.DisplayName} predictions in this profile set.";
        var unit = points[0].Row.Prediction.FomUnit;
        var maxNodes = points.Max(p => p.Nodes);
        var baseline = data.Display(data.Baseline);
        var baselinePoints = points.Where(p => p.Os == data.Baseline).ToArray();
        var text = $"Predicted {profile.DisplayName} figure of merit ({profile.Fom.Name}, {unit}) from {Captions.Count(points.Min(p => p.Nodes))} to " +
                   $"{Captions.Count(maxNodes)} nodes" +
                   (profile.Scaling == ScalingMode.Strong
                       ? $"; {profile.DisplayName} scales strongly, so each node's share of the work shrinks as 1/N while per-iteration costs that do not " +
                         "shrink (synchronisation, heap calls, noise) stay"
                       : "") +
                   ". Error bars span the expected fastest and slowest of five runs. ";
        if (baselinePoints.Length > 0)
        {
            var peak = baselinePoints.MaxBy(p => p.Fom)!;
            var last = baselinePoints.MaxBy(p => p.Nodes)!;
            text += peak.Nodes < last.Nodes
                ? $"{baseline} peaks at {Captions.Count(peak.Nodes)} nodes ({Captions.Number(peak.Fom)} {unit}) and drops to {Captions.Number(last.Fom)} {unit} at {Captions.Count(last.Nodes)} nodes. "
                : $"{baseline} reaches {Captions.Number(last.Fom)} {unit} at {Captions.Count(last.Nodes)} nodes. ";
        }
        foreach (var g in points.Where(p => p.Os != data.Baseline).GroupBy(p => p.Os))
        {
            var at = g.Where(p => p.Nodes >= 1024).MinBy(p => p.Nodes) ?? g.MaxBy(p => p.Nodes)!;
            var last = g.MaxBy(p => p.Nodes)!;
            text += $"{profile.DisplayName} on {data.Display(g.Key)} reaches {Captions.Ratio(at.Relative)} {baseline} at {Captions.Count(at.Nodes)} nodes " +
                    $"({Captions.Ratio(last.Relative)} at {Captions.Count(last.Nodes)}) because it avoids {Captions.Drivers(data, at.Row.Prediction, at.Row.Baseline)}. ";
        }
        return text.TrimEnd();
    }
}
