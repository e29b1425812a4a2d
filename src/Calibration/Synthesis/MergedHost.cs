using System.Collections.Immutable;

namespace PerfModel.Calibration.Synthesis;

/// <summary>One host of a merge: its value of every parameter, with the deviation from the median.</summary>
/// <param name="Host">The host name.</param>
/// <param name="Values">One entry per <see cref="CalibrationMerge.Parameters"/> row, in that order.</param>
public sealed record MergedHost(string Host, ImmutableArray<ParameterDeviation> Values)
{
    /// <summary>The parameters in which the host deviates from the median by more than
    /// <see cref="CalibrationMerge.OutlierThreshold"/> (a noisy or slow node), in parameter order.</summary>
    public ImmutableArray<string> Flagged => [.. Values.Where(v => v.StandsOut).Select(v => v.Parameter)];
}
