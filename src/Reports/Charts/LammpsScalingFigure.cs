using PerfModel.Reports.Content;

namespace PerfModel.Reports.Charts;

/// <summary>
/// fig6b-lammps, the analogue of P18 Fig. 6b: LAMMPS's figure of merit versus nodes for Linux, McKernel and mOS, log2 x,
/// log y, with error bars from the expected fastest and slowest of five runs.
/// </summary>
public static class LammpsScalingFigure
{
    public const string Name = "fig6b-lammps";
    public const string App = "lammps";

    public static Figure Build(ReportData data)
    {
        var profile = data.Profiles.App(App);
        var (chart, frame, traces, points) = FomScaling.Build(data, App);
        return new Figure(Name, $"{profile.DisplayName}: figure of merit vs. nodes (Fig. 6b analogue)", Caption(data, profile, points), chart, frame, traces);
    }

    private static string Caption(ReportData data, PerfModel.Profiles.AppProfile profile, IReadOnlyList<FomScaling.Point> points)
    {
        if (points.Count == 0) return $"No {profile.DisplayName} predictions in this profile set.";
        var unit = points[0].Rows.Row.Prediction.FomUnit;
        var text = $"Predicted {profile.DisplayName} figure of merit ({profile.Fom.Name}, {unit}) from {Captions.Count(points.Min(p => p.Nodes))} to " +
                   $"{Captions.Count(points.Max(p => p.Nodes))} nodes, with error bars spanning the expected fastest and slowest of five runs. ";
        foreach (var g in points.Where(p => p.Os != "linux" && p.Rows.Linux is not null).GroupBy(p => p.Os))
        {
            var one = g.MinBy(p => p.Nodes)!;
            var worst = g.MinBy(p => p.Relative)!;
            var behind = g.Where(p => p.Relative < 1).Select(p => p.Nodes).DefaultIfEmpty(0).Min();
            text += $"{OsStyle.Display(g.Key)} is at {Captions.Ratio(one.Relative)} Linux on {Captions.Nodes(one.Nodes)}";
            text += one.Relative >= 1 ? $", thanks to {Captions.Drivers(one.Rows.Row.Prediction, one.Rows.Linux!.Prediction)}" : "";
            text += behind > 0
                ? $", but falls behind Linux from {Captions.Count(behind)} nodes on (lowest {Captions.Ratio(worst.Relative)} at {Captions.Count(worst.Nodes)} nodes) because of " +
                  $"{Captions.Drivers(worst.Rows.Row.Prediction, worst.Rows.Linux!.Prediction)}. "
                : $" and stays ahead at every node count (lowest {Captions.Ratio(worst.Relative)} at {Captions.Count(worst.Nodes)} nodes). ";
        }
        var offloading = data.Profiles.Oses.Where(o => o.Syscalls.DeviceCallsOffloaded).Select(o => OsStyle.Display(o.Name)).ToArray();
        if (offloading.Length > 0 && profile.Syscalls.DeviceCallsPerInterNodeMessage > 0)
            text += $"{profile.DisplayName} makes {Captions.Fixed(profile.Syscalls.DeviceCallsPerInterNodeMessage, "0.##")} device-file system call{(profile.Syscalls.DeviceCallsPerInterNodeMessage == 1 ? "" : "s")} per inter-node message " +
                    $"on Omni-Path; {string.Join(" and ", offloading)} offload{(offloading.Length == 1 ? "s" : "")} them to Linux cores, so this cost grows with the " +
                    "number of inter-node messages and with queueing on the few OS cores.";
        return text.TrimEnd();
    }
}
