using System.Collections.Immutable;
using System.Globalization;

namespace PerfModel.Calibration.Published;

/// <summary>
/// One core of one run in a <see cref="PercentileTable"/>: osjitter's per-CPU interruption statistics (G. Sauthoff,
/// github.com/gsauthof/osjitter; docs/sources.md#os-noise-osjitter). Durations in seconds (the table has ns).
/// Valid when made: a configuration name, CPU ≥ 0, count ≥ 0, run time &gt; 0, sum ≥ 0 and below the
/// run time and at most count × max, quantiles finite, ≥ 0 and non-decreasing from p20 to max, &gt; 0 when there are
/// interruptions and all 0 when there are none, and equal where osjitter's rule takes them from the same order statistics
/// (<see cref="Ranks"/>).
/// </summary>
public sealed record PercentileRow
{
    /// <summary>The quantile names in column order, each with its level a/b as osjitter computes it.</summary>
    public static readonly ImmutableArray<(string Name, int Numerator, int Denominator)> Levels =
        [("p20", 1, 5), ("median", 1, 2), ("p80", 4, 5), ("p90", 90, 100), ("p99", 99, 100), ("p99.9", 999, 1000)];

    /// <summary>A row; see the type's rules.</summary>
    /// <exception cref="ArgumentException">A rule is broken (the message names the field).</exception>
    public PercentileRow(string config, int cpu, bool isolated, int interruptions, double runSeconds, double sumSeconds,
        double p20Seconds, double medianSeconds, double p80Seconds, double p90Seconds, double p99Seconds, double p999Seconds, double maxSeconds)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (Problem(config, cpu, interruptions, runSeconds, sumSeconds, [p20Seconds, medianSeconds, p80Seconds, p90Seconds, p99Seconds, p999Seconds, maxSeconds]) is { } p)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{config} cpu {cpu}: {p.Field}: {p.Rule}"));
        Config = config;
        Cpu = cpu;
        Isolated = isolated;
        Interruptions = interruptions;
        RunSeconds = runSeconds;
        SumSeconds = sumSeconds;
        QuantilesSeconds = [p20Seconds, medianSeconds, p80Seconds, p90Seconds, p99Seconds, p999Seconds];
        MaxSeconds = maxSeconds;
    }

    /// <summary>Kernel configuration of the run ("A_nohzfull_isol_default").</summary>
    public string Config { get; }

    /// <summary>CPU number.</summary>
    public int Cpu { get; }

    /// <summary>Whether the CPU is isolated from the scheduler (isolcpus) in the run.</summary>
    public bool Isolated { get; }

    /// <summary>Interruptions counted (gaps in the polling loop above its threshold).</summary>
    public int Interruptions { get; }

    /// <summary>Length of the run, seconds.</summary>
    public double RunSeconds { get; }

    /// <summary>Summed interruption time, seconds.</summary>
    public double SumSeconds { get; }

    /// <summary>p20, median, p80, p90, p99 and p99.9 of the interruption durations, seconds (<see cref="Levels"/> order).</summary>
    public ImmutableArray<double> QuantilesSeconds { get; }

    /// <summary>Longest interruption, seconds.</summary>
    public double MaxSeconds { get; }

    /// <summary>1-based line in the table file (0 for a row made in code).</summary>
    public int Line { get; init; }

    /// <summary>Interruptions per second.</summary>
    public double RatePerSecond => Interruptions / RunSeconds;

    /// <summary>
    /// The 1-based ranks of the order statistics osjitter averages for level a/b of n sorted durations x[0..n−1]:
    /// i = ⌊n·a/b⌋; x[i] when n is odd or i = 0 (ranks i + 1, i + 1), else (x[i−1] + x[i]) / 2 (ranks i, i + 1)
    /// (osjitter.c, percentile_u32, commit 4545f212).
    /// </summary>
    public static (int Low, int High) Ranks(int count, int numerator, int denominator)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var i = (int)((long)count * numerator / denominator);
        return count % 2 == 1 || i == 0 ? (i + 1, i + 1) : (i, i + 1);
    }

    /// <summary>
    /// The row as the input of <see cref="DetourProcessFit"/>: each quantile with its osjitter ranks (<see cref="Ranks"/>)
    /// and the maximum as rank n; quantiles on the same ranks become one point named by all of them ("p80/p90").
    /// </summary>
    public DetourSummary ToDetourSummary()
    {
        var label = string.Create(CultureInfo.InvariantCulture, $"{Config} cpu {Cpu}");
        if (Interruptions == 0) return new DetourSummary(label, 0, RunSeconds, SumSeconds, []);
        var points = new List<(string Label, int Low, int High, double Seconds)>();
        for (var k = 0; k < Levels.Length; k++)
        {
            var (low, high) = Ranks(Interruptions, Levels[k].Numerator, Levels[k].Denominator);
            points.Add((Levels[k].Name, low, high, QuantilesSeconds[k]));
        }
        points.Add(("max", Interruptions, Interruptions, MaxSeconds));
        var merged = points.GroupBy(p => (p.Low, p.High))
            .Select(g => new OrderStatistic(string.Join("/", g.Select(p => p.Label)), g.Key.Low, g.Key.High, g.First().Seconds));
        return new DetourSummary(label, Interruptions, RunSeconds, SumSeconds, merged);
    }

    /// <summary>The first rule a row of these values breaks, as (table column, rule), or null. <paramref name="values"/> are
    /// the quantiles in <see cref="Levels"/> order and then the max, seconds.</summary>
    internal static (string Field, string Rule)? Problem(string config, int cpu, int interruptions, double runSeconds, double sumSeconds, double[] values)
    {
        if (string.IsNullOrWhiteSpace(config)) return ("config", "the configuration name is empty");
        if (cpu < 0) return ("cpu", string.Create(CultureInfo.InvariantCulture, $"{cpu} is negative"));
        if (interruptions < 0) return ("interruptions", string.Create(CultureInfo.InvariantCulture, $"{interruptions} is negative"));
        if (!double.IsFinite(runSeconds) || runSeconds <= 0) return ("run_s", $"{Fmt(runSeconds)} s: the run time must be finite and > 0");
        if (!double.IsFinite(sumSeconds) || sumSeconds < 0) return ("sum_ns", $"{Fmt(sumSeconds * 1e9)} ns: the sum must be finite and >= 0");
        if (sumSeconds >= runSeconds) return ("sum_ns", $"{Fmt(sumSeconds * 1e9)} ns of interruptions cannot fit in a run of {Fmt(runSeconds)} s");
        var names = Levels.Select(l => l.Name).Append("max").ToArray();
        if (values.Length != names.Length) throw new ArgumentException($"{values.Length} values; 7 are needed (p20 ... p99.9, max)", nameof(values));
        for (var k = 0; k < values.Length; k++)
        {
            if (!double.IsFinite(values[k]) || values[k] < 0) return (Column(names[k]), $"{Fmt(values[k] * 1e9)} ns: a quantile must be finite and >= 0");
            if (k > 0 && values[k] < values[k - 1])
                return (Column(names[k]), $"{Fmt(values[k] * 1e9)} ns is below {names[k - 1]} = {Fmt(values[k - 1] * 1e9)} ns: the quantiles must not decrease");
        }
        if (interruptions == 0)
            return values.Any(v => v != 0) || sumSeconds != 0 ? ("interruptions", "0 interruptions, but the sum or a quantile is not 0") : null;
        if (values[0] <= 0) return ("p20_ns", "0 ns: with interruptions counted every quantile must be > 0");
        var max = values[^1];
        if (sumSeconds > interruptions * max * (1 + 1e-9))
            return ("sum_ns", $"{Fmt(sumSeconds * 1e9)} ns exceeds interruptions x max = {Fmt(interruptions * max * 1e9)} ns (the mean cannot exceed the max)");
        var ranks = Levels.Select(l => Ranks(interruptions, l.Numerator, l.Denominator)).Append((interruptions, interruptions)).ToArray();
        for (var k = 1; k < values.Length; k++)
            for (var j = 0; j < k; j++)
                if (ranks[j] == ranks[k] && values[j] != values[k])
                    return (Column(names[k]), string.Create(CultureInfo.InvariantCulture,
                        $"{Fmt(values[k] * 1e9)} ns differs from {names[j]} = {Fmt(values[j] * 1e9)} ns, but for {interruptions} interruptions osjitter takes both from the same order statistics (ranks {ranks[k].Item1}..{ranks[k].Item2})"));
        return null;
    }

    /// <summary>The table column of a quantile name.</summary>
    internal static string Column(string name) => name == "p99.9" ? "p99_9_ns" : name + "_ns";

    private static string Fmt(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
