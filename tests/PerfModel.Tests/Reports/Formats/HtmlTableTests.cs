using Microsoft.Data.Analysis;
using PerfModel.Reports.Formats;

namespace PerfModel.Tests.Reports.Formats;

public sealed class HtmlTableTests
{
    [Fact]
    public void Html_table_escapes_text_and_formats_numbers_invariantly()
    {
        var frame = new DataFrame(
            new StringDataFrameColumn("name <&>", ["a<b>&\"c\"", null!]),
            new DoubleDataFrameColumn("value", [12345.6789, null]),
            new Int32DataFrameColumn("n", [2048, 1]));
        var html = HtmlTable.Render(frame, "caption <i>x</i> & y", "table-x");
        Assert.Contains("<caption>caption &lt;i&gt;x&lt;/i&gt; &amp; y</caption>", html);
        Assert.Contains("<th>name &lt;&amp;&gt;</th>", html);
        Assert.Contains("<td>a&lt;b&gt;&amp;&quot;c&quot;</td>", html);
        Assert.Contains("<td class=\"num\">12,345.679</td>", html);
        Assert.Contains("<td class=\"num\">2,048</td>", html);
        Assert.Contains("<td class=\"num\"></td>", html); // missing value
        Assert.DoesNotContain("<i>", html);
    }
}
