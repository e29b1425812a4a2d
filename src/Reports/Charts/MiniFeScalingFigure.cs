using PerfModel.Reports.Content;

namespace PerfModel.Reports.Charts;

/// <summary>
/// fig5b-minife, the analogue of P18 Fig. 5b: MiniFE's figure of merit versus nodes for Linux, McKernel and mOS
/// (strong scaling: the one-node problem is divided over the nodes), log2 x, log y, with error bars from the expected
/// fastest and slowest of five runs.
/// </summary>
public static class MiniFeScalingFigure
{
    public const string Name = "fig5b-minife";
    public const string App = "minife";

    public static Figure Build(ReportData data)
    {
        var profile = data.Profiles.App(App);
        var (chart, frame, traces, points) = FomScaling.Build(data, App);
        return new Figure(Name, $"{profile.DisplayName} ({profile.Scaling.ToString().ToLowerInvariant()} scaling): figure of merit vs. nodes (Fig. 5b analogue)", Caption(profile, points), chart, frame, traces);
    }

    private static string Caption(PerfModel.Profiles.AppProfile profile, IReadOnlyList<FomScaling.Point> points)
    {
        if (points.Count == 0) return $"No {profile.DisplayName} predictions in this profile set.";
        var unit = points[0].Rows.Row.Prediction.FomUnit;
        var maxNodes = points.Max(p => p.Nodes);
        var linux = points.Where(p => p.Os == "linux").ToArray();
        var text = $"Predicted {profile.DisplayName} figure of merit ({profile.Fom.Name}, {unit}) from {Captions.Count(points.Min(p => p.Nodes))} to " +
                   $"{Captions.Count(maxNodes)} nodes" +
                   (profile.Scaling == PerfModel.Profiles.ScalingMode.Strong
                       ? $"; {profile.DisplayName} scales strongly, so each node's share of the work shrinks as 1/N while per-iteration costs that do not " +
                         "shrink (synchronisation, heap calls, noise) stay"
                       : "") +
                   ". Error bars span the expected fastest and slowest of five runs. ";
        if (linux.Length > 0)
        {
            var peak = linux.MaxBy(p => p.Fom)!;
            var last = linux.MaxBy(p => p.Nodes)!;
            text += peak.Nodes < last.Nodes
                ? $"Linux peaks at {Captions.Count(peak.Nodes)} nodes ({Captions.Number(peak.Fom)} {unit}) and drops to {Captions.Number(last.Fom)} {unit} at {Captions.Count(last.Nodes)} nodes. "
                : $"Linux reaches {Captions.Number(last.Fom)} {unit} at {Captions.Count(last.Nodes)} nodes. ";
        }
        foreach (var g in points.Where(p => p.Os != "linux" && p.Rows.Linux is not null).GroupBy(p => p.Os))
        {
            var at = g.Where(p => p.Nodes >= 1024).MinBy(p => p.Nodes) ?? g.MaxBy(p => p.Nodes)!;
            var last = g.MaxBy(p => p.Nodes)!;
            text += $"{profile.DisplayName} on {OsStyle.Display(g.Key)} reaches {Captions.Ratio(at.Relative)} Linux at {Captions.Count(at.Nodes)} nodes " +
                    $"({Captions.Ratio(last.Relative)} at {Captions.Count(last.Nodes)}) because it avoids {Captions.Drivers(at.Rows.Row.Prediction, at.Rows.Linux!.Prediction)}. ";
        }
        return text.TrimEnd();
    }
}
