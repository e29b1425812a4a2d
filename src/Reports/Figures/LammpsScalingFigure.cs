using PerfModel.Descriptions;
using PerfModel.Reports.Content;

namespace PerfModel.Reports.Figures;

/// <summary>
/// fig6b-lammps, the analogue of P18 Fig. 6b: LAMMPS's figure of merit versus nodes for every OS of the study, log2 x,
/// log y, with error bars from the expected fastest and slowest of five runs.
/// </summary>
public static class LammpsScalingFigure
{
    /// <summary>File stem of the figure.</summary>
    public const string Name = "fig6b-lammps";

    /// <summary>The application shown.</summary>
    public const string App = "lammps";

    /// <summary>The figure for the report (the study must have <see cref="App"/>).</summary>
    public static Figure Build(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var profile = data.Study.App[App];
        var (chart, frame, traces, points) = FomScaling.Build(data.Sweep, App, FigureStyle.Of(data));
        return new Figure(Name, $"{profile.DisplayName}: figure of merit vs. nodes (Fig. 6b analogue)", Caption(data, profile, points), chart, frame, traces);
    }

    private static string Caption(ReportData data, AppProfile profile, IReadOnlyList<FomScaling.Point> points)
    {
        if (points.Count == 0) return $"No {profile.DisplayName} predictions in this profile set.";
        var unit = points[0].Row.Prediction.FomUnit;
        var baseline = data.Display(data.Baseline);
        var text = $"Predicted {profile.DisplayName} figure of merit ({profile.Fom.Name}, {unit}) from {Captions.Count(points.Min(p => p.Nodes))} to " +
                   $"{Captions.Count(points.Max(p => p.Nodes))} nodes, with error bars spanning the expected fastest and slowest of five runs. ";
        foreach (var g in points.Where(p => p.Os != data.Baseline).GroupBy(p => p.Os))
        {
            var one = g.MinBy(p => p.Nodes)!;
            var worst = g.MinBy(p => p.Relative)!;
            var behind = g.Where(p => p.Relative < 1).Select(p => p.Nodes).DefaultIfEmpty(0).Min();
            text += $"{data.Display(g.Key)} is at {Captions.Ratio(one.Relative)} {baseline} on {Captions.Nodes(one.Nodes)}";
            text += one.Relative >= 1 ? $", thanks to {Captions.Drivers(data, one.Row.Prediction, one.Row.Baseline)}" : "";
            text += behind > 0
                ? $", but falls behind {baseline} from {Captions.Count(behind)} nodes on (lowest {Captions.Ratio(worst.Relative)} at {Captions.Count(worst.Nodes)} nodes) because of " +
                  $"{Captions.Drivers(data, worst.Row.Prediction, worst.Row.Baseline)}. "
                : $" and stays ahead at every node count (lowest {Captions.Ratio(worst.Relative)} at {Captions.Count(worst.Nodes)} nodes). ";
        }
        var offloading = data.Study.Oses.Where(o => o.Syscalls.DeviceCallsOffloaded).Select(o => data.Display(o.Name)).ToArray();
        if (offloading.Length > 0 && profile.Syscalls.DeviceCallsPerInterNodeMessage > 0)
            text += $"{profile.DisplayName} makes {Captions.Fixed(profile.Syscalls.DeviceCallsPerInterNodeMessage, "0.##")} device-file system call{(profile.Syscalls.DeviceCallsPerInterNodeMessage == 1 ? "" : "s")} per inter-node message " +
                    $"on Omni-Path; {string.Join(" and ", offloading)} offload{(offloading.Length == 1 ? "s" : "")} them to Linux cores, so this cost grows with the " +
                    "number of inter-node messages and with queueing on the few OS cores.";
        return text.TrimEnd();
    }
}
