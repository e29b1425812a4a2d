using System.Globalization;

namespace PerfModel.Calibration.Published;

/// <summary>How far a fitted distribution is from one published value: a quantile (at its plotting position) or a core's
/// mean duration.</summary>
public sealed record QuantileError
{
    /// <summary>The fitted value <paramref name="fittedSeconds"/> of <paramref name="label"/> on <paramref name="core"/>
    /// against the published <paramref name="observedSeconds"/>.</summary>
    /// <param name="core">The core (summary label).</param>
    /// <param name="label">"p99", "max", "mean", …</param>
    /// <param name="level">The probability level the fit is evaluated at for a quantile; null for the mean.</param>
    /// <param name="observedSeconds">Published value, seconds.</param>
    /// <param name="fittedSeconds">Q(u) of the fit (or its mean), seconds.</param>
    public QuantileError(string core, string label, double? level, double observedSeconds, double fittedSeconds)
    {
        Core = core;
        Label = label;
        Level = level;
        ObservedSeconds = observedSeconds;
        FittedSeconds = fittedSeconds;
    }

    /// <summary>The core (summary label).</summary>
    public string Core { get; }

    /// <summary>"p99", "max", "mean", ….</summary>
    public string Label { get; }

    /// <summary>The probability level the fit is evaluated at for a quantile — the level of its order statistic's
    /// expected position on the family's scale, near <see cref="OrderStatistic.PlottingPosition"/> — or null for the
    /// mean.</summary>
    public double? Level { get; }

    /// <summary>Published value, seconds.</summary>
    public double ObservedSeconds { get; }

    /// <summary>Fitted value, seconds.</summary>
    public double FittedSeconds { get; }

    /// <summary>(fitted − observed) / observed.</summary>
    public double RelativeError => (FittedSeconds - ObservedSeconds) / ObservedSeconds;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Core} {Label}: observed {ObservedSeconds * 1e6:G4} us, fitted {FittedSeconds * 1e6:G4} us ({RelativeError:+0.0%;-0.0%})");
}
