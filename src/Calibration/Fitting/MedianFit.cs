using System.Globalization;
using PerfModel.Calibration.Measurements;

namespace PerfModel.Calibration.Fitting;

/// <summary>Medians of measured series: robust against the occasional interrupted repetition.</summary>
public static class MedianFit
{
    /// <summary>
    /// The sample median of the series' y values (the middle order statistic, or the mean of the two middle ones for even n)
    /// with a percentile bootstrap 95% interval. A resample's median is read off the sorted original through the multinomial
    /// counts of the resample, so each replicate costs O(n) instead of a sort.
    /// </summary>
    /// <exception cref="CalibrationException">Fewer than 3 values or a non-finite value.</exception>
    public static ParameterEstimate Of(Series s, string name, string unit, int seed, int resamples = 1000)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Bootstrap.CheckResamples(resamples);
        var y = s.Y.IsDefault ? [] : s.Y.ToArray();
        Bootstrap.CheckSample(y, $"series '{s.Name}'");
        var (value, lo, hi) = Of(y, seed, resamples);
        return new ParameterEstimate(name, value, lo, hi, unit,
            $"median (n={y.Length}, bootstrap B={resamples.ToString(CultureInfo.InvariantCulture)})");
    }

    /// <summary>Median and percentile-bootstrap interval of finite values (n ≥ 1).</summary>
    internal static (double Median, double Lower95, double Upper95) Of(IReadOnlyList<double> values, int seed, int resamples)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var n = sorted.Length;
        var median = Median(sorted);
        var rng = Bootstrap.Rng(seed);
        var counts = new int[n];
        var reps = new double[resamples];
        for (var b = 0; b < resamples; b++)
        {
            Array.Clear(counts);
            for (var i = 0; i < n; i++) counts[rng.Next(n)]++;
            reps[b] = (n % 2 == 1)
                ? OrderStatistic(sorted, counts, n / 2)
                : 0.5 * (OrderStatistic(sorted, counts, n / 2 - 1) + OrderStatistic(sorted, counts, n / 2));
        }
        var (lo, hi) = Bootstrap.Percentile95(reps);
        return (median, lo, hi);
    }

    internal static double Median(double[] sorted)
    {
        var n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    /// <summary>The k-th smallest (0-based) of a resample given as counts over the sorted original.</summary>
    private static double OrderStatistic(double[] sorted, int[] counts, int k)
    {
        var acc = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            acc += counts[i];
            if (acc > k) return sorted[i];
        }
        return sorted[^1];
    }
}
