using System.Collections.Immutable;
using System.Text;
using PerfModel.Validation;

namespace PerfModel.Reports.Html;

/// <summary>
/// Validation results as notebook HTML: the table of <c>perfmodel validate</c> (id, paper, model, effect error,
/// tolerance, status, notes) with a MISS or VIOLATED status highlighted, the notes spelling out the fitted parameters and
/// the knife edges of each row, each id carrying what is compared, why the tolerance is what it is and where in P18 as
/// its tooltip, and the summary line (<see cref="ValidationSummary"/>) below. Pure and deterministic; invariant culture;
/// every text HTML-escaped.
/// </summary>
public static class ValidationHtml
{
    /// <summary>The statuses that mark a failed check: "MISS" (a number outside its tolerance) and "VIOLATED" (a shape).</summary>
    public static readonly ImmutableArray<string> FailedStatuses = ["MISS", "VIOLATED"];

    /// <summary>The results as a &lt;div class="perfmodel perfmodel-validation"&gt;, rows in the order given.</summary>
    public static string Render(IEnumerable<ValidationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var list = results.ToArray();
        var sb = NotebookHtml.Begin("validation");
        sb.Append("<table>\n<caption>")
          .Append(NotebookHtml.E($"Paper validation: {list.Length} row{(list.Length == 1 ? "" : "s")}, compared on the size of each effect"))
          .Append("</caption>\n<thead><tr>")
          .Th("id").Th("paper", true).Th("model", true).Th("effect error", true).Th("tolerance", true).Th("status").Th("notes")
          .Append("</tr></thead>\n<tbody>\n");
        foreach (var r in list)
        {
            sb.Append("<tr><td title=\"").Append(NotebookHtml.E($"{r.Quantity}. {r.Target.ToleranceReason}. [{r.Source}]")).Append("\">")
              .Append(NotebookHtml.E(r.Id)).Append("</td>")
              .Td(r.Target.PaperText, true).Td(r.ModelText, true).Td(r.ErrorText, true).Td(r.Target.ToleranceText, true);
            if (FailedStatuses.Contains(r.Status)) sb.TdBad(r.Status);
            else sb.Td(r.Status);
            AppendNotes(sb, r);
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");
        if (list.Length > 0) sb.Note(ValidationSummary.Of(list).ToString());
        return NotebookHtml.End(sb);
    }

    private static void AppendNotes(StringBuilder sb, ValidationResult r)
    {
        var notes = new List<string>();
        if (r.Fitted) notes.Add("fitted: " + string.Join("; ", r.Target.FittedParameters.Select(p => p.ToString())));
        var edges = r.KnifeEdges.IsDefault ? [] : r.KnifeEdges;
        notes.AddRange(edges.Select(k => "knife edge: " + k));
        sb.Append("<td>").AppendJoin("<br>", notes.Select(NotebookHtml.E)).Append("</td>");
    }
}
