using MathNet.Numerics.Distributions;
using PerfModel.Calibration.Published;
using PerfModel.Descriptions;
using PerfModel.Tests.Support;
using Xunit.Abstractions;

namespace PerfModel.Tests.Calibration.Published;

/// <summary>The class of noisy cores derived from LLNL's FWQ summaries (<see cref="NoisyCoreFit"/>): it reproduces the
/// noisy worker's std and longest quantum it was derived from, in closed form and in a seeded Monte Carlo FWQ.</summary>
public sealed class NoisyCoreFitTests(ITestOutputHelper output)
{
    private static FwqSummary Summary => FwqSummary.Load(Path.Combine(RepoPaths.DataDir, "measured", "llnl_system_noise_fwq_summary.csv"));

    private static NoisyCoreClass Th => NoisyCoreFit.Fit(Summary, "fwq-th", 48, 1.0 / 84, 1.0 / 48);

    [Fact]
    public void The_derivation_reproduces_the_noisy_worker_it_was_derived_from()
    {
        var c = Th;
        var quiet = Summary.Row("fwq-th_quietest")!;
        var noisy = Summary.Row("fwq-th_noisiest")!;
        var q = noisy.MedianSeconds;
        var d = c.Extra.Duration.MeanSeconds;
        var rate = c.Extra.Rate.PerSecond;
        // Compound Poisson with fixed D: the noisy std is sqrt(sigma_quiet^2 + lambda q D^2), the longest excess D.
        // 1e-12 relative: a square root and a few products of the published numbers.
        Assert.Equal(noisy.StdSeconds, Math.Sqrt(quiet.StdSeconds * quiet.StdSeconds + rate * q * d * d), noisy.StdSeconds * 1e-12);
        Assert.Equal(noisy.MaxExcessSeconds, d, d * 1e-12);
        // By hand from the CSV: V = 26.715265^2 - 2.173676^2 = 708.98 us^2; D = 2140.353246 - 1131.085861 = 1009.267 us;
        // lambda = V / (q D^2) = 708.98 / (1131.085861 x 1009.267^2) per us = 0.6154/s; K = 9999 V / D^2 = 6.96.
        Assert.Equal(1009.267385e-6, d, 1e-12);
        Assert.Equal(0.61536, rate, 1e-4);
        Assert.Equal(6.96, c.Estimate("fit.expectedDetours")!.Value, 0.01);
        Assert.Equal(1.0 / 48, c.Share, 1e-15);
        var share = c.Estimate("share")!;
        Assert.Equal((1.0 / 84, 1.0 / 48), (share.Lower95, share.Upper95));
        // The duration's low end: V / (mean_noisy - mean_quiet) = 708.98 / 1.287847 = 550.5 us.
        Assert.Equal(550.5e-6, c.Estimate("durationSeconds")!.Lower95, 0.1e-6);
        // Garwood 95% of K = 6.96 detours over 11.31 s: [0.247, 1.27]/s.
        var r = c.Estimate("ratePerSecond")!;
        Assert.InRange(r.Lower95, 0.24, 0.25);
        Assert.InRange(r.Upper95, 1.26, 1.28);
    }

