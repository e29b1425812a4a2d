using Microsoft.Data.Analysis;
using PerfModel.Calibration.Validation;
using PerfModel.Reports.Content;

namespace PerfModel.Reports.Tables;

/// <summary>The tables of the report, built from <see cref="ReportData"/> (pure).</summary>
public static class ReportTables
{
    /// <summary>The published Table I percentages of Linux (P18 Table I), as printed.</summary>
    public static readonly IReadOnlyList<double> TableOnePaperPercent = [100.0, 106.6, 121.0];

    private static readonly (string Id, string Configuration)[] TableOneRows =
    [
        ("table1-linux", "Linux"),
        ("table1-mos-noheap", "mOS, heap management disabled"),
        ("table1-mos", "mOS (regular)"),
    ];

    /// <summary>Table I, then the validation table.</summary>
    public static IReadOnlyList<ReportTable> All(ReportData data) => [TableOne(data), Validation(data)];

    /// <summary>P18 Table I: Lulesh on one node from DDR4 only, zones/s and % of Linux, the model next to the paper.
    /// Model values are the validation results table1-linux, table1-mos-noheap and table1-mos.</summary>
    public static ReportTable TableOne(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var results = TableOneRows.Select(r => data.Validation.FirstOrDefault(v => v.Id == r.Id)
            ?? throw new KeyNotFoundException($"validation result '{r.Id}' (Table I) is missing")).ToArray();
        var modelLinux = results[0].ModelValue;
        var frame = new DataFrame(
            new StringDataFrameColumn("configuration", TableOneRows.Select(r => r.Configuration)),
            new DoubleDataFrameColumn("paper_zones_per_s", results.Select(r => r.PaperValue)),
            new DoubleDataFrameColumn("model_zones_per_s", results.Select(r => r.ModelValue)),
            new DoubleDataFrameColumn("paper_pct_of_linux", TableOnePaperPercent),
            new DoubleDataFrameColumn("model_pct_of_linux", results.Select(r => 100 * r.ModelValue / modelLinux)),
            new DoubleDataFrameColumn("error_pct", results.Select(r => r.ErrorPercent)),
            new StringDataFrameColumn("status", results.Select(r => r.Status)));
        return new ReportTable("table1-lulesh-ddr4", "Table I: Lulesh from DDR4 only, one node",
            "Lulesh figure of merit (zones/s) on one Oakforest-PACS node with all memory in DDR4: Linux, mOS with its heap " +
            "management disabled (Linux's brk policy) and regular mOS, as % of Linux. Paper values from P18 Table I next to the " +
            "model's; the Linux value was used to fit Lulesh's compute and memory cost (status 'fitted'), the two mOS rows are predictions.",
            frame);
    }

    /// <summary>Every published number next to the model's value (the <c>validate</c> command as a table).</summary>
    public static ReportTable Validation(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var v = data.Validation;
        var frame = new DataFrame(
            new StringDataFrameColumn("id", v.Select(r => r.Id)),
            new StringDataFrameColumn("quantity", v.Select(r => r.Quantity)),
            new StringDataFrameColumn("comparison", v.Select(r => Comparison(r.Comparison))),
            new DoubleDataFrameColumn("paper", v.Select(r => r.PaperValue)),
            new DoubleDataFrameColumn("model", v.Select(r => r.ModelValue)),
            new StringDataFrameColumn("unit", v.Select(r => r.Unit)),
            new DoubleDataFrameColumn("error_pct", v.Select(r => r.ErrorPercent)),
            new StringDataFrameColumn("status", v.Select(r => r.Status)),
            new StringDataFrameColumn("source", v.Select(r => r.Source)));
        var predicted = v.Count(r => !r.Fitted);
        var met = v.Count(r => !r.Fitted && r.Met);
        return new ReportTable("validation", "Validation: published numbers vs the model",
            FormattableString.Invariant($"Every published number of P18 the model is held to. {predicted} are predictions: {met} within {ValidationResult.ApproximateTolerance * 100:0}% ") +
            FormattableString.Invariant($"of the paper or inside their bound ('ok', 'holds'), {predicted - met} not ('MISS', 'VIOLATED'). {v.Count - predicted} were used ") +
            "to fit a parameter ('fitted'): those rows show the fit, not a prediction. " +
            "Comparison '~' is an approximate value, '<=' and '>=' are bounds; error_pct = 100 (model - paper) / paper.",
            frame);
    }

    private static string Comparison(TargetComparison c) => c switch { TargetComparison.AtMost => "<=", TargetComparison.AtLeast => ">=", _ => "~" };
}
