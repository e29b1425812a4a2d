using PerfModel.Predictions;
using PerfModel.Reports.Html;

namespace PerfModel.Tests.Reports.Html;

/// <summary><see cref="PredictionHtml"/> and <see cref="BreakdownHtml"/>: the summary and the breakdown table hold the
/// prediction's own numbers, formatted invariantly whatever the current culture, and nothing unescaped.</summary>
public sealed class PredictionHtmlTests
{
    [Theory]
    [MemberData(nameof(CultureScope.Cultures), MemberType = typeof(CultureScope))]
    public void Summary_holds_runtime_fom_spread_and_regimes_in_invariant_culture(string culture)
    {
        var p = HtmlFixtures.Prediction;
        string html;
        using (new CultureScope(culture)) html = PredictionHtml.Render(p);
        Assert.StartsWith("<div class=\"perfmodel perfmodel-prediction\">", html);
        Assert.Contains($"<caption>{p.Scenario.App.DisplayName} (minife) on {p.Scenario.Os.DisplayName} (mos), 1,024 nodes</caption>", html);
        Assert.Contains($"<tr><th>runtime</th><td class=\"num\">{p.Runtime}</td></tr>", html);
        Assert.Contains($"<tr><th>figure of merit</th><td class=\"num\">{Display(p.Fom)} {p.FomUnit} (higher is better)</td></tr>", html);
        Assert.Contains($"<td class=\"num\">{p.Spread.Min} / {p.Spread.Median} / {p.Spread.Max}</td>", html);
        Assert.Contains($"<td class=\"num\">{Count(p.Ranks)} ranks, {Count(p.Cores)} cores</td>", html);
        Assert.Contains("<tr><th>regimes</th><td class=\"num\">placement: ", html);
        Assert.DoesNotContain("relative", html, StringComparison.OrdinalIgnoreCase); // a single prediction has no baseline
        Assert.Equal(html, PredictionHtml.Render(p));                               // deterministic
    }

    [Fact]
    public void Breakdown_table_lists_every_mechanism_with_its_time_and_share()
    {
        var b = HtmlFixtures.Prediction.Breakdown;
        var html = BreakdownHtml.Render(b);
        Assert.StartsWith("<div class=\"perfmodel perfmodel-breakdown\">", html);
        var total = b.Total.Seconds;
        foreach (var m in b.Mechanisms)
        {
            var share = (100 * b[m].Seconds / total).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";
            Assert.Contains($"<tr><td>{Breakdown.ColumnName(m)}</td><td class=\"num\">{b[m]}</td><td class=\"num\">{share}</td></tr>", html);
        }
        Assert.Contains($"<tfoot><tr><th>total</th><th class=\"num\">{b.Total}</th><th class=\"num\">100.0%</th></tr></tfoot>", html);
        Assert.Contains("Runtime by mechanism", PredictionHtml.Render(HtmlFixtures.Prediction));
    }

    [Fact]
    public void Names_are_escaped()
    {
        var study = HtmlFixtures.Study;
        var os = study.Os["mos"] with { DisplayName = "mOS <b>&</b> \"x\"" };
        var html = PredictionHtml.Render(study.With(os).Predict("minife", "mos", 1));
        Assert.Contains("mOS &lt;b&gt;&amp;&lt;/b&gt; &quot;x&quot; (mos)", html);
        Assert.DoesNotContain("<b>", html);
    }

    private static string Count(long v) => v.ToString("#,##0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A figure of merit of 1,000 or more is shown whole, with thousands separators.</summary>
    private static string Display(double v) => v.ToString(Math.Abs(v) >= 1000 ? "#,##0" : "#,##0.###", System.Globalization.CultureInfo.InvariantCulture);
}
