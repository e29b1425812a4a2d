using PerfModel.Internal;
using PerfModel.Units;

namespace PerfModel.Noise;

/// <summary>
/// Expected fastest, median and slowest of k independent runs (P18 plots the median of 5 runs with min/max bars). The one
/// place this is computed: exact order statistics of a one-step run's law (<see cref="NoiseClosedForm"/>), or the normal
/// approximation of a run that sums many independent steps (<see cref="Normal"/>, used by every prediction).
/// Valid when made: k ≥ 1 and Min ≤ Median ≤ Max.
/// </summary>
public sealed record RunSpread
{
    private TimeInterval? min, median, max;

    /// <summary>k: the number of runs.</summary>
    public required int Runs { get; init => field = Rules.AtLeast(this, value, 1); }

    /// <summary>Expected fastest of the k runs.</summary>
    public required TimeInterval Min
    {
        get => min ?? default;
        init { min = value; CheckOrder(); }
    }

    /// <summary>Expected median of the k runs.</summary>
    public required TimeInterval Median
    {
        get => median ?? default;
        init { median = value; CheckOrder(); }
    }

    /// <summary>Expected slowest of the k runs.</summary>
    public required TimeInterval Max
    {
        get => max ?? default;
        init { max = value; CheckOrder(); }
    }

    /// <summary>A run time that does not vary: min = median = max = <paramref name="runtime"/>.</summary>
    public static RunSpread Fixed(TimeInterval runtime, int runs) => new() { Runs = runs, Min = runtime, Median = runtime, Max = runtime };

    /// <summary>
    /// The spread of k runs whose time is normal with the given mean and variance (a sum of many independent steps, by
    /// the central limit theorem): E[j-th of k] = mean + σ·E[Z_(j:k)] (<see cref="NormalOrderStatistics"/>), the fastest
    /// clamped at 0. For k = 5: mean ∓ 1.16296σ.
    /// </summary>
    public static RunSpread Normal(TimeInterval mean, double varianceSeconds2, int runs)
    {
        Guard.NonNegative(nameof(varianceSeconds2), varianceSeconds2);
        if (runs < 1) throw new ArgumentOutOfRangeException(nameof(runs), runs, $"runs={runs}, but it should be >= 1");
        var sd = Math.Sqrt(varianceSeconds2);
        var m = mean.Seconds;
        var mid = (runs + 1) / 2;
        return new RunSpread
        {
            Runs = runs,
            Min = TimeInterval.FromSeconds(Math.Max(0, m + sd * NormalOrderStatistics.Expected(1, runs))),
            Median = TimeInterval.FromSeconds(m + sd * NormalOrderStatistics.Expected(mid, runs)),
            Max = TimeInterval.FromSeconds(m + sd * NormalOrderStatistics.Expected(runs, runs)),
        };
    }

    private void CheckOrder()
    {
        if (min is { } a && median is { } b && a > b) throw Rules.Broken(this, nameof(Min), a, $"must not exceed {nameof(Median)} ({b})");
        if (median is { } c && max is { } d && c > d) throw Rules.Broken(this, nameof(Median), c, $"must not exceed {nameof(Max)} ({d})");
    }
}
