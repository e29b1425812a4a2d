using System.Globalization;

namespace PerfModel.Validation;

/// <summary>One published number next to the model's: compared on the effect, with the effect error and whether the
/// target is met.</summary>
/// <param name="Target">The published number and how it is compared.</param>
/// <param name="Model">The model's number and effect.</param>
public sealed record ValidationResult(PaperTarget Target, Measurement Model)
{
    /// <summary>Parameters that flip this row's verdict within their own declared range (empty until
    /// PerfModel.Profiles.Sensitivity has looked; a row with a knife edge is decided by an uncertain number).</summary>
    public System.Collections.Immutable.ImmutableArray<KnifeEdge> KnifeEdges { get; init; } = [];

    /// <summary>The target's identifier.</summary>
    public string Id => Target.Id;

    /// <summary>What is compared.</summary>
    public string Quantity => Target.Quantity;

    /// <summary>The published number.</summary>
    [Units.Dimensionless("the published number, in Unit")]
    public double PaperValue => Target.PaperValue;

    /// <summary>The model's number.</summary>
    [Units.Dimensionless("the model's number, in Unit")]
    public double ModelValue => Model.Value;

    /// <summary>Unit of both numbers.</summary>
    public string Unit => Target.Unit;

    /// <summary>Where the published number is.</summary>
    public string Source => Target.Source;

    /// <summary>True when parameters were fitted to this number.</summary>
    public bool Fitted => Target.Fitted;

    /// <summary>Model effect − paper effect (effect units: 0.01 = 1 percentage point, or a log ratio); for an anchor the
    /// relative error; for a shape how far the model is past (+) or short of (−) the bound.</summary>
    [Units.Dimensionless("effect error in effect units")]
    public double EffectError => Target.Check switch
    {
        TargetCheck.Anchor => (Model.Value - Target.PaperValue) / Target.PaperValue,
        TargetCheck.AtLeast or TargetCheck.LeavesWindow => Model.Effect - Target.PaperEffect,
        TargetCheck.Crossover => Math.Min((Model.Detail ?? 0) - Target.PaperEffect, -Model.Effect),
        _ => Model.Effect - Target.PaperEffect,
    };

    /// <summary>Whether the model meets the target: within the tolerance, or on the right side of the bound (a crossover
    /// needs its advantage at the small scale and none at the large scale).</summary>
    public bool Met => Target.Check switch
    {
        TargetCheck.AtLeast => Model.Effect >= Target.PaperEffect,
        TargetCheck.LeavesWindow => Model.Effect > Target.PaperEffect,
        TargetCheck.Crossover => (Model.Detail ?? 0) >= Target.PaperEffect && Model.Effect <= 0,
        _ => Math.Abs(EffectError) <= Target.Tolerance,
    };

    /// <summary>"fitted" (a parameter was fitted to it), "ok" / "MISS" (values), "holds" / "VIOLATED" (shapes).</summary>
    public string Status => Fitted ? "fitted"
        : Target.Check is TargetCheck.Anchor or TargetCheck.Effect or TargetCheck.LogRatio ? (Met ? "ok" : "MISS")
        : Met ? "holds" : "VIOLATED";

    /// <summary>The model's effect as text, like <see cref="PaperTarget.PaperText"/>.</summary>
    public string ModelText => Target.Check switch
    {
        TargetCheck.Anchor => Model.Value.ToString("G5", CultureInfo.InvariantCulture),
        TargetCheck.LogRatio => Model.Value.ToString("G3", CultureInfo.InvariantCulture) + "x",
        TargetCheck.LeavesWindow => Model.Effect.ToString("0.00", CultureInfo.InvariantCulture),
        TargetCheck.Crossover => $"{PaperTarget.Percent(Model.Detail ?? 0)} then {PaperTarget.Percent(Model.Effect)}",
        _ => PaperTarget.Percent(Model.Effect),
    };

    /// <summary>The effect error as text: "−6.4 pp", "ln −1.04", "+1.2%" (anchor), "−0.4 pp" (short of a bound).</summary>
    public string ErrorText => Target.Check switch
    {
        TargetCheck.Anchor => (100 * EffectError).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + "%",
        TargetCheck.LogRatio => "ln " + EffectError.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture),
        TargetCheck.LeavesWindow => EffectError.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture),
        _ => (100 * EffectError).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " pp",
    };
}
