using System.Text;
using PerfModel.Predictions;

namespace PerfModel.Reports.Html;

/// <summary>
/// A <see cref="Breakdown"/> as notebook HTML: one row per mechanism the breakdown holds, in breakdown order (compute,
/// memory, TLB, heap, noise, communication, system calls, other), with its time in the run and its share of the runtime,
/// then the total. Pure and deterministic; invariant culture; every text HTML-escaped.
/// <code>
/// BreakdownHtml.Render(study.Predict("minife", "linux", 1024).Breakdown)
/// </code>
/// </summary>
public static class BreakdownHtml
{
    /// <summary>The breakdown as a &lt;div class="perfmodel perfmodel-breakdown"&gt; holding its table.</summary>
    public static string Render(Breakdown breakdown)
    {
        ArgumentNullException.ThrowIfNull(breakdown);
        var sb = NotebookHtml.Begin("breakdown");
        AppendTable(sb, breakdown, "Runtime by mechanism");
        return NotebookHtml.End(sb);
    }

    /// <summary>Appends the table: mechanism, time (in the run), share (of <see cref="Breakdown.Total"/>), then a total row.</summary>
    internal static void AppendTable(StringBuilder sb, Breakdown breakdown, string caption)
    {
        var total = breakdown.Total.Seconds;
        sb.Append("<table class=\"perfmodel-breakdown-table\">\n<caption>").Append(NotebookHtml.E(caption)).Append("</caption>\n")
          .Append("<thead><tr>").Th("mechanism").Th("time", numeric: true).Th("share", numeric: true).Append("</tr></thead>\n<tbody>\n");
        foreach (var m in breakdown.Mechanisms)
        {
            var t = breakdown[m];
            sb.Append("<tr>").Td(Breakdown.ColumnName(m)).Td(t.ToString(), numeric: true)
              .Td(total > 0 ? NotebookHtml.Percent(t.Seconds / total) : "", numeric: true).Append("</tr>\n");
        }
        sb.Append("</tbody>\n<tfoot><tr>").Th("total").Th(breakdown.Total.ToString(), numeric: true).Th(total > 0 ? "100.0%" : "", numeric: true)
          .Append("</tr></tfoot>\n</table>\n");
    }
}
