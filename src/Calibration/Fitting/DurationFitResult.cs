using System.Collections.Immutable;
using PerfModel.Noise;

namespace PerfModel.Calibration.Fitting;

/// <summary>Exponential, log-normal and Pareto fits of one set of durations and the one chosen.</summary>
/// <param name="Exponential">Exponential MLE fit.</param>
/// <param name="LogNormal">Log-normal MLE fit.</param>
/// <param name="Pareto">Pareto (type I) MLE fit.</param>
/// <param name="Best">The admissible candidate with the smallest KS statistic.</param>
/// <param name="Estimates">The chosen distribution's parameters with bootstrap 95% intervals (names as in the profile JSON:
/// meanSeconds; medianSeconds and sigma; scaleSeconds and alpha).</param>
/// <param name="Count">Number of durations fitted.</param>
public sealed record DurationFitResult(
    DurationCandidate Exponential,
    DurationCandidate LogNormal,
    DurationCandidate Pareto,
    DurationCandidate Best,
    ImmutableArray<ParameterEstimate> Estimates,
    int Count)
{
    /// <summary>The chosen distribution (the best candidate is admissible, so it always has one).</summary>
    public DurationDistribution Chosen => Best.Distribution!;

    /// <summary>All three candidates: exponential, log-normal, Pareto.</summary>
    public ImmutableArray<DurationCandidate> Candidates => [Exponential, LogNormal, Pareto];
}
