using System.Globalization;
using Microsoft.Data.Analysis;
using PerfModel.Calibration.Profiles;
using PerfModel.Reports.Content;
using PerfModel.Reports.Tables;

namespace PerfModel.Tests.Report;

public sealed class ReportTablesTests
{
    private static readonly ReportData Data = ReportData.Compute(ProfileLoader.LoadDefaults());

    [Fact]
    public void Table_one_puts_the_model_next_to_the_paper()
    {
        var t = ReportTables.TableOne(Data);
        Assert.Equal("table1-lulesh-ddr4", t.Name);
        Assert.Equal(3, t.Data.Rows.Count);
        Assert.Equal(["Linux", "mOS, heap management disabled", "mOS (regular)"], Column<string>(t.Data, "configuration"));
        Assert.Equal([8959.0, 9551.0, 10841.0], Column<double>(t.Data, "paper_zones_per_s"));
        Assert.Equal([100.0, 106.6, 121.0], Column<double>(t.Data, "paper_pct_of_linux"));
        var model = new[] { "table1-linux", "table1-mos-noheap", "table1-mos" }.Select(id => Data.Validation.Single(v => v.Id == id).ModelValue).ToArray();
        Assert.Equal(model, Column<double>(t.Data, "model_zones_per_s"));
        var pct = Column<double>(t.Data, "model_pct_of_linux");
        Assert.Equal(100.0, pct[0], 12);
        for (var i = 0; i < 3; i++) Assert.Equal(100 * model[i] / model[0], pct[i], 12);
        // the published percentages are the published zones/s ratios, rounded to 0.1
        var paper = Column<double>(t.Data, "paper_zones_per_s");
        for (var i = 0; i < 3; i++) Assert.Equal(Math.Round(100 * paper[i] / paper[0], 1), Column<double>(t.Data, "paper_pct_of_linux")[i], 12);
    }

    [Fact]
    public void Validation_table_has_every_result_in_order()
    {
        var t = ReportTables.Validation(Data);
        Assert.Equal(Data.Validation.Count, (int)t.Data.Rows.Count);
        Assert.Equal(["id", "quantity", "comparison", "paper", "model", "unit", "error_pct", "status", "source"], t.Data.Columns.Select(c => c.Name));
        Assert.Equal(Data.Validation.Select(v => v.Id), Column<string>(t.Data, "id"));
        Assert.Equal(Data.Validation.Select(v => v.Status), Column<string>(t.Data, "status"));
        Assert.Equal(Data.Validation.Select(v => v.ErrorPercent), Column<double>(t.Data, "error_pct"));
        Assert.Equal(["table1-lulesh-ddr4", "validation"], ReportTables.All(Data).Select(x => x.Name));
    }

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

    [Fact]
    public void Csv_round_trips_exactly_with_quoting()
    {
        var values = new[] { 0.1, 1.0 / 3, 8958.544457661337, -6.048279229974017e-5, 1e300 };
        var frame = new DataFrame(
            new StringDataFrameColumn("label", ["plain", "with, comma", "with \"quote\"", "line\nbreak", " padded "]),
            new DoubleDataFrameColumn("x", values));
        var csv = DataFrameCsv.ToCsv(frame);
        Assert.StartsWith("label,x\nplain,0.1\n\"with, comma\",", csv);
        var back = DataFrame.LoadCsv(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), dataTypes: [typeof(string), typeof(double)],
            cultureInfo: CultureInfo.InvariantCulture);
        Assert.Equal(5, back.Rows.Count);
        Assert.Equal(values, Column<double>(back, "x"));
        Assert.Equal("with, comma", back.Columns["label"][1]);
        Assert.Equal("with \"quote\"", back.Columns["label"][2]);
    }

    internal static T[] Column<T>(DataFrame frame, string name) => frame.Columns[name].Cast<object?>().Select(v => (T)v!).ToArray();
}
