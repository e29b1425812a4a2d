using PerfModel.Profiles;
using PerfModel.Validation;

namespace PerfModel.Reports.Html;

/// <summary>
/// A <see cref="SensitivityScan"/> as notebook HTML: one row per scanned validation row, one column for the study as
/// given and one per scanned value (in the profile file's unit, in the order scanned); each cell holds the row's status and
/// the model's number there, and a cell whose verdict differs from the study as given is highlighted. The line below
/// names the rows that change. Pure and deterministic; invariant culture; every text HTML-escaped.
/// </summary>
public static class SensitivityScanHtml
{
    /// <summary>The scan as a &lt;div class="perfmodel perfmodel-sensitivity"&gt;.</summary>
    public static string Render(SensitivityScan scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        var sb = NotebookHtml.Begin("sensitivity");
        sb.Append("<table>\n<caption>")
          .Append(NotebookHtml.E($"Sensitivity to {scan.Parameter} (as given: {Value(scan.Value)}; values in the profile file's unit)"))
          .Append("</caption>\n<thead><tr>").Th("row").Th($"as given ({Value(scan.Value)})");
        foreach (var p in scan.Points) sb.Th(Value(p.Value));
        sb.Append("</tr></thead>\n<tbody>\n");
        for (var i = 0; i < scan.Baseline.Length; i++)
        {
            var b = scan.Baseline[i];
            sb.Append("<tr>").Td(b.Id).Td(Cell(b));
            foreach (var p in scan.Points)
            {
                var r = i < p.Results.Length && p.Results[i].Id == b.Id ? p.Results[i] : p.Results.FirstOrDefault(x => x.Id == b.Id);
                if (r is null) sb.Td("");
                else if (p.Changed.Contains(b.Id)) sb.TdChanged(Cell(r));
                else sb.Td(Cell(r));
            }
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");
        var changed = scan.ChangedRows;
        sb.Note(changed.IsEmpty
            ? "No verdict changes over the scanned values."
            : $"Verdict changes (highlighted): {string.Join(", ", changed)}.");
        return NotebookHtml.End(sb);
    }

    private static string Cell(ValidationResult r) => $"{r.Status} ({r.ModelText})";

    private static string Value(double v) => NotebookHtml.General(v, 4);
}
