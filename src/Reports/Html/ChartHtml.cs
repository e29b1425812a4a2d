using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using PerfModel.Reports.Files;
using GenericChart = Plotly.NET.GenericChart;

namespace PerfModel.Reports.Html;

/// <summary>
/// A Plotly.NET chart as notebook HTML that draws with no network: <c>&lt;div class="perfmodel-chart" id="…"&gt;</c> and a
/// script calling <c>Plotly.newPlot</c> with the chart's figure JSON (<c>GenericChart.toFigureJson</c>), optionally
/// preceded by plotly.js itself (<see cref="PlotlyJsScript"/>: the copy Plotly.NET embeds, inline). The script finds its
/// div as the element just before it (falling back to the id), so an id repeated by an older output of the page cannot
/// capture the drawing. When <c>window.Plotly</c> is missing the div shows <see cref="MissingPlotlyMessage"/> and the
/// chart waits in <c>window.perfmodelPendingCharts</c>, drawn as soon as plotly.js is loaded again
/// (<see cref="PlotlyScript.Reload"/>). A notebook session uses <see cref="ChartSession"/>, which numbers the ids and
/// inlines plotly.js in its first chart only. Pure and deterministic: the same chart, id and flag give the same text.
/// </summary>
public static class ChartHtml
{
    /// <summary>The class of the chart's &lt;div&gt;.</summary>
    public const string ElementClass = "perfmodel-chart";

    /// <summary>The JavaScript global holding the drawing functions of charts that found no plotly.js.</summary>
    public const string PendingCharts = "perfmodelPendingCharts";

    /// <summary>What a chart shows instead of the plot when plotly.js is not on the page, and how to get it back.</summary>
    public static string MissingPlotlyMessage =>
        "plotly.js is not loaded on this page, so this chart cannot be drawn: the output that carried it (the first PerfModel "
        + "chart of the kernel session) was cleared or is not shown. Run PerfModel.Reports.Html.PlotlyScript.Reload() in a "
        + "cell: it loads plotly.js from the PerfModel package, without network, and draws this chart and every other one "
        + "waiting. (Restarting the kernel and running all cells works too.)";

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Default, WriteIndented = false };

    private static readonly Lazy<string> Source = new(PlotlyJs.Source);

    /// <summary>The chart's div and drawing script, after <see cref="PlotlyJsScript"/> when <paramref name="includePlotlyJs"/>.</summary>
    /// <param name="chart">The chart; its DisplayOptions are not read or changed.</param>
    /// <param name="elementId">The div's id (letters, digits, '-', '_', ':' and '.', starting with a letter).</param>
    /// <param name="includePlotlyJs">Whether to inline plotly.js before the chart (about 3.6 MB).</param>
    /// <exception cref="ArgumentException"><paramref name="elementId"/> is not a plain id.</exception>
    public static string Render(GenericChart chart, string elementId, bool includePlotlyJs)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(elementId);
        if (elementId.Length == 0 || !char.IsAsciiLetter(elementId[0]) || !elementId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':' or '.'))
            throw new ArgumentException($"element id '{elementId}': use letters, digits, '-', '_', ':' or '.', starting with a letter", nameof(elementId));
        var figure = JsonNode.Parse(GenericChart.toFigureJson(chart)) as JsonObject
            ?? throw new ArgumentException("the chart has no figure JSON", nameof(chart));
        var data = figure["data"]?.DeepClone() ?? new JsonArray();
        var layout = figure["layout"]?.DeepClone() as JsonObject ?? new JsonObject();
        var style = new List<string>();
        if (Pixels(layout["width"]) is { } w) style.Add($"width:{w}px");
        if (Pixels(layout["height"]) is { } h) style.Add($"height:{h}px");

        var sb = new StringBuilder(includePlotlyJs ? Source.Value.Length + 8192 : 8192);
        if (includePlotlyJs) sb.Append(PlotlyJsScript());
        sb.Append("<div class=\"").Append(ElementClass).Append("\" id=\"").Append(elementId).Append('"');
        if (style.Count > 0) sb.Append(" style=\"").Append(string.Join(';', style)).Append('"');
        sb.Append("></div>\n<script type=\"text/javascript\">\n(function () {\n  'use strict';\n")
          .Append("  var id = ").Append(JsonSerializer.Serialize(elementId, Json)).Append(";\n")
          .Append("  var s = document.currentScript;\n")
          .Append("  var el = s && s.previousElementSibling && s.previousElementSibling.id === id ? s.previousElementSibling : document.getElementById(id);\n")
          .Append("  if (!el) { return; }\n")
          .Append("  var data = ").Append(data.ToJsonString(Json)).Append(";\n")
          .Append("  var layout = ").Append(layout.ToJsonString(Json)).Append(";\n")
          .Append("""
                    function draw() {
                      el.textContent = '';
                      el.removeAttribute('data-render-error');
                      return window.Plotly.newPlot(el, data, layout, { displaylogo: false, responsive: true })
                        .catch(function (e) { el.setAttribute('data-render-error', String(e && e.message || e)); });
                    }
                    if (window.Plotly) { draw(); return; }
                    (window.
                  """).Append(PendingCharts).Append(" = window.").Append(PendingCharts).Append(" || []).push(draw);\n")
          .Append("  var p = document.createElement('p');\n  p.className = 'perfmodel-chart-missing';\n")
          .Append("  p.style.cssText = 'color:#a1160a;border:1px solid #e0a8a3;background:#fdf0ef;padding:0.5em;margin:0;font-size:0.9em';\n")
          .Append("  p.textContent = ").Append(JsonSerializer.Serialize(MissingPlotlyMessage, Json)).Append(";\n")
          .Append("  el.textContent = '';\n  el.appendChild(p);\n})();\n</script>\n");
        return sb.ToString();
    }

    /// <summary>plotly.js inline (the copy Plotly.NET embeds, <see cref="PlotlyJs.Source"/>), loaded as the global
    /// <c>window.Plotly</c> even on a page with require.js (the bundle's module loader is shadowed while it runs), then a
    /// script that draws every chart waiting in <see cref="PendingCharts"/>. References nothing remote.</summary>
    public static string PlotlyJsScript()
    {
        var source = Source.Value;
        return new StringBuilder(source.Length + 1024)
            .Append("<script type=\"text/javascript\">/* plotly.js ").Append(PlotlyJs.Version)
            .Append(", as embedded in Plotly.NET (MIT licence, Plotly, Inc.), inlined by PerfModel */\n")
            .Append("(function (define, exports, module) {\n").Append(source).Append("\n})();\n</script>\n")
            .Append("<script type=\"text/javascript\">\n(function () {\n  var q = window.").Append(PendingCharts).Append(" || [];\n  window.")
            .Append(PendingCharts).Append(" = [];\n  for (var i = 0; i < q.length; i++) { try { q[i](); } catch (e) { } }\n})();\n</script>\n")
            .ToString();
    }

    private static int? Pixels(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<double>(out var d) && d > 0 && d < 100000 ? (int)Math.Round(d, MidpointRounding.AwayFromZero)
        : node is JsonValue i && i.TryGetValue<int>(out var n) && n > 0 ? n
        : null;
}
