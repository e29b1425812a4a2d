using PerfModel.Calibration.Profiles;
using PerfModel.Calibration.Validation;
using PerfModel.Predictions;

namespace PerfModel.Reports.Content;

/// <summary>Everything the report plots, computed once from a profile set (pure).</summary>
/// <param name="Profiles">Platform, OSes, applications.</param>
/// <param name="Sweep">Every application × OS × default node count, with the ratio to Linux.</param>
/// <param name="Validation">Published numbers next to the model's.</param>
public sealed record ReportData(ProfileSet Profiles, IReadOnlyList<SweepRow> Sweep, IReadOnlyList<ValidationResult> Validation)
{
    public static ReportData Compute(ProfileSet set) =>
        new(set, PerfModel.Predictions.Sweep.Run(set.Platform, set.Os("linux"), set.Oses, set.Apps, a => a.DefaultNodes), PublishedTargets.Evaluate(set));

    /// <summary>Rows of one application and OS, ordered by nodes.</summary>
    public IReadOnlyList<SweepRow> Rows(string app, string os) =>
        Sweep.Where(r => r.Prediction.App == app && r.Prediction.Os == os).OrderBy(r => r.Prediction.Nodes).ToArray();

    /// <summary>Relative performance vs Linux of the expected fastest and slowest of five runs (the paper's error bars):
    /// the OS's FOM at its min/max runtime over Linux's expected FOM.</summary>
    public static (double Low, double High) RelativeRange(SweepRow row, SweepRow linux)
    {
        var (min, max) = row.Prediction.RuntimeRangeOfFiveRuns();
        var a = row.Prediction.FomAt(max) / linux.Prediction.Fom;
        var b = row.Prediction.FomAt(min) / linux.Prediction.Fom;
        return row.Prediction.HigherIsBetter ? (a, b) : (1 / b, 1 / a);
    }
}
