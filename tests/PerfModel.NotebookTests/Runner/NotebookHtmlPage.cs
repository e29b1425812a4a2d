using System.Net;
using System.Text;
using Microsoft.DotNet.Interactive.Formatting;

namespace PerfModel.NotebookTests.Runner;

/// <summary>Renders every output of a run on one standalone HTML page, in cell order: an output's text/html as it is
/// (so scripts the kernel or an extension emitted — plotly.js once, then one <c>Plotly.newPlot</c> per chart — run in
/// order, as in a notebook front end), otherwise its text/plain inside <c>&lt;pre&gt;</c>; errors in a red
/// <c>&lt;pre&gt;</c>. The page adds no script of its own and references nothing outside itself.</summary>
public static class NotebookHtmlPage
{
    /// <summary>The page for <paramref name="run"/>.</summary>
    public static string Render(NotebookRun run)
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(Encode(run.Name))
            .Append("</title>\n<style>body{font-family:sans-serif;margin:1.5em}section.cell{margin:1em 0;padding-top:.5em;border-top:1px solid #ccc}")
            .Append("h2{font-size:.9em;color:#555}pre{white-space:pre-wrap}pre.error{color:#b00}</style>\n</head>\n<body>\n<h1>")
            .Append(Encode(run.Name)).Append("</h1>\n");
        foreach (var cell in run.Cells)
        {
            page.Append("<section class=\"cell\" data-cell=\"").Append(cell.Number).Append("\">\n<h2>cell ").Append(cell.Number)
                .Append(": <code>").Append(Encode(cell.FirstLine)).Append("</code></h2>\n");
            foreach (var output in cell.Outputs) page.Append(Render(output)).Append('\n');
            page.Append("</section>\n");
        }
        return page.Append("</body>\n</html>\n").ToString();
    }

    private static string Render(CellOutput output)
    {
        var text = output.Value(PlainTextFormatter.MimeType) ?? "";
        return output.Kind switch
        {
            CellOutputKind.Error => $"<pre class=\"error\">{Encode(text)}</pre>",
            CellOutputKind.StandardOutput or CellOutputKind.StandardError => $"<pre class=\"{(output.Kind == CellOutputKind.StandardError ? "stderr" : "stdout")}\">{Encode(text)}</pre>",
            _ => output.Value(HtmlFormatter.MimeType) ?? $"<pre>{Encode(text)}</pre>",
        };
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
