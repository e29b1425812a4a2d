using System.Globalization;

namespace PerfModel.Calibration.Published;

/// <summary>
/// One published quantile of a core's detour durations, as the order statistics it was computed from: the mean of the
/// <see cref="LowRank"/>-th and <see cref="HighRank"/>-th shortest of the core's detours (the same rank twice for a single
/// order statistic; the sample maximum is rank n).
/// </summary>
public sealed record OrderStatistic
{
    /// <summary>A quantile named <paramref name="label"/> ("p99", "max", "p80/p90" when two coincide) of value
    /// <paramref name="seconds"/>, the mean of the order statistics of ranks <paramref name="lowRank"/> ≤
    /// <paramref name="highRank"/> (1-based).</summary>
    /// <exception cref="ArgumentException">An empty label, a rank below 1 or ranks out of order, a value not finite and
    /// &gt; 0.</exception>
    public OrderStatistic(string label, int lowRank, int highRank, double seconds)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        if (lowRank < 1 || highRank < lowRank)
            throw new ArgumentOutOfRangeException(nameof(highRank), highRank, string.Create(CultureInfo.InvariantCulture, $"{label}: ranks {lowRank}..{highRank} must satisfy 1 <= low <= high"));
        if (!double.IsFinite(seconds) || seconds <= 0)
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, $"{label}: a detour duration must be finite and > 0");
        Label = label;
        LowRank = lowRank;
        HighRank = highRank;
        Seconds = seconds;
    }

    /// <summary>Name of the quantile ("p20", "median", "max", or several joined by '/').</summary>
    public string Label { get; }

    /// <summary>Rank (1-based, ascending) of the lower of the two order statistics averaged.</summary>
    public int LowRank { get; }

    /// <summary>Rank of the higher one (= <see cref="LowRank"/> for a single order statistic).</summary>
    public int HighRank { get; }

    /// <summary>The published value, seconds.</summary>
    public double Seconds { get; }

    /// <summary>
    /// The probability level the value estimates: u = r̄ / (n + 1), r̄ = (low + high) / 2, the expected value of F at the
    /// r̄-th of n order statistics: E[F(X_(r))] = r / (n + 1), the mean of the r-th uniform order statistic (the Weibull plotting
    /// position; E. J. Gumbel, Statistics of Extremes, Columbia University Press, 1958, sec. 1.2.7). For the maximum,
    /// u = n / (n + 1) = 1 − 1/(n + 1).
    /// </summary>
    /// <param name="count">n, the number of detours the statistic was taken from (≥ <see cref="HighRank"/>).</param>
    public double PlottingPosition(int count)
    {
        if (count < HighRank) throw new ArgumentOutOfRangeException(nameof(count), count, string.Create(CultureInfo.InvariantCulture, $"{Label}: rank {HighRank} exceeds the {count} detours"));
        return (LowRank + HighRank) / 2.0 / (count + 1.0);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Label} = {Seconds * 1e6:G6} us (ranks {LowRank}..{HighRank})");
}
