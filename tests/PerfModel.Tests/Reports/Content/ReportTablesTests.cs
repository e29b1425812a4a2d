using Microsoft.Data.Analysis;
using PerfModel.Profiles;
using PerfModel.Reports.Formats;
using PerfModel.Reports.Content;
using PerfModel.Validation;

namespace PerfModel.Tests.Reports.Content;

/// <summary>The report's tables: P18 Table I with the model next to the paper, and the validation table.</summary>
public sealed class ReportTablesTests
{
    private static readonly ReportData Data = ReportData.Compute(Defaults.Study());

    [Fact]
    public void Table_one_puts_the_model_next_to_the_paper()
    {
        var t = ReportTables.TableOne(Data);
        Assert.Equal("table1-lulesh-ddr4", t.Name);
        Assert.Equal(3, t.Data.Rows.Count);
        Assert.Equal(["Linux", "mOS, heap management disabled", "mOS (regular)"], Column<string>(t.Data, "configuration"));
        Assert.Equal([8959.0, 9551.0, 10841.0], Column<double>(t.Data, "paper_zones_per_s"));
        Assert.Equal([100.0, 106.6, 121.0], Column<double>(t.Data, "paper_pct_of_" + PaperTargets.Linux));
        var model = new[] { "table1-linux", "table1-mos-noheap", "table1-mos" }.Select(id => Data.Validation.Single(v => v.Id == id).ModelValue).ToArray();
        Assert.Equal(model, Column<double>(t.Data, "model_zones_per_s"));
        var pct = Column<double>(t.Data, "model_pct_of_" + PaperTargets.Linux);
        Assert.Equal(100.0, pct[0], 12);
        for (var i = 0; i < 3; i++) Assert.Equal(100 * model[i] / model[0], pct[i], 12);
        // the published percentages are the published zones/s ratios, rounded to 0.1
        var paper = Column<double>(t.Data, "paper_zones_per_s");
        for (var i = 0; i < 3; i++) Assert.Equal(Math.Round(100 * paper[i] / paper[0], 1), Column<double>(t.Data, "paper_pct_of_" + PaperTargets.Linux)[i], 12);
    }

    [Fact]
    public void Validation_table_has_every_result_in_order()
    {
        var t = ReportTables.Validation(Data);
        Assert.Equal(Data.Validation.Count, (int)t.Data.Rows.Count);
        Assert.Equal(ValidationTable.Columns.Select(c => c.Name), t.Data.Columns.Select(c => c.Name));
        Assert.Equal(Data.Validation.Select(v => v.Id), Column<string>(t.Data, "id"));
        Assert.Equal(Data.Validation.Select(v => v.Status), Column<string>(t.Data, "status"));
        Assert.Equal(Data.Validation.Select(v => v.EffectError), Column<double>(t.Data, "effect_error"));
        Assert.Contains(ValidationSummary.Of(Data.Validation).ToString(), t.Caption);
        Assert.Equal(["table1-lulesh-ddr4", "validation"], ReportTables.All(Data).Select(x => x.Name));
    }

    private static T[] Column<T>(DataFrame frame, string name) => frame.Columns[name].Cast<object?>().Select(v => (T)v!).ToArray();
}
