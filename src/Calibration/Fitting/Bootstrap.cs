using MathNet.Numerics.Statistics;

namespace PerfModel.Calibration.Fitting;

/// <summary>Shared pieces of the bootstrap: a seeded generator and percentile intervals.</summary>
internal static class Bootstrap
{
    /// <summary>A seeded xoshiro256** generator (MathNet), so every fit is reproducible for its seed.</summary>
    public static Random Rng(int seed) => new MathNet.Numerics.Random.Xoshiro256StarStar(seed);

    /// <summary>Percentile interval: the 2.5th and 97.5th percentiles (R type 7, linear interpolation) of the replicates.</summary>
    public static (double Lower, double Upper) Percentile95(IEnumerable<double> replicates)
    {
        var sorted = replicates.Where(double.IsFinite).ToArray();
        if (sorted.Length == 0) return (double.NaN, double.NaN);
        Array.Sort(sorted);
        return (SortedArrayStatistics.QuantileCustom(sorted, 0.025, QuantileDefinition.R7),
            SortedArrayStatistics.QuantileCustom(sorted, 0.975, QuantileDefinition.R7));
    }

    public static void CheckResamples(int resamples)
    {
        if (resamples < 1) throw new ArgumentOutOfRangeException(nameof(resamples), resamples, "the bootstrap needs at least one resample");
    }

    /// <summary>Throws <see cref="CalibrationException"/> unless there are at least 3 values, all finite.</summary>
    public static void CheckSample(IReadOnlyList<double> values, string what)
    {
        if (values.Count < 3)
            throw new CalibrationException(CalibrationFailure.TooFewSamples, $"{what}: {values.Count} sample(s); at least 3 are needed");
        for (var i = 0; i < values.Count; i++)
            if (!double.IsFinite(values[i]))
                throw new CalibrationException(CalibrationFailure.NonFiniteInput, $"{what}: sample {i} is {values[i]}; every sample must be finite");
    }
}
