using System.Globalization;
using System.Text.RegularExpressions;
using PerfModel.Reports.Html;

namespace PerfModel.Tests.Reports.Html;

/// <summary><see cref="SweepHtml"/>: predict's columns, one row per prediction up to the cap, a note when rows are left
/// out, invariant numbers.</summary>
public sealed class SweepHtmlTests
{
    [Fact]
    public void Table_has_the_columns_of_predict_and_one_row_per_prediction()
    {
        var sweep = HtmlFixtures.Sweep;
        string html;
        using (new CultureScope("de-DE")) html = SweepHtml.Render(sweep);
        Assert.Contains($"<caption>Sweep: {sweep.Count} predictions, baseline linux</caption>", html);
        Assert.Contains("<thead><tr><th>app</th><th>os</th><th class=\"num\">nodes</th><th class=\"num\">cores</th><th class=\"num\">runtime_s</th>"
                        + "<th class=\"num\">fom</th><th>unit</th><th class=\"num\">vs_linux</th><th class=\"num\">compute%</th>", html);
        Assert.Equal(sweep.Count, Regex.Matches(html, "<tr><td>").Count);
        var r = sweep.Single(x => x.Prediction is { App: "lulesh2", Os: "mckernel", Nodes: 2048 });
        var p = r.Prediction;
        Assert.Contains(string.Create(CultureInfo.InvariantCulture,
            $"<tr><td>lulesh2</td><td>mckernel</td><td class=\"num\">2,048</td><td class=\"num\">{p.Cores:#,##0}</td><td class=\"num\">{p.Runtime.Seconds:G4}</td><td class=\"num\">{p.Fom:G5}</td><td>{p.FomUnit}</td><td class=\"num\">{r.RelativeToBaseline:0.000}</td>"), html);
        Assert.DoesNotContain("Showing the first", html);
    }

    [Fact]
    public void Rows_past_the_cap_are_left_out_with_a_note()
    {
        var sweep = HtmlFixtures.Sweep;
        var html = SweepHtml.Render(sweep, maxRows: 5);
        Assert.Equal(5, Regex.Matches(html, "<tr><td>").Count);
        Assert.Contains($"Showing the first 5 of {sweep.Count} rows. All of them: sweep.ToDataFrame()", html);
        Assert.Equal(50, SweepHtml.DefaultMaxRows);
        Assert.Throws<ArgumentOutOfRangeException>(() => SweepHtml.Render(sweep, 0));
    }
}
