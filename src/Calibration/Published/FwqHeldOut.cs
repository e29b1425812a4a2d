using System.Collections.Immutable;
using System.Globalization;
using MathNet.Numerics.Distributions;
using PerfModel.Calibration.Fitting;
using PerfModel.Descriptions;

namespace PerfModel.Calibration.Published;

/// <summary>
/// A check of a noise profile against measurements it was not fitted to: the LLNL FWQ summaries
/// (<see cref="FwqSummary"/>; docs/sources.md#os-noise-llnl-fwq), which publish, for one run, the quietest and the noisiest
/// worker's standard deviation and longest quantum.
/// </summary>
public static class FwqHeldOut
{
    /// <summary>
    /// Predicts run <paramref name="run"/> of <paramref name="summary"/> (rows <c>&lt;run&gt;_quietest</c> and
    /// <c>&lt;run&gt;_noisiest</c>) by a seeded Monte Carlo simulation of the fixed-work-quantum benchmark under
    /// <paramref name="noise"/>, and compares.
    /// <list type="bullet">
    /// <item><description>Each of <paramref name="workers"/> workers runs N quanta (the rows' count) of q = the quietest
    /// worker's median, i.e. for T = N·q. Every source of the profile places its detours in [0, T) — Poisson: Poisson(λT)
    /// of them at uniform times; periodic: every 1/λ from a uniform phase; a trace is taken as Poisson, as the closed forms
    /// take it — with durations drawn from its distribution; a detour lengthens the quantum it starts in by its duration
    /// (FWQ times each quantum's wall clock; a detour's own shift of later quanta is ignored, as the detours take a small
    /// part of T). A co-scheduled profile gives every worker the same detours; node classes are not used (one node).</description></item>
    /// <item><description>Per worker: std = √(Σe²/N − (Σe/N)²) of the excesses e over q, and the largest excess. The noisiest
    /// worker is the one of largest std, the quietest the one of smallest (as fwq-stats.py picks them).</description></item>
    /// <item><description>Observed: the noisiest and quietest rows' std and max − median.</description></item>
    /// </list>
    /// Each statistic is the median over <paramref name="replicates"/> runs with its 2.5th-97.5th percentile range.
    /// The published std also holds the benchmark's own timing jitter (a few ns on the quietest fwq-mpi worker), which no
    /// noise profile contains.
    /// </summary>
    /// <param name="noise">The noise of every worker's core.</param>
    /// <param name="summary">The published FWQ summaries.</param>
    /// <param name="run">Row name prefix ("fwq-mpi_v1", "fwq-th").</param>
    /// <param name="workers">Workers of the run (84 for fwq-mpi, 48 for fwq-th).</param>
    /// <param name="seed">Seed of the simulation (<c>Bootstrap.Rng</c>).</param>
    /// <param name="replicates">Simulated runs (≥ 1).</param>
    /// <exception cref="ArgumentException">The summary has no such run.</exception>
    public static FwqHeldOutResult Compare(NoiseProfile noise, FwqSummary summary, string run, int workers, int seed, int replicates = 20)
    {
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        Bootstrap.CheckResamples(replicates);
        var quietest = summary.Row(run + "_quietest");
        var noisiest = summary.Row(run + "_noisiest");
        if (quietest is null || noisiest is null)
            throw new ArgumentException($"{summary.File} has no rows {run}_quietest and {run}_noisiest; its runs are {string.Join(", ", summary.Rows.Select(r => r.Run))}", nameof(run));
        var quanta = Math.Min(quietest.Count, noisiest.Count);
        var quantum = quietest.MedianSeconds;
        var rng = Bootstrap.Rng(seed);
        var stats = new double[4][];
        for (var k = 0; k < 4; k++) stats[k] = new double[replicates];
        var excess = new double[quanta];
        for (var r = 0; r < replicates; r++)
        {
            double noisyStd = -1, noisyMax = 0, quietStd = double.PositiveInfinity, quietMax = 0;
            var shared = noise.CoScheduled ? Detours(noise, quanta * quantum, rng) : null;
            for (var w = 0; w < workers; w++)
            {
                Array.Clear(excess);
                foreach (var (t, d) in shared ?? Detours(noise, quanta * quantum, rng))
                    excess[Math.Min(quanta - 1, (int)(t / quantum))] += d;
                double sum = 0, sumSq = 0, max = 0;
                foreach (var e in excess)
                {
                    sum += e;
                    sumSq += e * e;
                    max = Math.Max(max, e);
                }
                var mean = sum / quanta;
                var std = Math.Sqrt(Math.Max(0, sumSq / quanta - mean * mean));
                if (std > noisyStd) (noisyStd, noisyMax) = (std, max);
                if (std < quietStd) (quietStd, quietMax) = (std, max);
            }
            (stats[0][r], stats[1][r], stats[2][r], stats[3][r]) = (noisyStd, noisyMax, quietStd, quietMax);
        }
        var observed = new[] { noisiest.StdSeconds, noisiest.MaxExcessSeconds, quietest.StdSeconds, quietest.MaxExcessSeconds };
        string[] names = ["noisiest std", "noisiest max excess", "quietest std", "quietest max excess"];
        var statistics = names.Select((name, k) =>
        {
            var (lo, hi) = Bootstrap.Percentile95(stats[k]);
            return new FwqStatistic(name, observed[k], Median(stats[k]), lo, hi);
        }).ToImmutableArray();
        var method = string.Create(CultureInfo.InvariantCulture,
            $"Monte Carlo of {workers} workers x {quanta} quanta of {quantum * 1e6:G6} us under {noise.Sources.Length} source(s), {replicates} runs, seed {seed}; compared with {summary.File} rows {run}_quietest/_noisiest");
        return new FwqHeldOutResult(run, workers, quanta, quantum, statistics, method);
    }

    /// <summary>The detours (start, duration) of one core in [0, <paramref name="seconds"/>).</summary>
    private static IEnumerable<(double Start, double Duration)> Detours(NoiseProfile noise, double seconds, Random rng)
    {
        var list = new List<(double, double)>();
        foreach (var s in noise.Sources)
        {
            var rate = s.Rate.PerSecond;
            if (!(rate > 0)) continue;
            if (s.Arrival == NoiseArrival.Periodic)
            {
                var period = 1 / rate;
                for (var t = period * rng.NextDouble(); t < seconds; t += period) list.Add((t, s.Duration.Quantile(rng.NextDouble())));
            }
            else
            {
                var n = Poisson.Sample(rng, rate * seconds);
                for (var i = 0; i < n; i++) list.Add((seconds * rng.NextDouble(), s.Duration.Quantile(rng.NextDouble())));
            }
        }
        return list;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
