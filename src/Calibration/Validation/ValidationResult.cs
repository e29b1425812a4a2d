using System.Globalization;

namespace PerfModel.Calibration.Validation;

/// <summary>One published number next to the model's value.</summary>
/// <param name="Id">Short identifier.</param>
/// <param name="Quantity">What is compared.</param>
/// <param name="Comparison">Value or bound.</param>
/// <param name="PaperValue">The published number (facts.md).</param>
/// <param name="ModelValue">The model's value.</param>
/// <param name="Unit">Unit of both.</param>
/// <param name="Source">Where the published number is (P18 section / table / figure, facts.md entry).</param>
/// <param name="Fitted">True when a model parameter was fitted to this number: the row shows the fit, not a prediction.</param>
public sealed record ValidationResult(string Id, string Quantity, TargetComparison Comparison, double PaperValue, double ModelValue, string Unit, string Source, bool Fitted)
{
    /// <summary>Tolerance for calling an approximate target met: 10% relative (the paper's own run-to-run spread at scale is of that order).</summary>
    public const double ApproximateTolerance = 0.10;

    /// <summary>(model − paper) / paper, in percent.</summary>
    public double ErrorPercent => 100 * (ModelValue - PaperValue) / PaperValue;

    public bool Met => Comparison switch
    {
        TargetComparison.AtMost => ModelValue <= PaperValue,
        TargetComparison.AtLeast => ModelValue >= PaperValue,
        _ => Math.Abs(ModelValue - PaperValue) <= ApproximateTolerance * Math.Abs(PaperValue),
    };

    /// <summary>"fitted", "ok", "MISS" (approximate targets) or "holds", "VIOLATED" (bounds).</summary>
    public string Status => Fitted ? "fitted" : Comparison == TargetComparison.Approximately ? (Met ? "ok" : "MISS") : (Met ? "holds" : "VIOLATED");

    /// <summary>The paper value with its comparison sign: "8959", "&lt;= 1", "&gt;= 1".</summary>
    public string PaperText => (Comparison switch { TargetComparison.AtMost => "<= ", TargetComparison.AtLeast => ">= ", _ => "" })
                               + PaperValue.ToString("G5", CultureInfo.InvariantCulture);
}
