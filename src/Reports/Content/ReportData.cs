using PerfModel.Predictions;
using PerfModel.Validation;

namespace PerfModel.Reports.Content;

/// <summary>Everything the report plots, computed once from a study (pure).</summary>
/// <param name="Study">Platform, OSes, applications, baseline OS and predictor.</param>
/// <param name="Sweep">Every application × OS × the application's default node counts, with the ratio to the baseline OS.</param>
/// <param name="Validation">Published numbers of P18 next to the model's (<see cref="PaperValidation.Evaluate(Study)"/>).</param>
public sealed record ReportData(Study Study, Sweep Sweep, IReadOnlyList<ValidationResult> Validation)
{
    /// <summary>The report data of <paramref name="study"/>: <c>study.Sweep()</c> (each application at its default node
    /// counts) and <see cref="PaperValidation.Evaluate(Study)"/>.</summary>
    /// <exception cref="KeyNotFoundException">The study lacks an OS or application a published target needs.</exception>
    public static ReportData Compute(Study study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return new(study, study.Sweep(), PaperValidation.Evaluate(study));
    }

    /// <summary>This report data with the knife edges of its validation rows (<see cref="PerfModel.Profiles.Sensitivity.Annotate"/>:
    /// parameters that flip a row inside their declared range). Seconds, not milliseconds: every ranged parameter is moved
    /// to both ends of its range.</summary>
    /// <param name="progress">Receives each parameter as its search ends (null: no reports).</param>
    public ReportData WithKnifeEdges(IProgress<PerfModel.Profiles.KnifeEdgeProgress>? progress = null) =>
        this with { Validation = PerfModel.Profiles.Sensitivity.Annotate(Study, Validation, progress) };

    /// <summary>Name of the OS every figure compares against (<see cref="PerfModel.Sweep.Baseline"/>).</summary>
    public string Baseline => Sweep.Baseline;

    /// <summary>Rows of one application and OS, ordered by nodes.</summary>
    public IReadOnlyList<SweepRow> Rows(string app, string os) => Sweep.Rows(app, os);

    /// <summary>Rows of one application on the baseline OS, ordered by nodes.</summary>
    public IReadOnlyList<SweepRow> BaselineRows(string app) => Sweep.Rows(app, Baseline);

    /// <summary>The names of the study's OSes other than the baseline, in display order.</summary>
    public IReadOnlyList<string> OtherOses => Study.Oses.Select(o => o.Name).Where(o => o != Baseline).ToArray();

    /// <summary>Display name of an OS in legends and captions (<see cref="OsStyle.Display"/> with the profile's display name).</summary>
    public string Display(string os) => OsStyle.Display(os, Study.Os.Contains(os) ? Study.Os[os].DisplayName : null);

    /// <summary>Colour of an OS in every figure (<see cref="OsStyle.Colour(string, IEnumerable{string})"/> among the study's OSes).</summary>
    public string Colour(string os) => OsStyle.Colour(os, Study.Oses.Select(o => o.Name));

    /// <summary>Relative performance vs the baseline of the expected fastest and slowest of five runs (the paper's error
    /// bars): the OS's FOM at its max/min runtime (<see cref="Prediction.Spread"/>) over the baseline's expected FOM.</summary>
    /// <param name="row">The OS's row.</param>
    /// <param name="baselineRow">The baseline OS's row at the same node count.</param>
    public static (double Low, double High) RelativeRange(SweepRow row, SweepRow baselineRow)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(baselineRow);
        return RelativeRange(row.Prediction, baselineRow.Prediction);
    }

    /// <summary>As <see cref="RelativeRange(SweepRow, SweepRow)"/> against the row's own baseline prediction.</summary>
    public static (double Low, double High) RelativeRange(SweepRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return RelativeRange(row.Prediction, row.Baseline);
    }

    /// <summary>As <see cref="RelativeRange(SweepRow, SweepRow)"/> for two predictions of the same application and node count.</summary>
    public static (double Low, double High) RelativeRange(Prediction prediction, Prediction baseline)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        return prediction.RelativeRangeTo(baseline);
    }
}
