using Microsoft.Data.Analysis;
using PerfModel.Predictions;
using PerfModel.Profiles;
using PerfModel.Reports;
using PerfModel.Reports.Formats;
using PerfModel.Validation;

namespace PerfModel.Tests.Reports;

/// <summary>The notebook tables (<see cref="Tables"/>): one row per prediction with the documented columns, holding the
/// predictions' own numbers bit for bit; the long breakdown frame; the validation frame; what-if OSes and another
/// baseline.</summary>
public sealed class TablesTests
{
    private static readonly Study Study = Defaults.Study();

    /// <summary>Three applications (weak and strong scaling) on every OS at five node counts.</summary>
    private static readonly Sweep Sweep = Study.Sweep(apps: ["minife", "lulesh2", "lammps"], nodes: [1, 8, 64, 512, 2048]);

    /// <summary>The documented columns of <see cref="Tables.ToDataFrame(Sweep)"/>, in order.</summary>
    private static readonly string[] SweepColumns =
    [
        "app", "os", "nodes", "cores", "ranks", "runtime_s", "fom", "fom_unit", "relative_to_baseline", "relative_run_low", "relative_run_high",
        "run_min_s", "run_median_s", "run_max_s", "compute_s", "memory_s", "tlb_s", "heap_s", "noise_s", "communication_s", "syscall_s", "app_name", "os_name",
    ];

    /// <summary>The ratio columns, which only a sweep has.</summary>
    private static readonly string[] RatioColumns = ["relative_to_baseline", "relative_run_low", "relative_run_high"];

    [Fact]
    public void Sweep_frame_has_one_row_per_prediction_with_the_documented_columns_and_types()
    {
        var frame = Sweep.ToDataFrame();
        Assert.Equal(3 * 3 * 5, Sweep.Count);
        Assert.Equal(Sweep.Count, frame.Rows.Count);
        Assert.Equal(SweepColumns, frame.Columns.Select(c => c.Name));
        Assert.Equal(SweepColumns.Skip(14).Take(7), PredictionTable.Mechanisms.Select(m => Breakdown.ColumnName(m) + "_s"));
        var types = frame.Columns.ToDictionary(c => c.Name, c => c.DataType);
        foreach (var text in new[] { "app", "os", "fom_unit", "app_name", "os_name" }) Assert.Equal(typeof(string), types[text]);
        Assert.Equal(typeof(int), types["nodes"]);
        Assert.Equal(typeof(long), types["cores"]);
        Assert.Equal(typeof(long), types["ranks"]);
        foreach (var number in SweepColumns.Where(c => c.EndsWith("_s", StringComparison.Ordinal) || c is "fom" || RatioColumns.Contains(c)))
            Assert.Equal(typeof(double), types[number]);
        Assert.All(frame.Columns, c => Assert.Equal(0, c.NullCount));
    }

    [Fact]
    public void Sweep_frame_holds_the_predictions_numbers_bit_for_bit_in_sweep_order()
    {
        var frame = Sweep.ToDataFrame();
        for (var i = 0; i < Sweep.Count; i++)
        {
            var row = Sweep[i];
            var p = row.Prediction;
            var r = frame.Rows[i];
            Assert.Equal(p.App, r["app"]);
            Assert.Equal(p.Os, r["os"]);
            Assert.Equal(p.Nodes, r["nodes"]);
            Assert.Equal(p.Cores, r["cores"]);
            Assert.Equal(p.Ranks, r["ranks"]);
            // Assert.Equal on doubles without a precision is exact equality: the frame holds the same bits.
            Assert.Equal(p.Runtime.Seconds, (double)r["runtime_s"]);
            Assert.Equal(p.Fom, (double)r["fom"]);
            Assert.Equal(p.FomUnit, r["fom_unit"]);
            Assert.Equal(row.RelativeToBaseline, (double)r["relative_to_baseline"]);
            Assert.Equal(p.RelativeRangeTo(row.Baseline).Low, (double)r["relative_run_low"]);
            Assert.Equal(p.RelativeRangeTo(row.Baseline).High, (double)r["relative_run_high"]);
            Assert.True((double)r["relative_run_low"] <= row.RelativeToBaseline && row.RelativeToBaseline <= (double)r["relative_run_high"], $"row {i}: ratio outside its run range");
            Assert.Equal(p.Scenario.App.DisplayName, r["app_name"]);
            Assert.Equal(p.Scenario.Os.DisplayName, r["os_name"]);
            Assert.Equal(p.Spread.Min.Seconds, (double)r["run_min_s"]);
            Assert.Equal(p.Spread.Median.Seconds, (double)r["run_median_s"]);
            Assert.Equal(p.Spread.Max.Seconds, (double)r["run_max_s"]);
            foreach (var m in PredictionTable.Mechanisms)
                Assert.Equal(p.Breakdown[m].Seconds, (double)r[Breakdown.ColumnName(m) + "_s"]);
            Assert.True((double)r["run_min_s"] <= (double)r["run_median_s"] && (double)r["run_median_s"] <= (double)r["run_max_s"], $"row {i}: runs out of order");
            if (p.Os == Sweep.Baseline) Assert.Equal(1.0, (double)r["relative_to_baseline"]);
        }
    }

