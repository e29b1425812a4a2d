using PerfModel.Descriptions;
using System.Collections.Immutable;

namespace PerfModel.Noise;

/// <summary>
/// How one noise profile slows a step as the machine grows: the closed form (<see cref="NoiseClosedForm.Evaluate"/>) at each
/// rank count, e.g. a 10 ms daemon every 10 s from 64 to 131,072 ranks. Pure.
/// </summary>
public static class NoiseScaling
{
    /// <summary>The closed-form result at each of <paramref name="ranks"/>, in that order.</summary>
    public static ImmutableArray<NoiseScalingPoint> Curve(NoiseProfile noise, StepShape shape, IEnumerable<long> ranks, ClosedFormOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(ranks);
        return [.. ranks.Select(p => new NoiseScalingPoint(p, NoiseClosedForm.Evaluate(noise, shape, p, options)))];
    }
}
