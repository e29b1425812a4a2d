using System.Text.RegularExpressions;
using PerfModel.Reports.Html;
using PerfModel.Validation;

namespace PerfModel.Tests.Reports.Html;

/// <summary><see cref="ValidationHtml"/>: validate's columns, MISS and VIOLATED highlighted, the notes spelling out fitted
/// parameters and knife edges, the summary line, everything escaped.</summary>
public sealed class ValidationHtmlTests
{
    private static readonly string Html = ValidationHtml.Render(HtmlFixtures.Results);

    [Fact]
    public void Table_has_validates_columns_and_values()
    {
        // WebUtility.HtmlEncode writes characters 160-255 as numeric references: ± is &#177;.
        Assert.StartsWith("<div class=\"perfmodel perfmodel-validation\">", Html);
        Assert.Contains("<thead><tr><th>id</th><th class=\"num\">paper</th><th class=\"num\">model</th><th class=\"num\">effect error</th>"
                        + "<th class=\"num\">tolerance</th><th>status</th><th>notes</th></tr></thead>", Html);
        Assert.Contains(">table1-mos</td><td class=\"num\">+21.0%</td><td class=\"num\">+10.4%</td><td class=\"num\">-10.6 pp</td><td class=\"num\">&#177;3.0 pp</td>", Html);
        Assert.Contains(">table1-linux</td><td class=\"num\">8959</td><td class=\"num\">8958.5</td><td class=\"num\">0.0%</td><td class=\"num\">&#177;1.0%</td><td>fitted</td>", Html);
        Assert.Contains(">median-gain</td><td class=\"num\">+9.0%</td><td class=\"num\">+9.7%</td><td class=\"num\">+0.7 pp</td><td class=\"num\">&#177;3.0 pp</td><td>ok</td>", Html);
        Assert.Equal(4, Regex.Matches(Html, "<tr><td title=").Count);
    }

    [Fact]
    public void Miss_and_violated_are_highlighted_and_nothing_else()
    {
        Assert.Contains("<td class=\"perfmodel-bad\"><strong>MISS</strong></td>", Html);
        Assert.Contains("<td class=\"perfmodel-bad\"><strong>VIOLATED</strong></td>", Html);
        Assert.Equal(2, Regex.Matches(Html, "<td class=\"perfmodel-bad\">").Count);
        Assert.Equal(["MISS", "VIOLATED"], ValidationHtml.FailedStatuses.ToArray());
    }

    [Fact]
    public void Notes_name_fitted_parameters_and_knife_edges_and_the_summary_follows()
    {
        var fitted = string.Join("; ", PaperTargets.TableOneLinux.FittedParameters.Select(p => p.ToString()));
        Assert.Contains("<td>fitted: " + System.Net.WebUtility.HtmlEncode(fitted) + "</td>", Html);
        Assert.Contains("<td>knife edge: os mckernel Syscalls.OffloadLatency = 8E-06 in [4E-06, 1.2E-05] flips at 6.38E-06</td>", Html);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(ValidationSummary.Of(HtmlFixtures.Results).ToString()), Html);
        Assert.Contains("title=\"Lulesh zones/s, mOS regular heap management, DDR4 only (effect vs Linux). ", Html);
    }

    [Fact]
    public void Text_is_escaped()
    {
        var odd = new ValidationResult(PaperTargets.TableOneMos with { Id = "a<b>&\"c\"", Quantity = "q <script>" }, new Measurement(1, 0.2));
        var html = ValidationHtml.Render([odd]);
        Assert.Contains(">a&lt;b&gt;&amp;&quot;c&quot;</td>", html);
        Assert.Contains("title=\"q &lt;script&gt;. ", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<b>", html);
    }
}
