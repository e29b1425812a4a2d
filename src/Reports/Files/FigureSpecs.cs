using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenericChart = Plotly.NET.GenericChart;
using PerfModel.Reports.Content;

namespace PerfModel.Reports.Files;

/// <summary>The figures as one JSON array for the pages' scripts: per figure its element id, name, size, expected
/// traces and Plotly figure (data + layout from <c>GenericChart.toFigureJson</c>, layout width/height set to the figure's
/// size). Reading the figure JSON does not touch the chart's DisplayOptions. The JSON escapes &lt; &gt; &amp; and quotes,
/// so it can sit inside a &lt;script&gt; element whatever the captions and labels hold.</summary>
internal static class FigureSpecs
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Default, WriteIndented = false };

    public static string Json(IReadOnlyList<Figure> figures)
    {
        var array = new JsonArray();
        foreach (var f in figures)
        {
            var figure = JsonNode.Parse(GenericChart.toFigureJson(f.Chart))?.AsObject()
                ?? throw new ArgumentException($"figure '{f.Name}': the chart has no figure JSON");
            var layout = figure["layout"] as JsonObject ?? new JsonObject();
            layout["width"] = f.WidthPixels;
            layout["height"] = f.HeightPixels;
            layout["autosize"] = false;
            array.Add(new JsonObject
            {
                ["id"] = PlotId(f.Name),
                ["name"] = f.Name,
                ["width"] = f.WidthPixels,
                ["height"] = f.HeightPixels,
                ["expectedTraces"] = f.ExpectedTraces,
                ["data"] = figure["data"]?.DeepClone() ?? new JsonArray(),
                ["layout"] = layout.DeepClone(),
            });
        }
        return array.ToJsonString(Options);
    }

    public static string PlotId(string name) => "plot-" + name;

    /// <summary>JavaScript that counts the trace groups plotly drew as SVG in a graph div: g.trace (scatter, bar, box, …)
    /// and g.hm (heatmaps).</summary>
    public const string CountTracesJs = "function perfmodelDrawnTraces(gd) { return gd.querySelectorAll('.main-svg g.trace, .main-svg g.hm').length; }";
}
