using System.Collections.Immutable;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using PerfModel.Calibration.Fitting;
using PerfModel.Calibration.Published;
using static PerfModel.Tests.Calibration.Published.PublishedData;

namespace PerfModel.Tests.Calibration.Published;

/// <summary>The run-to-run σ of communication: the dane allreduce and latency files against the same statistics computed
/// independently, recovery of a known persistent factor from synthetic runs (where the total spread would miss it), and
/// refusals.</summary>
public sealed class NetworkRunVariationFitTests
{
    private static readonly long[] Sizes = [4, 8, 16, 32, 64, 128, 256, 512, 1024];

    private static OsuDataFrame[] Dane(string benchmark) =>
        [.. new[] { 64, 128, 256 }.Select(n => OsuDataFrame.Load(Osu($"osu_{benchmark}-{n}-cpu-dataframe.csv")))];

    [Fact]
    public void The_dane_runs_give_the_independently_computed_statistics()
    {
        // Expected values computed outside the project with Python 3's statistics module (stdev, covariance: n − 1
        // denominators) on the dane rows of the three allreduce files (4 B and 8 B of each run) and on the 8 B rows of the
        // three osu_latency files; pooling: Σ (n − 1)·var / Σ (n − 1). 1e-12 relative: the same sums in another order.
        var fit = NetworkRunVariationFit.Fit(Dane("allreduce"), Dane("latency"), "dane", seed: 1729, resamples: 200);
        Assert.Equal([64, 128, 256], fit.PerNodeCount.Select(p => p.Nodes));
        Assert.Equal([25, 16, 25], fit.PerNodeCount.Select(p => p.Runs));
        double[] persistent = [0.14137127926653947, 0.14919131589534046, 0.22476142279472341];
        double[] total = [0.19620204876713393, 0.2290314210789067, 0.2618472023143291];
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(persistent[i], fit.PerNodeCount[i].PersistentLogSd, persistent[i] * 1e-12);
            Assert.Equal(total[i], fit.PerNodeCount[i].TotalLogSd, total[i] * 1e-12);
        }
        Assert.Equal(0.1793265881965143, fit.Persistent.Value, 1e-12);
        Assert.Equal(0.2308112576285173, fit.Total.Value, 1e-12);
        Assert.Equal(0.09163005758934248, fit.PairLogSd.Value, 1e-12);
        Assert.Equal(420, fit.Pairs);
        // The 8 B medians of docs/sources.md#omni-path: 24.2, 31.3 and 27.1 us (rounded to 0.1 us there).
        Assert.Equal([24.2e-6, 31.3e-6, 27.1e-6], fit.PerNodeCount.Select(p => Math.Round(p.MedianSeconds * 1e7) / 1e7));
        Assert.InRange(fit.Persistent.Value, fit.Persistent.Lower95, fit.Persistent.Upper95);
        Assert.Equal("network.runToRunLogSd", fit.Persistent.Name);
    }

    [Fact]
    public void The_fit_is_deterministic_for_a_seed()
    {
        var a = NetworkRunVariationFit.Fit(Dane("allreduce"), Dane("latency"), "dane", seed: 5, resamples: 100);
        var b = NetworkRunVariationFit.Fit(Dane("allreduce"), Dane("latency"), "dane", seed: 5, resamples: 100);
        Assert.Equal(a.Persistent, b.Persistent);
        Assert.Equal(a.PairLogSd, b.PairLogSd);
    }

    /// <summary>Allreduce frames of <paramref name="runs"/> runs per node count: t(run, m) = 25 us × e^(u_run + e(run, m)),
    /// u ~ N(0, persistent²) once per run, e ~ N(0, transient²) per size and run.</summary>
    private static OsuDataFrame[] Synthetic(int seed, int runs, double persistent, double transient)
    {
        var rng = new Xoshiro256StarStar(seed);
        var frames = new List<OsuDataFrame>();
        foreach (var nodes in new[] { 64, 128, 256 })
        {
            var rows = ImmutableArray.CreateBuilder<OsuRow>();
            for (var r = 0; r < runs; r++)
            {
                var u = Normal.Sample(rng, 0, persistent);
                foreach (var m in Sizes)
                    rows.Add(new OsuRow(rows.Count + 2, m, 25e-6 * Math.Exp(u + Normal.Sample(rng, 0, transient)), "x/synth/osu_allreduce", "on-premises", "synth", "cpu", nodes, 0));
            }
            frames.Add(new OsuDataFrame($"synth-{nodes}.csv", "avg_latency_us", rows.ToImmutable()));
        }
        return [.. frames];
    }

    private static OsuDataFrame[] SyntheticPairs(int seed) =>
    [
        new("synth-latency.csv", "latency_us", [.. Enumerable.Range(0, 50).SelectMany(r => new[] { 4L, 8 }.Select(m =>
            new OsuRow(2 * r + (int)m, m, 1.85e-6 * (1 + 0.01 * ((r * 7 + seed) % 5)), "x/synth/osu_latency", "on-premises", "synth", "cpu", 64, 0)))]),
    ];

    [Fact]
    public void A_known_persistent_factor_is_recovered_and_the_total_spread_would_miss_it()
    {
        // Truth: σ_run = 0.15 per run, plus 0.10 that changes from one size to the next within a run; 3 × 1,000 runs. The
        // sample covariance of 3,000 pairs has a standard error of √((σx²σy² + cov²) / n) = 0.00072, i.e. 0.0024 on its
        // square root: tolerance 0.01 (4 standard errors). The total log-sd is √(0.15² + 0.10²) = 0.180, 0.03 above the
        // truth: a fit that took all the spread as persistent fails the same tolerance.
        var fit = NetworkRunVariationFit.Fit(Synthetic(21, 1000, 0.15, 0.10), SyntheticPairs(1), "synth", seed: 2, resamples: 100);
        Assert.Equal(0.15, fit.Persistent.Value, 0.01);
        Assert.InRange(fit.Persistent.Value, fit.Persistent.Lower95, fit.Persistent.Upper95);
        Assert.Equal(Math.Sqrt(0.15 * 0.15 + 0.1 * 0.1), fit.Total.Value, 0.01);
        Assert.True(Math.Abs(fit.Total.Value - 0.15) > 0.01, "the total spread must not pass for the persistent one");
    }

    [Fact]
    public void Without_a_persistent_factor_the_fit_finds_none()
    {
        // Truth σ_run = 0: the covariance is 0 ± 0.10²/√1200 = ±0.0003; 4 standard errors, 0.0012, have the square root 0.035.
        var fit = NetworkRunVariationFit.Fit(Synthetic(22, 400, 0, 0.10), SyntheticPairs(1), "synth", seed: 2, resamples: 100);
        Assert.InRange(fit.Persistent.Value, 0, 0.035);
        Assert.Equal(0.10, fit.Total.Value, 0.01);
    }

    [Fact]
    public void Bad_input_is_refused_with_the_reason()
    {
        var few = NetworkRunVariationFit.Fit(Synthetic(1, 3, 0.1, 0.1), SyntheticPairs(1), "synth", seed: 1, resamples: 10);
        Assert.Equal(3, few.PerNodeCount[0].Runs);
        var e = Assert.Throws<CalibrationException>(() => NetworkRunVariationFit.Fit(Synthetic(1, 2, 0.1, 0.1), SyntheticPairs(1), "synth", seed: 1, resamples: 10));
        Assert.Contains("2 osu_allreduce run(s) at 64 nodes", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<CalibrationException>(() => NetworkRunVariationFit.Fit(Synthetic(1, 5, 0.1, 0.1), SyntheticPairs(1), "dane", seed: 1, resamples: 10));
        Assert.Contains("env 'dane': no osu_allreduce run", e.Message, StringComparison.Ordinal);
        var wrong = Assert.Throws<ArgumentException>(() => NetworkRunVariationFit.Fit(SyntheticPairs(1), SyntheticPairs(1), "synth", seed: 1, resamples: 10));
        Assert.Contains("synth-latency.csv reports latency_us, not avg_latency_us", wrong.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => NetworkRunVariationFit.Fit(Synthetic(1, 5, 0.1, 0.1), SyntheticPairs(1), "synth", seed: 1, resamples: 0));
    }
}
