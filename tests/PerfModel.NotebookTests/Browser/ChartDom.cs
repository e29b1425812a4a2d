using System.Text.RegularExpressions;

namespace PerfModel.NotebookTests.Browser;

/// <summary>Reads an HTML page or a DOM dumped by headless Chromium: the PerfModel chart divs
/// (<c>&lt;div class="perfmodel-chart" id=…&gt;</c>, drawn by <c>Plotly.newPlot</c>) and whether each holds the SVG
/// plotly.js draws (<c>&lt;svg class="main-svg"&gt;</c>), and any script loaded from the network.</summary>
internal static partial class ChartDom
{
    /// <summary>One chart div: its id and whether plotly.js drew into it.</summary>
    public sealed record Chart(string Id, bool Drew);

    /// <summary>Every perfmodel-chart div of <paramref name="html"/>, in order. A div's extent is found by balancing
    /// its nested div tags, so a chart that did not draw is not credited with the SVG of the next one.</summary>
    public static IReadOnlyList<Chart> Charts(string html) =>
        ChartDiv().Matches(html).Select(m =>
        {
            var id = Regex.Match(m.Value, "\\bid=\"([^\"]*)\"") is { Success: true } a ? a.Groups[1].Value : "(no id)";
            var inner = html[m.Index..ElementEnd(html, m.Index + m.Length)];
            return new Chart(id, MainSvg().IsMatch(inner));
        }).ToArray();

    /// <summary>The opening tags of scripts whose src is an http(s) URL (or protocol-relative): none may exist offline.</summary>
    public static IReadOnlyList<string> RemoteScripts(string html) => RemoteScript().Matches(html).Select(m => m.Value).ToArray();

    /// <summary>Where the div opened just before <paramref name="from"/> closes (the end of the text if it never does).</summary>
    private static int ElementEnd(string html, int from)
    {
        var depth = 1;
        foreach (Match tag in DivTag().Matches(html, from))
        {
            depth += tag.Groups[1].Value == "/" ? -1 : 1;
            if (depth == 0) return tag.Index;
        }
        return html.Length;
    }

    [GeneratedRegex("<div\\b[^>]*\\bclass=\"[^\"]*\\bperfmodel-chart\\b[^\"]*\"[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ChartDiv();

    [GeneratedRegex("<(/?)div\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex DivTag();

    [GeneratedRegex("<svg\\b[^>]*\\bclass=\"[^\"]*\\bmain-svg\\b", RegexOptions.IgnoreCase)]
    private static partial Regex MainSvg();

    [GeneratedRegex("<script\\b[^>]*\\bsrc\\s*=\\s*[\"']?\\s*(?:https?:)?//[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteScript();
}
