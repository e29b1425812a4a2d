using System.Collections.Immutable;
using System.Globalization;

namespace PerfModel.Validation;

/// <summary>
/// One published number of the paper (P18 = Gerofi et al., IPDPS 2018) the model is held to, with how it is compared and
/// why the tolerance is what it is.
/// </summary>
public sealed record PaperTarget
{
    /// <summary>Short identifier, e.g. "table1-mos".</summary>
    public required string Id { get; init; }

    /// <summary>What is compared.</summary>
    public required string Quantity { get; init; }

    /// <summary>How it is compared.</summary>
    public required TargetCheck Check { get; init; }

    /// <summary>The published number as the paper gives it (zones/s, or a ratio to the baseline).</summary>
    [Units.Dimensionless("the published number, in Unit")]
    public required double PaperValue { get; init; }

    /// <summary>The published effect: the ratio − 1 (0.066 for +6.6 %); the bound for a shape; ln of the factor for a log
    /// ratio; 0 for an anchor.</summary>
    [Units.Dimensionless("effect: ratio − 1, or ln of a factor")]
    public required double PaperEffect { get; init; }

    /// <summary>Largest accepted |model effect − paper effect| (in effect units: 0.03 = 3 percentage points; a log ratio
    /// for <see cref="TargetCheck.LogRatio"/>; relative for an anchor); 0 for shapes.</summary>
    [Units.Dimensionless("tolerance in effect units")]
    public required double Tolerance { get; init; }

    /// <summary>Why the tolerance (or the bound) is what it is.</summary>
    public required string ToleranceReason { get; init; }

    /// <summary>Unit of <see cref="PaperValue"/> ("z/s", "ratio").</summary>
    public required string Unit { get; init; }

    /// <summary>Where the number is in the paper (section, table, figure).</summary>
    public required string Source { get; init; }

    /// <summary>Whether the number says an OS differs from Linux (every such row must fail when all OSes are Linux).</summary>
    public required bool ClaimsOsEffect { get; init; }

    /// <summary>The profile parameters fitted to this number; a fitted row shows the fit, not a prediction, and never
    /// counts as validated. Each parameter's provenance says FITTED and names this row.</summary>
    public ImmutableArray<Descriptions.ProfileParameter> FittedParameters { get; init; } = [];

    /// <summary>True when parameters were fitted to this number.</summary>
    public bool Fitted => !FittedParameters.IsDefaultOrEmpty;

    /// <summary>The paper's number with its check: "8959", "+6.6%", "7x", "≥ +1.0%".</summary>
    public string PaperText => Check switch
    {
        TargetCheck.Anchor => PaperValue.ToString("G5", CultureInfo.InvariantCulture),
        TargetCheck.LogRatio => PaperValue.ToString("G3", CultureInfo.InvariantCulture) + "x",
        TargetCheck.AtLeast or TargetCheck.Crossover => ">= " + Percent(PaperEffect),
        TargetCheck.LeavesWindow => "> " + PaperEffect.ToString("0.00", CultureInfo.InvariantCulture),
        _ => Percent(PaperEffect),
    };

    /// <summary>The tolerance as text: "±3.0 pp", "ln ±0.154", "shape", "±1.0%".</summary>
    public string ToleranceText => Check switch
    {
        TargetCheck.Anchor => "±" + (100 * Tolerance).ToString("0.0", CultureInfo.InvariantCulture) + "%",
        TargetCheck.Effect => "±" + (100 * Tolerance).ToString("0.0", CultureInfo.InvariantCulture) + " pp",
        TargetCheck.LogRatio => "ln ±" + Tolerance.ToString("0.000", CultureInfo.InvariantCulture),
        _ => "shape",
    };

    internal static string Percent(double effect) => (100 * effect).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + "%";
}
