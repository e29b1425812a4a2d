using System.Collections.Immutable;
using PerfModel.Validation;

namespace PerfModel.Calibration.Fitting;

/// <summary>The outcome of <see cref="PaperFit.Fit"/>.</summary>
/// <param name="Target">The row fitted to.</param>
/// <param name="Scale">The common scale factor found (before rounding the values).</param>
/// <param name="Values">Each fitted parameter before and after.</param>
/// <param name="Before">The row with the values the fit started from.</param>
/// <param name="After">The row with the fitted, rounded values.</param>
/// <param name="Fitted">The study with the fitted values.</param>
/// <param name="Evaluations">How many times the row was evaluated.</param>
public sealed record PaperFitResult(
    PaperTarget Target,
    [property: Dimensionless("a scale factor")] double Scale,
    ImmutableArray<FittedValue> Values,
    ValidationResult Before,
    ValidationResult After,
    Study Fitted,
    int Evaluations)
{
    /// <summary>Whether the stored values already are the fit: every value rounds to what it was.</summary>
    public bool Unchanged => Values.All(v => v.Before == v.After);
}
