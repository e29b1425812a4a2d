using System.Text;
using PerfModel.Predictions;
using PerfModel.Reports.Formats;

namespace PerfModel.Reports.Html;

/// <summary>
/// A <see cref="Prediction"/> as notebook HTML: a summary (application and OS with their display names, nodes, ranks and
/// cores, runtime, figure of merit, time per iteration, the expected fastest / median / slowest of five runs, the run's
/// standard deviation, the discrete regimes) and the runtime by mechanism as a small table (<see cref="BreakdownHtml"/>),
/// then the prediction's notes. A single prediction has no baseline, so no ratio is shown (a <see cref="Sweep"/> has one).
/// Pure and deterministic; invariant culture; every text HTML-escaped.
/// </summary>
public static class PredictionHtml
{
    /// <summary>The prediction as a &lt;div class="perfmodel perfmodel-prediction"&gt;.</summary>
    public static string Render(Prediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var p = prediction;
        var sb = NotebookHtml.Begin("prediction");
        var app = p.Scenario.App.DisplayName == p.App ? p.App : $"{p.Scenario.App.DisplayName} ({p.App})";
        var os = p.Scenario.Os.DisplayName == p.Os ? p.Os : $"{p.Scenario.Os.DisplayName} ({p.Os})";
        sb.Append("<table class=\"perfmodel-summary\">\n<caption>")
          .Append(NotebookHtml.E($"{app} on {os}, {NotebookHtml.Count(p.Nodes)} node{(p.Nodes == 1 ? "" : "s")}"))
          .Append("</caption>\n<tbody>\n");
        Row(sb, "runtime", p.Runtime.ToString());
        Row(sb, "figure of merit", $"{NotebookHtml.Magnitude(p.Fom)} {p.FomUnit} ({(p.HigherIsBetter ? "higher" : "lower")} is better)");
        Row(sb, "time per iteration", p.PerIteration.ToString());
        Row(sb, $"expected fastest / median / slowest of {p.Spread.Runs} runs", $"{p.Spread.Min} / {p.Spread.Median} / {p.Spread.Max}");
        Row(sb, "run-to-run standard deviation of the noise", p.RunStandardDeviation.ToString());
        var sigma = p.Scenario.Platform.Network.RunToRunLogSd;
        if (sigma > 0 && p.CommunicationPerRun.Seconds > 0)
            Row(sb, "communication each run scales by its own factor", FormattableString.Invariant($"{p.CommunicationPerRun} (log-normal, σ = {sigma:0.###})"));
        Row(sb, "ranks, cores", $"{NotebookHtml.Count(p.Ranks)} ranks, {NotebookHtml.Count(p.Cores)} cores");
        var regimes = PredictionTable.Regimes(p);
        if (regimes.Count > 0) Row(sb, "regimes", string.Join("; ", regimes.Select(kv => $"{kv.Key}: {kv.Value}")));
        sb.Append("</tbody>\n</table>\n");
        BreakdownHtml.AppendTable(sb, p.Breakdown, "Runtime by mechanism");
        foreach (var note in p.Notes) sb.Note("Note: " + note);
        return NotebookHtml.End(sb);
    }

    private static void Row(StringBuilder sb, string name, string value) =>
        sb.Append("<tr>").Th(name).Td(value, numeric: true).Append("</tr>\n");
}
