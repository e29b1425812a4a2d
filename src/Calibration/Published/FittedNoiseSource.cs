using System.Collections.Immutable;
using PerfModel.Calibration.Fitting;
using PerfModel.Descriptions;

namespace PerfModel.Calibration.Published;

/// <summary>A noise source made from published measurements, with an estimate (value, 95% interval, unit, method and
/// provenance text) for every number of it.</summary>
public sealed record FittedNoiseSource
{
    /// <summary>A source and its estimates.</summary>
    /// <param name="source">The noise source.</param>
    /// <param name="estimates">ratePerSecond, then the duration's parameters named as a noise source in a profile file
    /// names them (duration.medianSeconds, duration.sigma, duration.scaleSeconds, duration.alpha, durationSeconds, or
    /// duration for an empirical distribution, whose value is then the mean duration); each has its
    /// <see cref="ParameterEstimate.Provenance"/> text.</param>
    public FittedNoiseSource(NoiseSource source, ImmutableArray<ParameterEstimate> estimates)
    {
        ArgumentNullException.ThrowIfNull(source);
        Source = source;
        Estimates = estimates.IsDefault ? [] : estimates;
    }

    /// <summary>The noise source.</summary>
    public NoiseSource Source { get; }

    /// <summary>An estimate for every number of the source, with its provenance text.</summary>
    public ImmutableArray<ParameterEstimate> Estimates { get; }

    /// <summary>The estimate named <paramref name="name"/>, or null.</summary>
    public ParameterEstimate? Estimate(string name) => Estimates.FirstOrDefault(e => e.Name == name);
}
