using System.Collections.Immutable;
using System.Globalization;
using PerfModel.Noise;

namespace PerfModel.Calibration.Published;

/// <summary>One family's quantile-matching fit (<see cref="DetourProcessFit"/>) and how well it matches every published
/// value.</summary>
public sealed record DetourFitCandidate
{
    /// <summary>A candidate of <paramref name="family"/>.</summary>
    /// <param name="family">"lognormal", "pareto" or "fixed" (the profile files' distribution names).</param>
    /// <param name="duration">The fitted distribution, seconds.</param>
    /// <param name="rmsLogError">√(S / K): the root mean square of the K log residuals ln(observed / fitted) the fit
    /// minimised (quantiles and means).</param>
    /// <param name="errors">Every published value against the fit.</param>
    public DetourFitCandidate(string family, DurationDistribution duration, double rmsLogError, ImmutableArray<QuantileError> errors)
    {
        Family = family;
        Duration = duration;
        RmsLogError = rmsLogError;
        Errors = errors;
    }

    /// <summary>"lognormal", "pareto" or "fixed".</summary>
    public string Family { get; }

    /// <summary>The fitted distribution, seconds.</summary>
    public DurationDistribution Duration { get; }

    /// <summary>Root mean square of the log residuals the fit minimised.</summary>
    public double RmsLogError { get; }

    /// <summary>Every published value against the fit.</summary>
    public ImmutableArray<QuantileError> Errors { get; }

    /// <summary>The largest |relative error| over the published values.</summary>
    public double MaxAbsRelativeError => Errors.IsDefaultOrEmpty ? 0 : Errors.Max(e => Math.Abs(e.RelativeError));

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Duration.ToSpec()}: RMS ln error {RmsLogError:G3}, max |relative error| {MaxAbsRelativeError:P1}");
}
