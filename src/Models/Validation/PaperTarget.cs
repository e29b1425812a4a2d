using System.Globalization;

namespace PerfModel.Validation;

/// <summary>One published number of the paper the model is held to (P18 = Gerofi et al., IPDPS 2018).</summary>
/// <param name="Id">Short identifier, e.g. "table1-mos".</param>
/// <param name="Quantity">What is compared.</param>
/// <param name="Comparison">A value to reproduce or a bound to respect.</param>
/// <param name="PaperValue">The published number.</param>
/// <param name="Unit">Its unit ("z/s", "ratio").</param>
/// <param name="Source">Where it is in the paper (section, table, figure).</param>
/// <param name="Fitted">True when a model parameter was fitted to this number: its row shows the fit, not a prediction.</param>
public sealed record PaperTarget(string Id, string Quantity, TargetComparison Comparison,
    [property: Units.Dimensionless("the published number, in Unit")] double PaperValue, string Unit, string Source, bool Fitted)
{
    /// <summary>The paper value with its comparison sign: "8959", "&lt;= 1", "&gt;= 1".</summary>
    public string PaperText => (Comparison switch { TargetComparison.AtMost => "<= ", TargetComparison.AtLeast => ">= ", _ => "" })
                               + PaperValue.ToString("G5", CultureInfo.InvariantCulture);
}