    [Fact]
    public void Prediction_frame_has_the_sweep_columns_without_the_ratio()
    {
        var predictions = Sweep.Select(r => r.Prediction).ToArray();
        var frame = predictions.ToDataFrame();
        Assert.Equal(SweepColumns.Where(c => !RatioColumns.Contains(c)), frame.Columns.Select(c => c.Name));
        Assert.Equal(predictions.Length, frame.Rows.Count);
        var full = Sweep.ToDataFrame();
        foreach (var column in frame.Columns)
            Assert.Equal(full.Columns[column.Name].Cast<object?>(), column.Cast<object?>());
    }

    [Fact]
    public void Breakdown_frame_has_one_row_per_prediction_and_mechanism_and_the_shares_add_up_to_one()
    {
        var frame = Sweep.ToBreakdownFrame();
        var mechanisms = PredictionTable.Mechanisms;
        Assert.Equal(["app", "os", "nodes", "mechanism", "seconds", "share"], frame.Columns.Select(c => c.Name));
        Assert.Equal(Sweep.Count * mechanisms.Count, frame.Rows.Count);
        for (var i = 0; i < Sweep.Count; i++)
        {
            var p = Sweep[i].Prediction;
            var shares = 0.0;
            for (var k = 0; k < mechanisms.Count; k++)
            {
                var r = frame.Rows[i * mechanisms.Count + k];
                Assert.Equal((p.App, p.Os, p.Nodes), ((string)r["app"], (string)r["os"], (int)r["nodes"]));
                Assert.Equal(Breakdown.ColumnName(mechanisms[k]), r["mechanism"]);
                Assert.Equal(p.Breakdown[mechanisms[k]].Seconds, (double)r["seconds"]);
                var share = (double)r["share"];
                Assert.InRange(share, 0, 1);
                Assert.Equal(p.Breakdown[mechanisms[k]].Seconds / p.Runtime.Seconds, share);
                shares += share;
            }
            // The breakdown adds up to the runtime, so the shares add up to 1 up to the rounding of seven additions.
            Assert.Equal(1.0, shares, 1e-12);
        }
    }

    [Fact]
    public void Validation_frame_is_the_validate_csv()
    {
        var results = PaperValidation.Evaluate(Study);
        var frame = results.ToDataFrame();
        Assert.Equal(["id", "quantity", "check", "paper", "model", "unit", "paper_effect", "model_effect", "model_effect_small_scale", "effect_error",
            "tolerance", "status", "validated", "fitted_parameters", "knife_edges", "tolerance_reason", "source"], frame.Columns.Select(c => c.Name));
        Assert.Equal(results.Length, frame.Rows.Count);
        Assert.Equal(results.Select(r => r.ModelValue), frame.Columns["model"].Cast<object?>().Select(v => (double)v!));
        Assert.Equal(ValidationTable.ToCsv(results), DataFrameCsv.ToCsv(frame));
    }

    [Fact]
    public void A_what_if_os_gets_its_own_rows_against_the_baseline()
    {
        var linux = Study.Os["linux"];
        var mos = Study.Os["mos"];
        var whatIf = mos with { Name = "mos-linux-heap", DisplayName = "mOS, Linux heap", Brk = linux.Brk };
        var sweep = Study.SweepOver([Study.App["lulesh2"]], [linux, mos, whatIf], [1, 64]);
        var frame = sweep.ToDataFrame();
        Assert.Equal(3 * 2, frame.Rows.Count);
        var os = frame.Columns["os"].Cast<object?>().Select(v => (string)v!).ToArray();
        Assert.Equal(["linux", "linux", "mos", "mos", "mos-linux-heap", "mos-linux-heap"], os);
        for (var i = 0; i < sweep.Count; i++)
        {
            Assert.Equal(sweep[i].RelativeToBaseline, (double)frame.Rows[i]["relative_to_baseline"]);
            Assert.Equal(sweep[i].Prediction.RelativeTo(sweep.Rows("lulesh2", "linux")[i % 2].Prediction), sweep[i].RelativeToBaseline);
        }
        // Linux's heap policy costs mOS heap time: the what-if is never faster than mOS.
        var heap = frame.Columns["heap_s"].Cast<object?>().Select(v => (double)v!).ToArray();
        Assert.True(heap[4] > heap[2] && heap[5] > heap[3], string.Join(", ", heap));
    }

    [Fact]
    public void Another_baseline_is_the_reference_of_every_ratio()
    {
        var study = Study with { Baseline = "mos" };
        var sweep = study.Sweep(apps: ["minife"], nodes: [1, 1024]);
        Assert.Equal("mos", sweep.Baseline);
        var frame = sweep.ToDataFrame();
        Assert.Equal(SweepColumns, frame.Columns.Select(c => c.Name));
        for (var i = 0; i < sweep.Count; i++)
        {
            var p = sweep[i].Prediction;
            var baseline = sweep.Rows("minife", "mos").Single(r => r.Prediction.Nodes == p.Nodes).Prediction;
            Assert.Equal(p.RelativeTo(baseline), (double)frame.Rows[i]["relative_to_baseline"]);
            if (p.Os == "mos") Assert.Equal(1.0, (double)frame.Rows[i]["relative_to_baseline"]);
        }
        // The same predictions as against Linux: only the ratios change.
        var againstLinux = Study.Sweep(apps: ["minife"], nodes: [1, 1024]).ToDataFrame();
        Assert.Equal(againstLinux.Columns["runtime_s"].Cast<object?>(), frame.Columns["runtime_s"].Cast<object?>());
    }
}
