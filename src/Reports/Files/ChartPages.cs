using System.Text;
using System.Text.RegularExpressions;
using PerfModel.Profiles.Files;
using PerfModel.Reports.Formats;
using PerfModel.Reports.Html;
using GenericChart = Plotly.NET.GenericChart;

namespace PerfModel.Reports.Files;

/// <summary>
/// Charts as standalone HTML pages, one file each (<c>&lt;name&gt;.html</c>): a title, the chart drawn from its figure JSON
/// by the plotly.js that Plotly.NET embeds, inline (<see cref="ChartHtml.Render"/>; nothing remote, as the report's
/// index.html), and a caption. The pages are written all or nothing through one <see cref="AtomicFileSet"/>. The page
/// text is pure and deterministic: the same chart gives the same bytes.
/// </summary>
internal static partial class ChartPages
{
    private const string Style = """
        body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #222; margin: 1.5em auto; max-width: 1180px; padding: 0 1em; line-height: 1.45; }
        h1 { font-size: 1.4em; margin-bottom: 0.6em; }
        .perfmodel-chart { border: 1px solid #eee; overflow: hidden; }
        .caption { max-width: 1100px; }
        .note { color: #555; font-size: 0.9em; }
        """;

    /// <summary>Checks, before any work, that <paramref name="directory"/> can take the pages: a directory or nothing (then
    /// created), in which a file can be created (<see cref="AtomicFile.CheckDirectory"/>).</summary>
    /// <returns>The directory with every link resolved.</returns>
    /// <exception cref="IOException">It is a regular file, a device or another non-directory, or no file can be created there.</exception>
    public static string CheckDirectory(string directory) => AtomicFile.CheckDirectory(directory);

    /// <summary>The page of one chart.</summary>
    public static string Page(string name, string title, string caption, GenericChart chart)
    {
        var sb = new StringBuilder(4 << 20);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<title>").Append(HtmlTable.Escape(title)).Append("</title>\n")
          .Append("<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n")
          .Append("<h1>").Append(HtmlTable.Escape(title)).Append("</h1>\n")
          .Append(ChartHtml.Render(chart, PlotId(name), includePlotlyJs: true))
          .Append("<p class=\"caption\">").Append(HtmlTable.Escape(caption)).Append("</p>\n")
          .Append("<p class=\"note\">Drawn with plotly.js ").Append(PlotlyJs.Version).Append(", inline: this page needs no network.</p>\n")
          .Append("</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>The id of a page's chart element: "plot-" and the name.</summary>
    public static string PlotId(string name) => "plot-" + name;

    /// <summary>Writes one page per chart to <paramref name="directory"/>/&lt;name&gt;.html, all or nothing.</summary>
    /// <param name="pages">The charts with their names (safe file stems, unique), titles and captions.</param>
    /// <param name="directory">The output directory (created when missing).</param>
    /// <param name="inputs">Files no page may be written over.</param>
    /// <returns>The files written: <paramref name="directory"/> joined with each file name, in order.</returns>
    /// <exception cref="ArgumentException">A name is not a safe file stem or is used twice.</exception>
    /// <exception cref="IOException">A target cannot be written (see <see cref="AtomicFileSet"/>); no file was changed.</exception>
    public static IReadOnlyList<string> Write(IReadOnlyList<(string Name, string Title, string Caption, GenericChart Chart)> pages, string directory,
        IEnumerable<string> inputs)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in pages)
        {
            if (!SafeName().IsMatch(p.Name))
                throw new ArgumentException($"chart name '{p.Name}' is not a safe file name (letters, digits, '.', '_', '-'; starting with a letter)");
            if (!seen.Add(p.Name)) throw new ArgumentException($"chart name '{p.Name}' is used twice");
        }
        var written = new List<string>(pages.Count);
        using (var files = new AtomicFileSet(inputs))
        {
            foreach (var p in pages)
            {
                var path = Path.Combine(directory, p.Name + ".html");
                files.WriteAllText(path, Page(p.Name, p.Title, p.Caption, p.Chart));
                written.Add(path);
            }
            files.Commit();
        }
        return written;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeName();
}
