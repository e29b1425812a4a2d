using System.Text.RegularExpressions;
using PerfModel.Reports;
using PerfModel.Reports.Html;
using Plotly.NET;
using CS = Plotly.NET.CSharp;

namespace PerfModel.Tests.Reports.Html;

/// <summary><see cref="ChartHtml"/>, <see cref="ChartSession"/> and <see cref="PlotlyScript"/>: charts draw from their
/// figure JSON with plotly.js inlined once per session and nothing remote; ids are numbered per session; a chart without
/// plotly.js on the page says how to get it back.</summary>
public sealed partial class ChartHtmlTests
{
    /// <summary>The comment PerfModel puts before the inlined plotly.js, and a string of plotly.js's own source.</summary>
    private const string PlotlyMarker = "as embedded in Plotly.NET (MIT licence, Plotly, Inc.), inlined by PerfModel";
    private const string PlotlySourceSignature = "\"X,X div\"";

    internal static GenericChart Line(string name) =>
        CS.Chart.Line<double, double, string>(x: new[] { 1.0, 2.0, 4.0 }, y: new[] { 3.0, 1.0, 2.0 }, Name: name);

    [Fact]
    public void Plotly_js_is_inlined_exactly_once_across_two_charts_of_a_session()
    {
        var session = new ChartSession();
        var first = session.Render(Line("a"));
        var second = session.Render(Line("b"));
        var both = first + second;
        Assert.Equal(1, Count(both, PlotlyMarker));
        Assert.Equal(1, Count(both, PlotlySourceSignature));
        Assert.Equal(1, Count(first, PlotlySourceSignature));
        Assert.Equal(0, Count(second, PlotlySourceSignature));
        Assert.True(first.Length > 3_000_000, "the first chart carries plotly.js");
        Assert.True(second.Length < 20_000, $"a later chart only draws ({second.Length} characters)");
        Assert.Equal(2, session.Charts);
        Assert.True(session.PlotlyJsIncluded);
    }

    [Fact]
    public void Chart_html_references_no_remote_script()
    {
        var session = new ChartSession();
        var html = session.Render(Line("a")) + session.Render(Line("b")) + PlotlyScript.Reload().Html;
        Assert.DoesNotMatch(ScriptWithSource(), html);
        Assert.DoesNotMatch(RemoteAttribute(), html);
        Assert.DoesNotContain("requirejs", html, StringComparison.Ordinal);      // Plotly.NET.Interactive's way: require.js + CDN
        Assert.DoesNotContain("cdn.plot.ly/plotly", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_are_numbered_per_session_and_the_output_is_deterministic()
    {
        var a = new ChartSession();
        var b = new ChartSession();
        var a1 = a.Render(Line("x"));
        var a2 = a.Render(Line("y"));
        Assert.Contains("<div class=\"perfmodel-chart\" id=\"perfmodel-chart-1\" style=\"width:600px;height:600px\"></div>", a1); // Plotly.NET's default size
        Assert.Contains("<div class=\"perfmodel-chart\" id=\"perfmodel-chart-2\" style=\"width:600px;height:600px\"></div>", a2);
        Assert.Equal(a1, b.Render(Line("x")));
        Assert.Equal(a2, b.Render(Line("y")));
        Assert.Contains("id=\"nb-1\"", new ChartSession("nb-").Render(Line("x")));
        Assert.Throws<ArgumentException>(() => new ChartSession("1\"><script>"));
        Assert.Throws<ArgumentException>(() => ChartHtml.Render(Line("x"), "a b", false));
    }

    [Fact]
    public void A_chart_draws_its_figure_json_and_waits_with_a_message_when_plotly_js_is_missing()
    {
        var html = ChartHtml.Render(Line("<odd> & \"name\""), "c-1", includePlotlyJs: false);
        Assert.Contains("window.Plotly.newPlot(el, data, layout", html);
        Assert.Contains("\"name\":\"\\u003Codd\\u003E \\u0026 \\u0022name\\u0022\"", html); // JSON escaped for a script element
        Assert.DoesNotContain("<odd>", html);
        Assert.Contains("window.perfmodelPendingCharts = window.perfmodelPendingCharts || []).push(draw)", html);
        Assert.Contains("plotly.js is not loaded on this page", html);
        Assert.Contains("PerfModel.Reports.Html.PlotlyScript.Reload()", ChartHtml.MissingPlotlyMessage);
        var reload = PlotlyScript.Reload().Html;
        Assert.Equal(1, Count(reload, PlotlySourceSignature));
        Assert.Contains("var q = window.perfmodelPendingCharts || [];", reload);
    }

    [Fact]
    public void A_sized_chart_gets_its_size_on_the_div()
    {
        var chart = Charts.Relative(HtmlFixtures.Sweep);
        var html = ChartHtml.Render(chart, "fig", false);
        var layout = System.Text.Json.Nodes.JsonNode.Parse(GenericChart.toFigureJson(chart))!["layout"]!;
        if (layout["width"] is { } w && layout["height"] is { } h)
            Assert.Contains($"<div class=\"perfmodel-chart\" id=\"fig\" style=\"width:{(int)w.GetValue<double>()}px;height:{(int)h.GetValue<double>()}px\"></div>", html);
        else
            Assert.Contains("<div class=\"perfmodel-chart\" id=\"fig\"></div>", html);
    }

    private static int Count(string text, string part) => Regex.Matches(text, Regex.Escape(part)).Count;

    [GeneratedRegex("<script[^>]*\\bsrc\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptWithSource();

    /// <summary>A remote URL as an HTML attribute (plotly.js's own map-attribution links are spaced out as <c>href= "https…</c> by
    /// PlotlyJs.Source, JavaScript string literals that load nothing).</summary>
    [GeneratedRegex("\\b(src|href)=[\"']?https?:", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteAttribute();
}
