using System.Globalization;

namespace PerfModel.Calibration.Published;

/// <summary>One statistic of an FWQ run, published and predicted (<see cref="FwqHeldOut"/>): the median of the Monte Carlo
/// replicates and their 2.5th-97.5th percentile range.</summary>
public sealed record FwqStatistic
{
    /// <summary>A statistic named <paramref name="name"/>.</summary>
    /// <param name="name">"noisiest std", "noisiest max excess", "quietest std" or "quietest max excess".</param>
    /// <param name="observedSeconds">The published value, seconds.</param>
    /// <param name="predictedSeconds">Median of the replicates, seconds.</param>
    /// <param name="predictedLower95Seconds">2.5th percentile of the replicates.</param>
    /// <param name="predictedUpper95Seconds">97.5th percentile of the replicates.</param>
    public FwqStatistic(string name, double observedSeconds, double predictedSeconds, double predictedLower95Seconds, double predictedUpper95Seconds)
    {
        Name = name;
        ObservedSeconds = observedSeconds;
        PredictedSeconds = predictedSeconds;
        PredictedLower95Seconds = predictedLower95Seconds;
        PredictedUpper95Seconds = predictedUpper95Seconds;
    }

    /// <summary>"noisiest std", "noisiest max excess", "quietest std" or "quietest max excess".</summary>
    public string Name { get; }

    /// <summary>The published value, seconds.</summary>
    public double ObservedSeconds { get; }

    /// <summary>Median of the replicates, seconds.</summary>
    public double PredictedSeconds { get; }

    /// <summary>2.5th percentile of the replicates, seconds.</summary>
    public double PredictedLower95Seconds { get; }

    /// <summary>97.5th percentile of the replicates, seconds.</summary>
    public double PredictedUpper95Seconds { get; }

    /// <summary>(predicted − observed) / observed (infinite when nothing was observed and something is predicted).</summary>
    public double RelativeError => (PredictedSeconds - ObservedSeconds) / ObservedSeconds;

    /// <summary>log10(predicted / observed): orders of magnitude off (±∞ when one of them is 0).</summary>
    public double Log10Ratio => Math.Log10(PredictedSeconds / ObservedSeconds);

    /// <summary>Whether the observed value lies in the replicates' 95% range.</summary>
    public bool ObservedWithinRange => ObservedSeconds >= PredictedLower95Seconds && ObservedSeconds <= PredictedUpper95Seconds;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: observed {ObservedSeconds * 1e6:G4} us, predicted {PredictedSeconds * 1e6:G4} us [{PredictedLower95Seconds * 1e6:G4}, {PredictedUpper95Seconds * 1e6:G4}] (log10 ratio {Log10Ratio:+0.00;-0.00})");
}
