using PerfModel.Profiles;

namespace PerfModel.Predictions;

/// <summary>Runs the predictor over applications × OSes × node counts, each row with its ratio to the Linux baseline.
/// Deterministic: rows come in the order of the inputs (application, then OS, then nodes).</summary>
public static class Sweep
{
    /// <param name="platform">Platform.</param>
    /// <param name="linux">Baseline OS for <see cref="SweepRow.RelativeToLinux"/>.</param>
    /// <param name="oses">OSes to predict.</param>
    /// <param name="apps">Applications.</param>
    /// <param name="nodesFor">Node counts for an application (e.g. its defaults).</param>
    public static IReadOnlyList<SweepRow> Run(Platform platform, OsProfile linux, IEnumerable<OsProfile> oses, IEnumerable<AppProfile> apps, Func<AppProfile, IEnumerable<int>> nodesFor)
    {
        var osList = oses.ToArray();
        var rows = new List<SweepRow>();
        foreach (var app in apps)
        {
            var nodeList = nodesFor(app).ToArray();
            var baselines = nodeList.Select(n => Predictor.Predict(platform, linux, app, n)).ToArray();
            foreach (var os in osList)
                for (var i = 0; i < nodeList.Length; i++)
                {
                    var p = ReferenceEquals(os, linux) ? baselines[i] : Predictor.Predict(platform, os, app, nodeList[i]);
                    rows.Add(new SweepRow(p, p.RelativeTo(baselines[i])));
                }
        }
        return rows;
    }
}
