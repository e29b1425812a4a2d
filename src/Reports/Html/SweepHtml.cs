using System.Globalization;
using PerfModel.Predictions;
using PerfModel.Reports.Formats;

namespace PerfModel.Reports.Html;

/// <summary>
/// A <see cref="Sweep"/> as notebook HTML: the table <c>perfmodel predict</c> prints (app, os, nodes, cores, runtime in
/// seconds, figure of merit and its unit, the ratio to the baseline OS in column vs_&lt;baseline&gt;, and the runtime by
/// mechanism in % of the runtime), at most <see cref="DefaultMaxRows"/> rows (or as many as asked), with a note saying
/// how many were left out and where the whole sweep is. Pure and deterministic; invariant culture; every text
/// HTML-escaped.
/// </summary>
public static class SweepHtml
{
    /// <summary>Rows shown by default: 50 (a notebook output stays readable; the data frame holds all of them).</summary>
    public const int DefaultMaxRows = 50;

    /// <summary>The sweep as a &lt;div class="perfmodel perfmodel-sweep"&gt;, showing the first <paramref name="maxRows"/>
    /// rows.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRows"/> is below 1.</exception>
    public static string Render(Sweep sweep, int maxRows = DefaultMaxRows)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        var mechanisms = PredictionTable.MechanismsOf(sweep.Select(r => r.Prediction));
        var sb = NotebookHtml.Begin("sweep");
        sb.Append("<table>\n<caption>")
          .Append(NotebookHtml.E($"Sweep: {NotebookHtml.Count(sweep.Count)} prediction{(sweep.Count == 1 ? "" : "s")}, baseline {sweep.Baseline}"))
          .Append("</caption>\n<thead><tr>")
          .Th("app").Th("os").Th("nodes", true).Th("cores", true).Th("runtime_s", true).Th("fom", true).Th("unit")
          .Th("vs_" + sweep.Baseline, true);
        foreach (var m in mechanisms) sb.Th(Breakdown.ColumnName(m) + "%", true);
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var r in sweep.Take(maxRows))
        {
            var p = r.Prediction;
            sb.Append("<tr>").Td(p.App).Td(p.Os).Td(NotebookHtml.Count(p.Nodes), true).Td(NotebookHtml.Count(p.Cores), true)
              .Td(NotebookHtml.General(p.Runtime.Seconds, 4), true).Td(NotebookHtml.General(p.Fom, 5), true).Td(p.FomUnit)
              .Td(r.RelativeToBaseline.ToString("0.000", CultureInfo.InvariantCulture), true);
            foreach (var m in mechanisms)
                sb.Td((100 * p.Breakdown[m].Seconds / p.Runtime.Seconds).ToString("0.0", CultureInfo.InvariantCulture), true);
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");
        if (sweep.Count > maxRows)
            sb.Note($"Showing the first {NotebookHtml.Count(maxRows)} of {NotebookHtml.Count(sweep.Count)} rows. "
                    + "All of them: sweep.ToDataFrame() (PerfModel.Reports.Tables) or PredictionTable.ToCsv(sweep).");
        sb.Note($"vs_{sweep.Baseline}: FOM ratio to {sweep.Baseline} at the same node count (> 1 = faster); mechanism columns in % of the runtime.");
        return NotebookHtml.End(sb);
    }
}
