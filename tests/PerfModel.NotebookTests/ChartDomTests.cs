using PerfModel.NotebookTests.Browser;

namespace PerfModel.NotebookTests;

/// <summary>The reading of a dumped DOM that the offline chart check relies on can fail: a chart div without plotly.js's
/// SVG is not drawn even when the next chart is, and a script from the network is found.</summary>
public sealed class ChartDomTests
{
    // Shaped like Chromium's --dump-dom of a notebook page: the first chart drawn (plotly.js adds its class and nests
    // the SVG two divs deep), the second left empty because its script failed, then a drawn third one.
    private const string Dom =
        "<html><head></head><body><section class=\"cell\">" +
        "<div class=\"perfmodel-chart js-plotly-plot\" id=\"perfmodel-chart-1\" style=\"width:600px\"><div class=\"plot-container plotly\">" +
        "<div class=\"svg-container\"><svg class=\"main-svg\" width=\"600\"></svg></div></div></div>" +
        "<script>Plotly.newPlot('perfmodel-chart-1', [], {});</script></section><section class=\"cell\">" +
        "<div class=\"perfmodel-chart\" id=\"perfmodel-chart-2\"></div><script>throw new Error('no Plotly');</script>" +
        "<div class=\"perfmodel-chart js-plotly-plot\" id=\"perfmodel-chart-3\"><div><div><svg class=\"main-svg\"></svg></div></div></div>" +
        "</section></body></html>";

    [Fact]
    public void Each_chart_div_is_drawn_only_if_its_own_subtree_holds_the_main_svg()
    {
        var charts = ChartDom.Charts(Dom);
        Assert.Equal(["perfmodel-chart-1", "perfmodel-chart-2", "perfmodel-chart-3"], charts.Select(c => c.Id));
        Assert.Equal([true, false, true], charts.Select(c => c.Drew));
    }

    [Theory]
    [InlineData("<script src=\"https://cdn.plot.ly/plotly-2.28.0.min.js\"></script>", 1)]
    [InlineData("<script type=\"text/javascript\" src='http://example.org/x.js'></script>", 1)]
    [InlineData("<script src=\"//cdn.example.org/require.js\"></script>", 1)]
    [InlineData("<script>var s = 'src=\"https://x\"';</script>", 0)]
    [InlineData("<script type=\"text/javascript\">Plotly.newPlot('a', [], {});</script>", 0)]
    public void Scripts_loaded_from_the_network_are_found(string html, int expected) =>
        Assert.Equal(expected, ChartDom.RemoteScripts(html).Count);
}
