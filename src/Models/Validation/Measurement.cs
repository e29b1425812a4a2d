namespace PerfModel.Validation;

/// <summary>The model's side of one target.</summary>
/// <param name="Value">The model's number in the target's unit (zones/s, a ratio).</param>
/// <param name="Effect">The model's effect in the target's effect units (ratio − 1, ln of a factor, or the quantity a shape bounds).</param>
/// <param name="Detail">For a crossover, the model's advantage at the small scale (ratio − 1); otherwise null.</param>
public sealed record Measurement(
    [property: Units.Dimensionless("the model's number, in the target's unit")] double Value,
    [property: Units.Dimensionless("effect in the target's effect units")] double Effect,
    [property: Units.Dimensionless("advantage at the small scale, ratio − 1")] double? Detail = null);
