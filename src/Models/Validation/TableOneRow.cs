namespace PerfModel.Validation;

/// <summary>One row of P18 Table I (Lulesh 2.0 from DDR4 only, one node): the configuration, its published zones/s
/// target and the percentage of Linux the paper prints.</summary>
/// <param name="Configuration">"Linux", "mOS, heap management disabled", "mOS (regular)".</param>
/// <param name="Target">The zones/s target.</param>
/// <param name="PaperPercentOfLinux">The percentage as printed in Table I (100.0, 106.6, 121.0).</param>
public sealed record TableOneRow(string Configuration, PaperTarget Target, [property: Units.Dimensionless("percent of Linux")] double PaperPercentOfLinux);