    [Fact]
    public void A_seeded_Monte_Carlo_FWQ_of_the_class_recovers_the_noisy_worker()
    {
        // 2,000 runs of N = 9,999 quanta: each quantum's excess is D x Poisson(lambda q) (a detour lengthens the quantum it
        // starts in), on top of the quiet worker's own variance. Over runs, sigma_quiet^2 + the sample variance averages to the
        // published sigma_noisy^2 within 3 standard errors of that average (its spread is the Poisson spread of K = 6.96
        // detours per run); the median run's longest excess is D (a run with no detour has probability e^-6.96 = 0.1 %).
        var c = Th;
        var quiet = Summary.Row("fwq-th_quietest")!;
        var noisy = Summary.Row("fwq-th_noisiest")!;
        var q = noisy.MedianSeconds;
        var d = c.Extra.Duration.MeanSeconds;
        var lq = c.Extra.Rate.PerSecond * q;
        var rng = new MathNet.Numerics.Random.Xoshiro256StarStar(20181);
        const int runs = 2000;
        var n = noisy.Count;
        var variances = new double[runs];
        var maxima = new double[runs];
        for (var run = 0; run < runs; run++)
        {
            double sum = 0, sumSq = 0, max = 0;
            var detours = Poisson.Sample(rng, lq * n);
            // Place the run's detours in uniform quanta; count collisions exactly with a small map.
            var perQuantum = new Dictionary<int, int>();
            for (var i = 0; i < detours; i++)
            {
                var k = rng.Next(n);
                perQuantum[k] = perQuantum.GetValueOrDefault(k) + 1;
            }
            foreach (var hits in perQuantum.Values)
            {
                var e = hits * d;
                sum += e;
                sumSq += e * e;
                max = Math.Max(max, e);
            }
            var mean = sum / n;
            variances[run] = quiet.StdSeconds * quiet.StdSeconds + sumSq / n - mean * mean;
            maxima[run] = max;
        }
        var avg = variances.Average();
        var se = Math.Sqrt(variances.Select(v => (v - avg) * (v - avg)).Sum() / (runs - 1) / runs);
        var target = noisy.StdSeconds * noisy.StdSeconds;
        output.WriteLine($"variance: simulated {avg * 1e12:F2} +- {se * 1e12:F2} us^2, published {target * 1e12:F2} us^2; median max {maxima.Order().ElementAt(runs / 2) * 1e6:F2} us");
        // The sample variance is biased low by the mean's own term, (lambda q D)^2 = 0.49 us^2 of 714: well inside 3 s.e.
        Assert.InRange(target, avg - 3 * se, avg + 3 * se);
        Assert.Equal(noisy.MaxExcessSeconds, maxima.Order().ElementAt(runs / 2), 1e-12);
    }

    [Theory]
    [InlineData("fwq-mpi_v1", 84, 4.12, 12.5)]
    [InlineData("fwq-mpi_v2", 84, 61.2, 2.37)]
    public void The_short_fwq_mpi_runs_give_shorter_and_more_frequent_excess_detours(string run, int workers, double durationUs, double ratePerSecond)
    {
        // The cross-check quoted in docs/sources.md#os-noise-noisy-core: v1, V = 0.043767^2 - 0.005862^2 = 0.001881 us^2,
        // D = 12.970133 - 8.850091 = 4.12 us, lambda = V / (q D^2) = 12.5/s; v2, V = 0.07839 us^2, D = 61.23 us, 2.37/s.
        // 1 % of the value: the expected numbers are rounded to three digits.
        var c = NoisyCoreFit.Fit(Summary, run, workers, 1.0 / 84, 1.0 / 48);
        Assert.Equal(durationUs, c.Extra.Duration.MeanSeconds * 1e6, durationUs * 0.01);
        Assert.Equal(ratePerSecond, c.Extra.Rate.PerSecond, ratePerSecond * 0.01);
    }

    [Fact]
    public void Bad_input_names_the_file_and_the_rule()
    {
        var e = Assert.Throws<ArgumentException>(() => NoisyCoreFit.Fit(Summary, "nope", 48, 0.01, 0.02));
        Assert.Contains("llnl_system_noise_fwq_summary.csv", e.Message, StringComparison.Ordinal);
        var flat = FwqSummary.Parse(
            "run,worker,cpu,count,mean_us,std_us,min_us,p25_us,p50_us,p75_us,max_us\n"
            + "t_quietest,0,0,1000,10,0.6,9,10,10,10,12\nt_noisiest,1,1,1000,10,0.6,9,10,10,10,12\n", "flat.csv");
        e = Assert.Throws<ArgumentException>(() => NoisyCoreFit.Fit(flat, "t", 2, 0.5, 0.5));
        Assert.Contains("flat.csv line 3", e.Message, StringComparison.Ordinal);
        Assert.Contains("no excess", e.Message, StringComparison.Ordinal);
        // One long excess that is all the variance there is, and less than one detour of it: not a Poisson process.
        var single = FwqSummary.Parse(
            "run,worker,cpu,count,mean_us,std_us,min_us,p25_us,p50_us,p75_us,max_us\n"
            + "t_quietest,0,0,1000,10,0.1,9,10,10,10,12\nt_noisiest,1,1,1000,10,0.2,9,10,10,10,100\n", "single.csv");
        e = Assert.Throws<ArgumentException>(() => NoisyCoreFit.Fit(single, "t", 2, 0.5, 0.5));
        Assert.Contains("fewer than one", e.Message, StringComparison.Ordinal);
    }
}
