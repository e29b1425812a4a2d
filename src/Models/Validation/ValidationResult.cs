namespace PerfModel.Validation;

/// <summary>One published number next to the model's value.</summary>
/// <param name="Target">The published number.</param>
/// <param name="ModelValue">The model's value, in the target's unit.</param>
public sealed record ValidationResult(PaperTarget Target, [property: Units.Dimensionless("the model's value, in the target's unit")] double ModelValue)
{
    /// <summary>Tolerance for calling an approximate target met: 10% relative (the paper's own run-to-run spread at scale is of that order).</summary>
    public const double ApproximateTolerance = 0.10;

    /// <summary>The target's identifier.</summary>
    public string Id => Target.Id;

    /// <summary>What is compared.</summary>
    public string Quantity => Target.Quantity;

    /// <summary>Value or bound.</summary>
    public TargetComparison Comparison => Target.Comparison;

    /// <summary>The published number.</summary>
    [Units.Dimensionless("the published number, in Unit")]
    public double PaperValue => Target.PaperValue;

    /// <summary>Unit of both numbers.</summary>
    public string Unit => Target.Unit;

    /// <summary>Where the published number is.</summary>
    public string Source => Target.Source;

    /// <summary>True when a parameter was fitted to this number.</summary>
    public bool Fitted => Target.Fitted;

    /// <summary>(model − paper) / paper, in percent.</summary>
    [Units.Dimensionless("percent")]
    public double ErrorPercent => 100 * (ModelValue - PaperValue) / PaperValue;

    /// <summary>Whether the model reproduces the value within the tolerance, or respects the bound.</summary>
    public bool Met => Comparison switch
    {
        TargetComparison.AtMost => ModelValue <= PaperValue,
        TargetComparison.AtLeast => ModelValue >= PaperValue,
        _ => Math.Abs(ModelValue - PaperValue) <= ApproximateTolerance * Math.Abs(PaperValue),
    };

    /// <summary>"fitted", "ok", "MISS" (approximate targets) or "holds", "VIOLATED" (bounds).</summary>
    public string Status => Fitted ? "fitted" : Comparison == TargetComparison.Approximately ? (Met ? "ok" : "MISS") : (Met ? "holds" : "VIOLATED");

    /// <summary>The paper value with its comparison sign.</summary>
    public string PaperText => Target.PaperText;
}
