using System.Text.RegularExpressions;
using PerfModel.Reports.Files;
using PerfModel.Reports.Html;
using PerfModel.Tests.Reports.Files;

namespace PerfModel.Tests.Reports.Html;

/// <summary>Notebook chart HTML in Debian's Chromium with every host unresolvable: two charts of a session draw (plotly.js
/// from the first, even with a require.js-style AMD loader on the page); a chart without plotly.js shows the message, and
/// draws once <see cref="PlotlyScript.Reload"/> follows. Skipped where Chromium is missing.</summary>
public sealed partial class ChartBrowserTests
{
    [ChromiumFact]
    public void Two_charts_of_a_session_draw_offline_even_with_an_amd_loader_on_the_page()
    {
        var session = new ChartSession();
        var dom = Render("<script>window.define = function () { throw new Error('AMD define called'); }; window.define.amd = {};</script>\n"
                         + session.Render(ChartHtmlTests.Line("a")) + session.Render(ChartHtmlTests.Line("b")));
        var charts = Charts(dom);
        Assert.Equal(["perfmodel-chart-1", "perfmodel-chart-2"], charts.Keys);
        Assert.All(charts.Values, body => Assert.Contains("class=\"main-svg\"", body));
        Assert.DoesNotContain("data-render-error=\"", dom);
    }

    [ChromiumFact]
    public void A_chart_without_plotly_js_shows_the_message_and_draws_after_reload()
    {
        var session = new ChartSession();
        _ = session.Render(ChartHtmlTests.Line("a"));           // the output that carried plotly.js, cleared
        var second = session.Render(ChartHtmlTests.Line("b"));

        var waiting = Charts(Render(second))["perfmodel-chart-2"];
        Assert.Contains("<p class=\"perfmodel-chart-missing\"", waiting);
        Assert.Contains("PerfModel.Reports.Html.PlotlyScript.Reload()", waiting);
        Assert.DoesNotContain("main-svg", waiting);

        var drawn = Charts(Render(second + PlotlyScript.Reload().Html))["perfmodel-chart-2"];
        Assert.Contains("class=\"main-svg\"", drawn);
        Assert.DoesNotContain("<p class=\"perfmodel-chart-missing\"", drawn);
    }

    private static string Render(string body)
    {
        using var tmp = new TempDir();
        var file = tmp.Sub("page.html");
        File.WriteAllText(file, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n" + body + "\n</body></html>\n");
        return new HeadlessChromium().DumpDom(file, 20_000, TimeSpan.FromSeconds(90));
    }

    /// <summary>Each chart div's id and the DOM from it to the next chart div (plotly adds its own classes to a drawn div).</summary>
    private static Dictionary<string, string> Charts(string dom)
    {
        var starts = ChartDiv().Matches(dom).ToArray();
        return starts.Select((m, i) => (m.Groups[1].Value, dom[m.Index..(i + 1 < starts.Length ? starts[i + 1].Index : dom.Length)]))
            .ToDictionary(x => x.Item1, x => x.Item2);
    }

    [GeneratedRegex("<div class=\"perfmodel-chart(?: [^\"]*)?\" id=\"([^\"]+)\"")]
    private static partial Regex ChartDiv();
}
