using PerfModel.Noise;

namespace PerfModel.Calibration.Fitting;

/// <summary>One family's maximum-likelihood fit to detour durations and how well it fits.</summary>
/// <param name="Family">"exponential", "lognormal" or "pareto".</param>
/// <param name="Distribution">The fitted distribution (seconds); null when its parameters describe no valid distribution
/// (a Pareto fit with α ≤ 1, see <paramref name="Rejection"/>).</param>
/// <param name="KsStatistic">Kolmogorov–Smirnov D = sup_x |F_n(x) − F(x)| against the empirical CDF F_n of the samples.</param>
/// <param name="KsPValue">Parametric-bootstrap p-value of D (parameters re-estimated on every synthetic sample, so it
/// accounts for the fit, unlike the tabulated KS p-value); null when not computed or the family was rejected.</param>
/// <param name="LogLikelihood">Maximised log-likelihood (per the whole sample; densities in 1/s).</param>
/// <param name="Rejection">Why the family may not be chosen (e.g. Pareto α ≤ 1: infinite mean), or null.</param>
public sealed record DurationCandidate(string Family, DurationDistribution? Distribution, double KsStatistic, double? KsPValue, double LogLikelihood, string? Rejection)
{
    /// <summary>Whether the family may be chosen.</summary>
    public bool Admissible => Rejection is null;
}
