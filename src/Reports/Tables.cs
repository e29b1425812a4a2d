using Microsoft.Data.Analysis;
using PerfModel.Predictions;
using PerfModel.Reports.Formats;
using PerfModel.Validation;

namespace PerfModel.Reports;

/// <summary>
/// Tidy <see cref="DataFrame"/>s of predictions, sweeps and validation results for notebooks and scripts:
/// <code>
/// var sweep = Defaults.Study().Sweep(apps: ["minife"], nodes: Nodes.PowersOfTwo(1, 1024));
/// var frame = sweep.ToDataFrame();          // one row per prediction
/// var parts = sweep.ToBreakdownFrame();     // one row per prediction and mechanism
/// </code>
/// Column names are snake case with their unit as a suffix (<c>runtime_s</c>); numbers are doubles, node counts
/// <see cref="int"/> and core/rank counts <see cref="long"/>; rows come in the order of the input; nothing depends on the
/// current culture. Save one with <c>DataFrame.SaveCsv(frame, path, cultureInfo: CultureInfo.InvariantCulture)</c> or
/// <see cref="DataFrameCsv.ToCsv"/>.
/// </summary>
public static class Tables
{
    /// <summary>
    /// One row per prediction of the sweep: app, os, nodes, cores, ranks, runtime_s, fom, fom_unit, relative_to_baseline
    /// (FOM ratio to <see cref="Sweep.Baseline"/>, &gt; 1 = faster), relative_run_low and relative_run_high (the ratio of
    /// the expected slowest and fastest of five runs, <see cref="Prediction.RelativeRangeTo"/>: P18's error bars),
    /// run_min_s, run_median_s, run_max_s (expected fastest, median and slowest of five runs, <see cref="Prediction.Spread"/>),
    /// then one &lt;mechanism&gt;_s column per breakdown mechanism in breakdown order (compute_s, memory_s, tlb_s, heap_s,
    /// noise_s, communication_s, syscall_s; other_s only when a model reports it), then app_name and os_name (display names).
    /// </summary>
    public static DataFrame ToDataFrame(this Sweep sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        return PredictionFrame(sweep.Select(r => r.Prediction).ToArray(), sweep.ToArray());
    }

    /// <summary>The columns of <see cref="ToDataFrame(Sweep)"/> without the three ratio columns: one row per prediction.</summary>
    public static DataFrame ToDataFrame(this IEnumerable<Prediction> predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        return PredictionFrame(predictions.ToArray(), null);
    }

    /// <summary>
    /// The sweep in long form, one row per prediction and breakdown mechanism (breakdown order, as in
    /// <see cref="ToDataFrame(Sweep)"/>): app, os, nodes, mechanism ("compute", "memory", …), seconds (the mechanism's time
    /// in the run) and share (seconds / runtime, a fraction in [0, 1]). Ready for grouping and stacked bars.
    /// </summary>
    public static DataFrame ToBreakdownFrame(this Sweep sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var predictions = sweep.Select(r => r.Prediction).ToArray();
        var mechanisms = PredictionTable.MechanismsOf(predictions);
        var rows = (from p in predictions from m in mechanisms select (P: p, M: m)).ToArray();
        return new DataFrame(
            new StringDataFrameColumn("app", rows.Select(r => r.P.App)),
            new StringDataFrameColumn("os", rows.Select(r => r.P.Os)),
            new Int32DataFrameColumn("nodes", rows.Select(r => r.P.Nodes)),
            new StringDataFrameColumn("mechanism", rows.Select(r => Breakdown.ColumnName(r.M))),
            new DoubleDataFrameColumn("seconds", rows.Select(r => r.P.Breakdown[r.M].Seconds)),
            new DoubleDataFrameColumn("share", rows.Select(r => r.P.Breakdown[r.M].Seconds / r.P.Runtime.Seconds)));
    }

    /// <summary>
    /// One row per published number, compared on the size of its effect, with the columns of
    /// <see cref="ValidationTable.Columns"/> (id, quantity, check, paper, model, unit, paper_effect, model_effect,
    /// model_effect_small_scale, effect_error, tolerance, status, validated, fitted_parameters, knife_edges,
    /// tolerance_reason, source). The same table as the report's validation table and <c>perfmodel validate --format csv</c>.
    /// </summary>
    public static DataFrame ToDataFrame(this IEnumerable<ValidationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var v = results.ToArray();
        return new DataFrame(ValidationTable.Columns.Select(c => c.Kind switch
        {
            ValidationColumnKind.Number => (DataFrameColumn)new DoubleDataFrameColumn(c.Name, v.Select(r => (double?)c.Get(r))),
            ValidationColumnKind.Flag => new BooleanDataFrameColumn(c.Name, v.Select(r => (bool)c.Get(r)!)),
            _ => new StringDataFrameColumn(c.Name, v.Select(r => (string)c.Get(r)!)),
        }));
    }

