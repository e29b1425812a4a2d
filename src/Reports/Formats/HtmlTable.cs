using System.Net;
using System.Text;
using Microsoft.Data.Analysis;
using PerfModel.Reports.Content;

namespace PerfModel.Reports.Formats;

/// <summary>Renders a DataFrame as an HTML &lt;table&gt;: one header row of column names, numbers right-aligned with
/// thousands separators and at most three decimals (the CSV keeps full precision), every text HTML-escaped.
/// Pure, deterministic, invariant culture.</summary>
public static class HtmlTable
{
    /// <summary>The table with its caption (&lt;caption&gt;) and id "table-&lt;name&gt;".</summary>
    public static string Render(ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Render(table.Data, table.Caption, "table-" + table.Name);
    }

    /// <summary>The frame as a &lt;table&gt; with an optional &lt;caption&gt; and element id.</summary>
    public static string Render(DataFrame frame, string? caption = null, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var numeric = frame.Columns.Select(CellText.IsNumeric).ToArray();
        var sb = new StringBuilder();
        sb.Append("<table");
        if (id is not null) sb.Append(" id=\"").Append(Escape(id)).Append('"');
        sb.Append(">\n");
        if (!string.IsNullOrEmpty(caption)) sb.Append("<caption>").Append(Escape(caption)).Append("</caption>\n");
        sb.Append("<thead><tr>");
        for (var c = 0; c < frame.Columns.Count; c++)
            sb.Append(numeric[c] ? "<th class=\"num\">" : "<th>").Append(Escape(frame.Columns[c].Name)).Append("</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        for (long r = 0; r < frame.Rows.Count; r++)
        {
            sb.Append("<tr>");
            for (var c = 0; c < frame.Columns.Count; c++)
                sb.Append(numeric[c] ? "<td class=\"num\">" : "<td>").Append(Escape(CellText.Display(frame.Columns[c][r]))).Append("</td>");
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");
        return sb.ToString();
    }

    /// <summary>HTML-escapes text for element content and double-quoted attributes (&amp; &lt; &gt; &quot; &#39;).</summary>
    public static string Escape(string text) => WebUtility.HtmlEncode(text);
}
