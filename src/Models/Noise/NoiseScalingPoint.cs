namespace PerfModel.Noise;

/// <summary>One point of <see cref="NoiseScaling.Curve"/>.</summary>
/// <param name="Ranks">P.</param>
/// <param name="Result">The closed form at P ranks (<see cref="ClosedFormResult.Slowdown"/>, <see cref="ClosedFormResult.Delay"/>, …).</param>
public sealed record NoiseScalingPoint(long Ranks, ClosedFormResult Result);
