using Microsoft.Data.Analysis;
using PerfModel.Validation;

namespace PerfModel.Reports.Content;

/// <summary>The tables of the report, built from <see cref="ReportData"/> (pure).</summary>
public static class ReportTables
{
    /// <summary>Table I, then the validation table.</summary>
    public static IReadOnlyList<ReportTable> All(ReportData data) => [TableOne(data), Validation(data)];

    /// <summary>P18 Table I: Lulesh on one node from DDR4 only, zones/s and % of Linux, the model next to the paper.
    /// Configurations, published zones/s and printed percentages come from <see cref="PaperTargets.TableOne"/>; model
    /// values are the validation results of the same targets (table1-linux, table1-mos-noheap, table1-mos).</summary>
    /// <exception cref="KeyNotFoundException">A Table I target is missing from the validation results.</exception>
    public static ReportTable TableOne(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var rows = PaperTargets.TableOne;
        var results = rows.Select(r => data.Validation.FirstOrDefault(v => v.Id == r.Target.Id)
            ?? throw new KeyNotFoundException($"validation result '{r.Target.Id}' (Table I) is missing")).ToArray();
        var modelLinux = results[0].ModelValue;
        var frame = new DataFrame(
            new StringDataFrameColumn("configuration", rows.Select(r => r.Configuration)),
            new DoubleDataFrameColumn("paper_zones_per_s", results.Select(r => r.PaperValue)),
            new DoubleDataFrameColumn("model_zones_per_s", results.Select(r => r.ModelValue)),
            new DoubleDataFrameColumn("paper_pct_of_" + PaperTargets.Linux, rows.Select(r => r.PaperPercentOfLinux)),
            new DoubleDataFrameColumn("model_pct_of_" + PaperTargets.Linux, results.Select(r => 100 * r.ModelValue / modelLinux)),
            new DoubleDataFrameColumn("effect_error_pp", results.Select(r => 100 * (r.Model.Value / modelLinux - r.Target.PaperValue / rows[0].Target.PaperValue))),
            new StringDataFrameColumn("status", results.Select(r => r.Status)));
        return new ReportTable("table1-lulesh-ddr4", "Table I: Lulesh from DDR4 only, one node",
            "Lulesh figure of merit (zones/s) on one Oakforest-PACS node with all memory in DDR4: Linux, mOS with its heap " +
            "management disabled (Linux's brk policy) and regular mOS, as % of Linux. Paper values from P18 Table I next to the " +
            "model's; the Linux value was used to fit Lulesh's compute and memory cost (status 'fitted'), the two mOS rows are predictions " +
            "compared on their effect: effect_error_pp = model % of Linux - paper % of Linux, each against its own Linux.",
            frame);
    }

    /// <summary>Every published number next to the model's, compared on the size of its effect (the <c>validate</c>
    /// command as a table; <see cref="Tables.ToDataFrame(IEnumerable{ValidationResult})"/>).</summary>
    public static ReportTable Validation(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new ReportTable("validation", "Validation: published numbers vs the model",
            "Every published number of P18 the model is held to, compared on the size of its effect (ratio - 1, or a log ratio " +
            "for a large factor) against the model's own Linux, so that a model without the effect fails; shapes (a drop, a " +
            "crossover, leaving the 0.75-1.75 window of Fig. 4) are explicit checks. " + ValidationSummary.Of(data.Validation) +
            " tolerance_reason says why each tolerance is what it is; fitted_parameters names what was fitted to a row; " +
            "knife_edges names parameters that flip a row inside their own declared range.",
            data.Validation.ToDataFrame());
    }
}
