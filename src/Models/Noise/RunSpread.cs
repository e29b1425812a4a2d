using PerfModel.Internal;
using PerfModel.Units;

namespace PerfModel.Noise;

/// <summary>
/// Expected fastest, median and slowest of k independent runs (P18 plots the median of 5 runs with min/max bars). The one
/// place this is computed: exact order statistics of a one-step run's law (<see cref="NoiseClosedForm"/>), or the normal
/// approximation of a run that sums many independent steps (<see cref="Normal"/>), and that with each run's own
/// communication factor (<see cref="WithCommunicationFactor"/>, used by every prediction).
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

    /// <summary>
    /// The spread of k runs whose time is T − c + c·X + N: the noise part N normal with mean 0 and the given variance
    /// (<see cref="Normal"/>), and the communication time c of the run scaled by the run's own factor X = e^(σZ), Z standard
    /// normal, independent of N and between runs, median 1 (<see cref="Descriptions.Interconnect.RunToRunLogSd"/>).
    /// E[j-th of k] = T − c + E[(c·X + N)_(j:k)] (<see cref="RunFactorOrderStatistics"/>), the fastest clamped at 0. With
    /// c·σ = 0 it is <see cref="Normal"/> exactly; without noise it is T − c + c·E[e^(σ·Z_(j:k))] (for small σ the range of
    /// 5 runs is 2.326·c·σ, the expected range of 5 standard normals times c·σ, up to O(σ³)).
    /// </summary>
    /// <param name="runtime">T: the predicted run time (its communication at the median factor 1).</param>
    /// <param name="noiseVarianceSeconds2">Variance of the noise part of one run's time.</param>
    /// <param name="communication">c: the communication time of one run that the factor scales (0 ≤ c ≤ T).</param>
    /// <param name="logSd">σ of ln X, in [0, <see cref="Descriptions.Interconnect.MaxRunToRunLogSd"/>].</param>
    /// <param name="runs">k ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument outside its range.</exception>
    public static RunSpread WithCommunicationFactor(TimeInterval runtime, double noiseVarianceSeconds2, TimeInterval communication, double logSd, int runs)
    {
        Guard.NonNegative(nameof(noiseVarianceSeconds2), noiseVarianceSeconds2);
        if (runs < 1) throw new ArgumentOutOfRangeException(nameof(runs), runs, $"runs={runs}, but it should be >= 1");
        if (!(logSd is >= 0 and <= Descriptions.Interconnect.MaxRunToRunLogSd))
            throw new ArgumentOutOfRangeException(nameof(logSd), logSd, $"logSd={logSd}, but it should be in [0, {Descriptions.Interconnect.MaxRunToRunLogSd}]");
        var c = communication.Seconds;
        if (c > runtime.Seconds)
            throw new ArgumentOutOfRangeException(nameof(communication), communication, $"communication={communication}, but it should not exceed the runtime {runtime}");
        if (c * logSd == 0) return Normal(runtime, noiseVarianceSeconds2, runs);
        var rest = runtime.Seconds - c;
        var order = RunFactorOrderStatistics.Expected(c, logSd, Math.Sqrt(noiseVarianceSeconds2), runs);
        return new RunSpread
        {
            Runs = runs,
            Min = TimeInterval.FromSeconds(Math.Max(0, rest + order[0])),
            Median = TimeInterval.FromSeconds(rest + order[(runs + 1) / 2 - 1]),
            Max = TimeInterval.FromSeconds(rest + order[runs - 1]),
        };
    }

    private void CheckOrder()
    {
        if (min is { } a && median is { } b && a > b) throw Rules.Broken(this, nameof(Min), a, $"must not exceed {nameof(Median)} ({b})");
        if (median is { } c && max is { } d && c > d) throw Rules.Broken(this, nameof(Median), c, $"must not exceed {nameof(Max)} ({d})");
    }
}
