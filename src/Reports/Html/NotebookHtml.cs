using System.Globalization;
using System.Text;
using PerfModel.Reports.Formats;

namespace PerfModel.Reports.Html;

/// <summary>What the notebook HTML of every PerfModel type shares: one small style sheet scoped to the
/// <c>perfmodel</c> class (each output carries it, so an output looks the same wherever it is shown), HTML escaping, and
/// invariant-culture number text. Pure.</summary>
internal static class NotebookHtml
{
    /// <summary>The class of the &lt;div&gt; around every output.</summary>
    public const string RootClass = "perfmodel";

    /// <summary>The class of a cell that marks a failed check (MISS, VIOLATED) or a changed verdict.</summary>
    public const string BadClass = "perfmodel-bad";

    /// <summary>The class of a cell whose verdict differs from the study as given (a sensitivity scan).</summary>
    public const string ChangedClass = "perfmodel-changed";

    /// <summary>The class of a remark under a table.</summary>
    public const string NoteClass = "perfmodel-note";

    private const string Style =
        ".perfmodel table{border-collapse:collapse;margin:0.3em 0;font-size:0.92em}"
        + ".perfmodel caption{caption-side:top;text-align:left;padding-bottom:0.3em;font-weight:bold}"
        + ".perfmodel th,.perfmodel td{border:1px solid #c8c8c8;padding:0.2em 0.55em;vertical-align:top;text-align:left}"
        + ".perfmodel th{background:rgba(127,127,127,0.12)}"
        + ".perfmodel td.num,.perfmodel th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
        + ".perfmodel td.perfmodel-bad{background:#fde2e1;color:#a1160a}"
        + ".perfmodel td.perfmodel-changed{background:#fff3c4;color:#5c4300}"
        + ".perfmodel .perfmodel-note{color:#666;font-size:0.9em;margin:0.2em 0}";

    /// <summary>Opens the output's &lt;div class="perfmodel perfmodel-<paramref name="kind"/>"&gt; and its style sheet.</summary>
    public static StringBuilder Begin(string kind) =>
        new StringBuilder("<div class=\"").Append(RootClass).Append(' ').Append(RootClass).Append('-').Append(kind).Append("\">\n")
            .Append("<style>").Append(Style).Append("</style>\n");

    /// <summary>Closes what <see cref="Begin"/> opened and returns the HTML.</summary>
    public static string End(StringBuilder sb) => sb.Append("</div>\n").ToString();

    /// <summary>HTML-escaped text, for element content and double-quoted attributes.</summary>
    public static string E(string? text) => HtmlTable.Escape(text ?? "");

    /// <summary>A readable number: thousands separators and at most three decimals, general format for very small or
    /// large magnitudes ("8,959", "0.034", "1.234E-05").</summary>
    public static string Number(double value) => CellText.Display(value);

    /// <summary>A figure of merit: whole numbers with thousands separators from 1,000 up ("24,242,384"), otherwise as
    /// <see cref="Number"/> ("8.5", "0.034", "1.234E-05"; general format from 1E+15).</summary>
    public static string Magnitude(double value) =>
        Math.Abs(value) is >= 1000 and < 1e15 ? value.ToString("#,##0", CultureInfo.InvariantCulture) : Number(value);

    /// <summary>A count with thousands separators ("131,072").</summary>
    public static string Count(long value) => value.ToString("#,##0", CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage with one decimal ("12.3%").</summary>
    public static string Percent(double fraction) => (100 * fraction).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A number in invariant general format with <paramref name="digits"/> significant digits.</summary>
    public static string General(double value, int digits) => value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Appends &lt;th&gt; (numeric columns right-aligned).</summary>
    public static StringBuilder Th(this StringBuilder sb, string text, bool numeric = false) =>
        sb.Append(numeric ? "<th class=\"num\">" : "<th>").Append(E(text)).Append("</th>");

    /// <summary>Appends &lt;td&gt; (numeric cells right-aligned).</summary>
    public static StringBuilder Td(this StringBuilder sb, string text, bool numeric = false) =>
        sb.Append(numeric ? "<td class=\"num\">" : "<td>").Append(E(text)).Append("</td>");

    /// <summary>Appends a cell that marks a failure: class <see cref="BadClass"/> and the text in &lt;strong&gt;, so that it
    /// stands out even where the style sheet is stripped.</summary>
    public static StringBuilder TdBad(this StringBuilder sb, string text) =>
        sb.Append("<td class=\"").Append(BadClass).Append("\"><strong>").Append(E(text)).Append("</strong></td>");

    /// <summary>Appends a cell whose verdict changed: class <see cref="ChangedClass"/> and the text in &lt;strong&gt;.</summary>
    public static StringBuilder TdChanged(this StringBuilder sb, string text) =>
        sb.Append("<td class=\"").Append(ChangedClass).Append("\"><strong>").Append(E(text)).Append("</strong></td>");

    /// <summary>Appends a remark paragraph (escaped).</summary>
    public static StringBuilder Note(this StringBuilder sb, string text) =>
        sb.Append("<p class=\"").Append(NoteClass).Append("\">").Append(E(text)).Append("</p>\n");
}
