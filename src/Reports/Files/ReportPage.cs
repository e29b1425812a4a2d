using System.Globalization;
using System.Text;
using PerfModel.Reports.Content;
using PerfModel.Reports.Formats;

namespace PerfModel.Reports.Files;

/// <summary>The HTML of the report page and of the page that renders the figures to PNG/SVG. Pure and deterministic:
/// the same figures, tables and options give the same bytes (no timestamps, no random ids).</summary>
internal static class ReportPage
{
    private const string Style = """
        body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #222; margin: 2em auto; max-width: 1180px; padding: 0 1em; line-height: 1.45; }
        h1 { margin-bottom: 0.2em; }
        h2 { margin-top: 2.2em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
        .plot { border: 1px solid #eee; overflow: hidden; }
        .caption { max-width: 1100px; }
        .files, .note { color: #555; font-size: 0.9em; }
        table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.92em; }
        caption { caption-side: top; text-align: left; padding-bottom: 0.5em; max-width: 1100px; }
        th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; vertical-align: top; }
        th { background: #f3f3f3; text-align: left; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        """;

    /// <summary>index.html: plotly.js inline once, each figure drawn from its figure JSON with Plotly.newPlot (each graph
    /// div gets data-rendered-traces once drawn, or data-render-error), its title and caption, then the tables.</summary>
    public static string Index(IReadOnlyList<Figure> figures, IReadOnlyList<ReportTable> tables, string plotlyJs, string specsJson,
        string title, string? introduction, string? imagesMissingReason)
    {
        var sb = new StringBuilder(plotlyJs.Length + specsJson.Length + 64 * 1024);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<title>").Append(E(title)).Append("</title>\n")
          .Append("<style>\n").Append(Style).Append("\n</style>\n");
        AppendPlotly(sb, plotlyJs);
        sb.Append("</head>\n<body>\n<header>\n<h1>").Append(E(title)).Append("</h1>\n");
        if (!string.IsNullOrEmpty(introduction)) sb.Append("<p class=\"intro\">").Append(E(introduction)).Append("</p>\n");
        if (imagesMissingReason is not null)
            sb.Append("<p class=\"note\">No PNG/SVG files were written: ").Append(E(imagesMissingReason)).Append("</p>\n");
        sb.Append("<nav>\n<ol>\n");
        foreach (var f in figures) sb.Append("<li><a href=\"#figure-").Append(E(f.Name)).Append("\">").Append(E(f.Title)).Append("</a></li>\n");
        foreach (var t in tables) sb.Append("<li><a href=\"#table-").Append(E(t.Name)).Append("\">").Append(E(t.Title)).Append("</a></li>\n");
        sb.Append("</ol>\n</nav>\n</header>\n<main>\n");

        foreach (var f in figures)
        {
            sb.Append("<section class=\"figure\" id=\"figure-").Append(E(f.Name)).Append("\">\n")
              .Append("<h2>").Append(E(f.Title)).Append("</h2>\n")
              .Append(string.Create(CultureInfo.InvariantCulture,
                  $"<div class=\"plot\" id=\"{E(FigureSpecs.PlotId(f.Name))}\" data-figure=\"{E(f.Name)}\" data-expected-traces=\"{f.ExpectedTraces}\" style=\"width:{f.WidthPixels}px;height:{f.HeightPixels}px\"></div>\n"))
              .Append("<p class=\"caption\">").Append(E(f.Caption)).Append("</p>\n")
              .Append("<p class=\"files\">");
            if (imagesMissingReason is null)
                sb.Append("<a href=\"figures/").Append(E(f.Name)).Append(".png\">PNG</a> · <a href=\"figures/").Append(E(f.Name)).Append(".svg\">SVG</a> · ");
            sb.Append("<a href=\"data/").Append(E(f.Name)).Append(".csv\">data (CSV)</a></p>\n</section>\n");
        }
        foreach (var t in tables)
        {
            sb.Append("<section class=\"table\">\n<h2>").Append(E(t.Title)).Append("</h2>\n")
              .Append(HtmlTable.Render(t))
              .Append("<p class=\"files\"><a href=\"data/").Append(E(t.Name)).Append(".csv\">data (CSV)</a></p>\n</section>\n");
        }
        sb.Append("</main>\n");
        AppendSpecs(sb, specsJson);
        sb.Append("<script>\n").Append(FigureSpecs.CountTracesJs).Append('\n').Append("""
            (function () {
              'use strict';
              var specs = JSON.parse(document.getElementById('perfmodel-figures').textContent);
              specs.forEach(function (s) {
                var gd = document.getElementById(s.id);
                var config = { displaylogo: false, responsive: false,
                               toImageButtonOptions: { format: 'png', filename: s.name, width: s.width, height: s.height } };
                Plotly.newPlot(gd, s.data, s.layout, config).then(function () {
                  gd.setAttribute('data-rendered-traces', String(perfmodelDrawnTraces(gd)));
                }).catch(function (e) {
                  gd.setAttribute('data-render-error', String(e && e.message || e));
                });
              });
            })();
            """).Append("\n</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>A page that draws the figures one after another, exports each with Plotly.toImage as PNG and SVG at the
    /// figure's size and leaves the data URLs and the drawn trace count in &lt;pre id="png-i|svg-i|traces-i"&gt; elements;
    /// &lt;pre id="render-state"&gt; ends as "done" or "error: …".</summary>
    public static string Render(string plotlyJs, string specsJson)
    {
        var sb = new StringBuilder(plotlyJs.Length + specsJson.Length + 4096);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>render</title>\n");
        AppendPlotly(sb, plotlyJs);
        sb.Append("</head>\n<body>\n<pre id=\"render-state\">pending</pre>\n<div id=\"stage\"></div>\n<div id=\"results\"></div>\n");
        AppendSpecs(sb, specsJson);
        sb.Append("<script>\n").Append(FigureSpecs.CountTracesJs).Append('\n').Append("""
            (async function () {
              'use strict';
              var state = document.getElementById('render-state');
              var results = document.getElementById('results');
              function put(id, text) { var p = document.createElement('pre'); p.id = id; p.textContent = text; results.appendChild(p); }
              try {
                var specs = JSON.parse(document.getElementById('perfmodel-figures').textContent);
                for (var i = 0; i < specs.length; i++) {
                  var s = specs[i];
                  var gd = document.createElement('div');
                  gd.style.width = s.width + 'px';
                  gd.style.height = s.height + 'px';
                  document.getElementById('stage').appendChild(gd);
                  await Plotly.newPlot(gd, s.data, s.layout, { staticPlot: true });
                  put('traces-' + i, String(perfmodelDrawnTraces(gd)));
                  put('png-' + i, await Plotly.toImage(gd, { format: 'png', width: s.width, height: s.height }));
                  put('svg-' + i, await Plotly.toImage(gd, { format: 'svg', width: s.width, height: s.height }));
                  Plotly.purge(gd);
                  gd.remove();
                }
                state.textContent = 'done';
              } catch (e) {
                state.textContent = 'error: ' + String(e && e.stack || e);
              }
            })();
            """).Append("\n</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static void AppendPlotly(StringBuilder sb, string plotlyJs) =>
        sb.Append("<script>/* plotly.js ").Append(PlotlyJs.Version).Append(", as embedded in Plotly.NET */\n").Append(plotlyJs).Append("\n</script>\n");

    private static void AppendSpecs(StringBuilder sb, string specsJson) =>
        sb.Append("<script type=\"application/json\" id=\"perfmodel-figures\">").Append(specsJson).Append("</script>\n");

    private static string E(string text) => HtmlTable.Escape(text);
}
