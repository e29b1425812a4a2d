namespace PerfModel.Reports.Html;

/// <summary>
/// Gets plotly.js back onto a notebook page. PerfModel's charts (<see cref="ChartSession"/>) inline plotly.js once per
/// kernel session, in the first chart's output; when that output is cleared or not shown (a notebook reopened after its
/// first chart cell was re-run, for instance) later charts show <see cref="ChartHtml.MissingPlotlyMessage"/> instead of the
/// plot. Make <c>PerfModel.Reports.Html.PlotlyScript.Reload()</c> a cell's result to load plotly.js again (inline, from the
/// package: no network) and draw every chart waiting on the page.
/// </summary>
public static class PlotlyScript
{
    /// <summary>plotly.js inline (<see cref="ChartHtml.PlotlyJsScript"/>), the drawing of the waiting charts, and a line
    /// saying so.</summary>
    public static HtmlFragment Reload() =>
        new(ChartHtml.PlotlyJsScript()
            + "<p class=\"perfmodel-note\">plotly.js " + Files.PlotlyJs.Version
            + " loaded (inline, no network); charts waiting on this page are drawn.</p>\n");
}
