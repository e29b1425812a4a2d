using System.Text.RegularExpressions;
using PerfModel.Reports.Html;

namespace PerfModel.Tests.Reports.Html;

/// <summary><see cref="SensitivityScanHtml"/>: one row per scanned validation row, one column per value, changed verdicts
/// highlighted.</summary>
public sealed class SensitivityScanHtmlTests
{
    [Fact]
    public void Rows_by_values_with_changed_verdicts_highlighted()
    {
        string html;
        using (new CultureScope("ru-RU")) html = SensitivityScanHtml.Render(HtmlFixtures.Scan());
        Assert.StartsWith("<div class=\"perfmodel perfmodel-sensitivity\">", html);
        Assert.Contains("<caption>Sensitivity to os mckernel Syscalls.OffloadLatency (as given: 8E-06; values in the profile file&#39;s unit)</caption>", html);
        Assert.Contains("<thead><tr><th>row</th><th>as given (8E-06)</th><th>4E-06</th><th>1.2E-05</th></tr></thead>", html);
        Assert.Contains("<tr><td>table1-mos</td><td>MISS (+10.4%)</td><td>MISS (+10.4%)</td><td>MISS (+10.4%)</td></tr>", html);
        Assert.Contains("<tr><td>median-gain</td><td>ok (+9.7%)</td><td class=\"perfmodel-changed\"><strong>MISS (+20.0%)</strong></td><td>ok (+9.7%)</td></tr>", html);
        Assert.Single(Regex.Matches(html, "perfmodel-changed\">"));
        Assert.Contains("Verdict changes (highlighted): median-gain.", html);
    }
}