    /// <summary>The closed form next to the wall-clock simulator, one row per rank count
    /// (<see cref="PerfModel.Noise.NoiseComparison"/>): ranks, step ("first" or "stationary"), noise_free_s,
    /// closed_form_step_s, simulated_step_s, simulated_se_s (standard error), relative_difference, standard_errors,
    /// agrees.</summary>
    public static DataFrame ToDataFrame(this IEnumerable<PerfModel.Noise.NoiseComparisonRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var r = rows.ToArray();
        return new DataFrame(
            new Int64DataFrameColumn("ranks", r.Select(x => x.Ranks)),
            new StringDataFrameColumn("step", r.Select(x => x.FirstStep ? "first" : "stationary")),
            new DoubleDataFrameColumn("noise_free_s", r.Select(x => x.NoiseFreeStep.Seconds)),
            new DoubleDataFrameColumn("closed_form_step_s", r.Select(x => x.ClosedFormStep.Seconds)),
            new DoubleDataFrameColumn("simulated_step_s", r.Select(x => x.SimulatedStep.Seconds)),
            new DoubleDataFrameColumn("simulated_se_s", r.Select(x => x.SimulatedStandardError.Seconds)),
            new DoubleDataFrameColumn("relative_difference", r.Select(x => x.RelativeDifference)),
            new DoubleDataFrameColumn("standard_errors", r.Select(x => x.StandardErrors)),
            new BooleanDataFrameColumn("agrees", r.Select(x => x.Agrees)));
    }

    /// <summary>A parameter sweep as one table: the parameter's value, then the columns of <see cref="ToDataFrame(Sweep)"/>
    /// for each prediction at that value.</summary>
    public static DataFrame ToDataFrame(this PerfModel.Profiles.ParameterSweepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var frames = result.Points.Select(p => (p.Value, Frame: p.Sweep.ToDataFrame())).ToArray();
        var first = frames[0].Frame;
        var value = new DoubleDataFrameColumn("value", frames.SelectMany(f => Enumerable.Repeat(f.Value, (int)f.Frame.Rows.Count)));
        var columns = new List<DataFrameColumn> { value };
        for (var c = 0; c < first.Columns.Count; c++)
        {
            var column = first.Columns[c].Clone();
            foreach (var f in frames.Skip(1)) column = Append(column, f.Frame.Columns[c]);
            columns.Add(column);
        }
        return new DataFrame(columns);
    }

    /// <summary>How a what-if study differs from the defaults (<see cref="PerfModel.Profiles.WhatIf.Changes"/>): kind,
    /// profile, path, before, after.</summary>
    public static DataFrame ToDataFrame(this IEnumerable<PerfModel.Profiles.ProfileChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var c = changes.ToArray();
        return new DataFrame(
            new StringDataFrameColumn("kind", c.Select(x => x.Kind)),
            new StringDataFrameColumn("profile", c.Select(x => x.Profile)),
            new StringDataFrameColumn("path", c.Select(x => x.Path)),
            new StringDataFrameColumn("before", c.Select(x => x.Before)),
            new StringDataFrameColumn("after", c.Select(x => x.After)));
    }

    private static DataFrameColumn Append(DataFrameColumn head, DataFrameColumn tail)
    {
        var all = head.Clone();
        var n = head.Length;
        all = all.Clone(numberOfNullsToAppend: tail.Length);
        for (long i = 0; i < tail.Length; i++) all[n + i] = tail[i];
        return all;
    }

    private static DataFrame PredictionFrame(IReadOnlyList<Prediction> p, IReadOnlyList<SweepRow>? rows)
    {
        var columns = new List<DataFrameColumn>
        {
            new StringDataFrameColumn("app", p.Select(x => x.App)),
            new StringDataFrameColumn("os", p.Select(x => x.Os)),
            new Int32DataFrameColumn("nodes", p.Select(x => x.Nodes)),
            new Int64DataFrameColumn("cores", p.Select(x => x.Cores)),
            new Int64DataFrameColumn("ranks", p.Select(x => x.Ranks)),
            new DoubleDataFrameColumn("runtime_s", p.Select(x => x.Runtime.Seconds)),
            new DoubleDataFrameColumn("fom", p.Select(x => x.Fom)),
            new StringDataFrameColumn("fom_unit", p.Select(x => x.FomUnit)),
        };
        if (rows is not null)
        {
            columns.Add(new DoubleDataFrameColumn("relative_to_baseline", rows.Select(r => r.RelativeToBaseline)));
            var ranges = rows.Select(r => r.Prediction.RelativeRangeTo(r.Baseline)).ToArray();
            columns.Add(new DoubleDataFrameColumn("relative_run_low", ranges.Select(r => r.Low)));
            columns.Add(new DoubleDataFrameColumn("relative_run_high", ranges.Select(r => r.High)));
        }
        columns.Add(new DoubleDataFrameColumn("run_min_s", p.Select(x => x.Spread.Min.Seconds)));
        columns.Add(new DoubleDataFrameColumn("run_median_s", p.Select(x => x.Spread.Median.Seconds)));
        columns.Add(new DoubleDataFrameColumn("run_max_s", p.Select(x => x.Spread.Max.Seconds)));
        foreach (var m in PredictionTable.MechanismsOf(p))
            columns.Add(new DoubleDataFrameColumn(Breakdown.ColumnName(m) + "_s", p.Select(x => x.Breakdown[m].Seconds)));
        columns.Add(new StringDataFrameColumn("app_name", p.Select(x => x.Scenario.App.DisplayName)));
        columns.Add(new StringDataFrameColumn("os_name", p.Select(x => x.Scenario.Os.DisplayName)));
        return new DataFrame(columns);
    }
}
