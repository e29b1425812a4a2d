using System.Collections.Immutable;
using System.Globalization;

namespace PerfModel.Calibration.Published;

/// <summary>
/// What is published about one core's detours in one run: how many (<see cref="Count"/>) in how long
/// (<see cref="RunSeconds"/>), optionally their summed duration, and some quantiles of their durations as order statistics
/// (<see cref="Points"/>, ascending). The input of <see cref="DetourProcessFit"/>. Valid when made: count ≥ 0, run time
/// finite and &gt; 0, sum (when given) finite, ≥ 0 and below the run time, every point's ranks within 1..count, points in
/// ascending rank with non-decreasing values and distinct ranks, and at least one point when count &gt; 0.
/// </summary>
public sealed record DetourSummary
{
    /// <summary>A core's published detour statistics.</summary>
    /// <param name="label">Which core and run ("A_nohzfull_isol_default cpu 5").</param>
    /// <param name="count">Number of detours n.</param>
    /// <param name="runSeconds">Length of the run, seconds.</param>
    /// <param name="sumSeconds">Summed detour time, seconds, or null when not published.</param>
    /// <param name="points">Published quantiles as order statistics (sorted here by rank).</param>
    /// <exception cref="ArgumentException">A rule of the summary is broken (the message names it).</exception>
    public DetourSummary(string label, int count, double runSeconds, double? sumSeconds, IEnumerable<OrderStatistic> points)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!double.IsFinite(runSeconds) || runSeconds <= 0)
            throw new ArgumentOutOfRangeException(nameof(runSeconds), runSeconds, $"{label}: the run time must be finite and > 0");
        if (sumSeconds is { } sum && (!double.IsFinite(sum) || sum < 0 || sum >= runSeconds))
            throw new ArgumentOutOfRangeException(nameof(sumSeconds), sum, $"{label}: the summed detour time must be finite, >= 0 and below the run time");
        var sorted = points.OrderBy(p => p.LowRank).ThenBy(p => p.HighRank).ToImmutableArray();
        for (var i = 0; i < sorted.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(sorted[i], nameof(points));
            if (sorted[i].HighRank > count)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{label}: {sorted[i].Label} has rank {sorted[i].HighRank} but there are {count} detours"), nameof(points));
            if (i > 0 && sorted[i].LowRank == sorted[i - 1].LowRank && sorted[i].HighRank == sorted[i - 1].HighRank)
                throw new ArgumentException($"{label}: {sorted[i - 1].Label} and {sorted[i].Label} are the same order statistics", nameof(points));
            if (i > 0 && sorted[i].Seconds < sorted[i - 1].Seconds)
                throw new ArgumentException($"{label}: {sorted[i].Label} ({Us(sorted[i].Seconds)}) is below {sorted[i - 1].Label} ({Us(sorted[i - 1].Seconds)}), of a lower rank", nameof(points));
        }
        if (count > 0 && sorted.IsEmpty) throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{label}: {count} detours but no quantile"), nameof(points));
        Label = label;
        Count = count;
        RunSeconds = runSeconds;
        SumSeconds = sumSeconds;
        Points = sorted;
    }

    /// <summary>Which core and run.</summary>
    public string Label { get; }

    /// <summary>Number of detours n.</summary>
    public int Count { get; }

    /// <summary>Length of the run, seconds.</summary>
    public double RunSeconds { get; }

    /// <summary>Summed detour time, seconds, or null.</summary>
    public double? SumSeconds { get; }

    /// <summary>The published quantiles, ascending in rank.</summary>
    public ImmutableArray<OrderStatistic> Points { get; }

    /// <summary>Detours per second: n / run time.</summary>
    public double RatePerSecond => Count / RunSeconds;

    /// <summary>Mean detour duration sum / n, seconds; null without a sum or without detours.</summary>
    public double? MeanSeconds => SumSeconds is { } s && Count > 0 ? s / Count : null;

    /// <summary>The point whose label (or one of whose '/'-joined labels) is <paramref name="label"/>, or null.</summary>
    public OrderStatistic? Point(string label) => Points.FirstOrDefault(p => p.Label.Split('/').Contains(label, StringComparer.Ordinal));

    /// <summary>The detours ranked at or below <paramref name="split"/>'s higher rank r_s: r_s detours, the points up to the
    /// split (the split included), no sum.</summary>
    internal DetourSummary Body(OrderStatistic split) =>
        new($"{Label} below {split.Label}", split.HighRank, RunSeconds, null, Points.Where(p => p.HighRank <= split.HighRank));

    /// <summary>The detours ranked above the split: n − r_s of them, the points above it re-ranked from r_s + 1 = 1, with
    /// <paramref name="tailSumSeconds"/> as their summed time.</summary>
    internal DetourSummary Tail(OrderStatistic split, double? tailSumSeconds) =>
        new($"{Label} above {split.Label}", Count - split.HighRank, RunSeconds, tailSumSeconds,
            Points.Where(p => p.LowRank > split.HighRank).Select(p => new OrderStatistic(p.Label, p.LowRank - split.HighRank, p.HighRank - split.HighRank, p.Seconds)));

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Label}: {Count} detours in {RunSeconds:G6} s, {string.Join(", ", Points)}");

    private static string Us(double seconds) => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e6:G6} us");
}
