using System.Globalization;

namespace PerfModel.Calibration.Published;

/// <summary>
/// One worker of a fixed-work-quantum (FWQ) run as LLNL's fwq-stats.py summarises it (data/measured/
/// llnl_system_noise_fwq_summary.csv; docs/sources.md#os-noise-llnl-fwq): the duration of each of <see cref="Count"/>
/// repetitions of the same work, summarised by mean, standard deviation, min, quartiles and max. Seconds (the table has µs).
/// Valid when made: a run name, worker ≥ 0, CPU ≥ 0 when given, count ≥ 1, every value finite, 0 &lt; min ≤ p25 ≤ median ≤
/// p75 ≤ max, min ≤ mean ≤ max, and 0 ≤ std ≤ (max − min)/2·√(n/(n − 1)) (Popoviciu's bound, for either divisor of the
/// variance).
/// </summary>
public sealed record FwqSummaryRow
{
    /// <summary>A row; see the type's rules.</summary>
    /// <exception cref="ArgumentException">A rule is broken (the message names the field).</exception>
    public FwqSummaryRow(string run, int worker, int? cpu, int count, double meanSeconds, double stdSeconds, double minSeconds,
        double p25Seconds, double medianSeconds, double p75Seconds, double maxSeconds)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (Problem(run, worker, cpu, count, [meanSeconds, stdSeconds, minSeconds, p25Seconds, medianSeconds, p75Seconds, maxSeconds]) is { } p)
            throw new ArgumentException($"{run}: {p.Field}: {p.Rule}");
        Run = run;
        Worker = worker;
        Cpu = cpu;
        Count = count;
        MeanSeconds = meanSeconds;
        StdSeconds = stdSeconds;
        MinSeconds = minSeconds;
        P25Seconds = p25Seconds;
        MedianSeconds = medianSeconds;
        P75Seconds = p75Seconds;
        MaxSeconds = maxSeconds;
    }

    /// <summary>Name of the run and worker ("fwq-th_noisiest").</summary>
    public string Run { get; }

    /// <summary>Worker (rank or thread) number.</summary>
    public int Worker { get; }

    /// <summary>CPU the worker ran on, or null when not published.</summary>
    public int? Cpu { get; }

    /// <summary>Number of quanta summarised.</summary>
    public int Count { get; }

    /// <summary>Mean quantum duration, seconds.</summary>
    public double MeanSeconds { get; }

    /// <summary>Standard deviation of the quantum durations, seconds.</summary>
    public double StdSeconds { get; }

    /// <summary>Shortest quantum, seconds.</summary>
    public double MinSeconds { get; }

    /// <summary>First quartile, seconds.</summary>
    public double P25Seconds { get; }

    /// <summary>Median quantum, seconds.</summary>
    public double MedianSeconds { get; }

    /// <summary>Third quartile, seconds.</summary>
    public double P75Seconds { get; }

    /// <summary>Longest quantum, seconds.</summary>
    public double MaxSeconds { get; }

    /// <summary>1-based line in the table file (0 for a row made in code).</summary>
    public int Line { get; init; }

    /// <summary>The longest quantum's excess over the median, max − median: the longest detour seen, seconds.</summary>
    public double MaxExcessSeconds => MaxSeconds - MedianSeconds;

    /// <summary>The first rule a row of these values breaks, as (table column, rule), or null. <paramref name="values"/> are
    /// mean, std, min, p25, p50, p75, max in seconds.</summary>
    internal static (string Field, string Rule)? Problem(string run, int worker, int? cpu, int count, double[] values)
    {
        if (string.IsNullOrWhiteSpace(run)) return ("run", "the run name is empty");
        if (worker < 0) return ("worker", string.Create(CultureInfo.InvariantCulture, $"{worker} is negative"));
        if (cpu is < 0) return ("cpu", string.Create(CultureInfo.InvariantCulture, $"{cpu} is negative"));
        if (count < 1) return ("count", string.Create(CultureInfo.InvariantCulture, $"{count}: a summary needs at least one quantum"));
        string[] names = ["mean_us", "std_us", "min_us", "p25_us", "p50_us", "p75_us", "max_us"];
        for (var k = 0; k < values.Length; k++)
            if (!double.IsFinite(values[k]) || values[k] < 0) return (names[k], $"{Fmt(values[k] * 1e6)} us must be finite and >= 0");
        var (mean, std, min) = (values[0], values[1], values[2]);
        if (min <= 0) return ("min_us", "0 us: a quantum takes time; the min must be > 0");
        for (var k = 3; k < values.Length; k++)
            if (values[k] < values[k - 1])
                return (names[k], $"{Fmt(values[k] * 1e6)} us is below {names[k - 1]} = {Fmt(values[k - 1] * 1e6)} us: min, p25, p50, p75, max must not decrease");
        var max = values[^1];
        if (mean < min * (1 - 1e-12) || mean > max * (1 + 1e-12))
            return ("mean_us", $"{Fmt(mean * 1e6)} us lies outside [min, max] = [{Fmt(min * 1e6)}, {Fmt(max * 1e6)}] us");
        var bound = count == 1 ? 0 : (max - min) / 2 * Math.Sqrt(count / (count - 1.0));
        if (std > bound * (1 + 1e-9) + 1e-15)
            return ("std_us", $"{Fmt(std * 1e6)} us exceeds (max - min)/2 x sqrt(n/(n-1)) = {Fmt(bound * 1e6)} us, the largest a standard deviation of values in [min, max] can be");
        return null;
    }

    private static string Fmt(double v) => v.ToString("G8", CultureInfo.InvariantCulture);
}
