using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using PerfModel.Noise;

namespace PerfModel.Tests.Models.Noise;

/// <summary>
/// The run spread with each run's own log-normal factor on its communication time (<see cref="RunSpread.WithCommunicationFactor"/>):
/// its analytic limits (σ = 0 is the noise-only spread exactly; no noise and small σ gives the range of 5 normals, 2.326·c·σ;
/// one run has the log-normal mean), a seeded Monte Carlo simulation of k = 5 runs of the whole run time, and the
/// prediction's spread with and without the fitted σ_run.
/// </summary>
public sealed class RunFactorSpreadTests
{
    /// <summary>E[range of 5 standard normals] = 2·E[Z(5:5)] = 2.3259289… (Harter 1961).</summary>
    private const double NormalRange5 = 2 * 1.1629644736405196;

    private static readonly TimeInterval Runtime = TimeInterval.FromSeconds(10);

    [Theory]
    [InlineData(0.0, 2.0)]   // σ = 0
    [InlineData(0.18, 0.0)]  // no communication
    public void Without_a_factor_the_spread_is_the_noise_only_spread_exactly(double logSd, double communicationSeconds)
    {
        var noiseOnly = RunSpread.Normal(Runtime, 0.04, 5);
        Assert.Equal(noiseOnly, RunSpread.WithCommunicationFactor(Runtime, 0.04, TimeInterval.FromSeconds(communicationSeconds), logSd, 5));
        // And the noise-only range is the analytic 2.326σ of five normal runs (σ = 0.2 s); 1e-12: rounding of two sums.
        Assert.Equal(NormalRange5 * 0.2, noiseOnly.Max.Seconds - noiseOnly.Min.Seconds, 1e-12);
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.05)]
    public void Without_noise_a_small_factor_spreads_five_runs_over_2_326_c_sigma(double logSd)
    {
        // e^(σZ) = 1 + σZ + σ²Z²/2 + σ³Z³/6 + …: the range of five runs is c·σ·E[Z(5:5) − Z(1:5)] = 2.326·c·σ, the σ² term
        // cancels (Z(5:5) and −Z(1:5) have one law), and the σ³ term adds c·σ³·E[Z(5:5)³]/3 = 1.07·c·σ³ (E[Z(5:5)³] = 3.225
        // by quadrature of its defining integral), a relative 0.46·σ²: tolerance 0.6·σ² relative (6e-5 at σ = 0.01,
        // 1.5e-3 at 0.05).
        const double c = 4;
        var s = RunSpread.WithCommunicationFactor(Runtime, 0, TimeInterval.FromSeconds(c), logSd, 5);
        var range = s.Max.Seconds - s.Min.Seconds;
        Assert.Equal(1, range / (NormalRange5 * c * logSd), 0.6 * logSd * logSd);
        // The median run is T to first order (E[Z(3:5)] = 0); its σ² term is c·σ²·E[Z(3:5)²]/2 = 0.143·c·σ² (the variance
        // of the median of 5 standard normals, 0.2868, by quadrature): tolerance 0.25·c·σ².
        Assert.Equal(Runtime.Seconds, s.Median.Seconds, 0.25 * c * logSd * logSd);
        // The range would be 0 without the factor: the effect is the whole range.
        Assert.True(range > 0.99 * NormalRange5 * c * logSd);
    }

    [Theory]
    [InlineData(0.18, 0.0)]   // no noise: the s = 0 quadrature
    [InlineData(0.18, 0.05)]  // noise narrower than c·σ: the log-normal kept in closed form
    [InlineData(0.18, 0.5)]   // noise wider: the normal kept
    [InlineData(0.6, 0.3)]
    public void One_run_has_the_log_normal_mean(double logSd, double noiseSd)
    {
        // k = 1: E[T − c + c·X + N] = T − c + c·e^(σ²/2) exactly, whatever the noise. Tolerance 1e-9 relative to c: the
        // quadratures (96-point mixture, 8-point panels every half σ) are good to ~1e-12; the tails beyond ±8 σ, 1e-15.
        const double c = 3;
        var s = RunSpread.WithCommunicationFactor(Runtime, noiseSd * noiseSd, TimeInterval.FromSeconds(c), logSd, 1);
        Assert.Equal(Runtime.Seconds - c + c * Math.Exp(logSd * logSd / 2), s.Median.Seconds, 1e-9 * c);
    }

    [Theory]
    [InlineData(0.18, 0.0, 11)]
    [InlineData(0.18, 0.05, 12)]
    [InlineData(0.18, 0.5, 13)]
    [InlineData(0.6, 0.3, 14)]
    public void Five_simulated_runs_match_the_closed_form(double logSd, double noiseSd, int seed)
    {
        // Monte Carlo of the whole run time: 200,000 sets of five runs T − c + c·e^(σZ) + s·N, Z and N independent standard
        // normals drawn with a seeded generator; the mean fastest, median and slowest of each set against the closed form.
        // Tolerance: 4.5 standard errors of each mean (from the simulation's own spread; a false alarm in fewer than 1 in
        // 100,000 checks) plus 1e-9 s for the quadrature.
        const double c = 3;
        const int sets = 200_000;
        var rng = new Xoshiro256StarStar(seed);
        var runs = new double[5];
        var (sum, sumSq) = (new double[3], new double[3]);
        for (var i = 0; i < sets; i++)
        {
            for (var r = 0; r < 5; r++)
                runs[r] = Runtime.Seconds - c + c * Math.Exp(logSd * Normal.Sample(rng, 0, 1)) + noiseSd * Normal.Sample(rng, 0, 1);
            Array.Sort(runs);
            double[] picked = [runs[0], runs[2], runs[4]];
            for (var q = 0; q < 3; q++)
            {
                sum[q] += picked[q];
                sumSq[q] += picked[q] * picked[q];
            }
        }
        var closed = RunSpread.WithCommunicationFactor(Runtime, noiseSd * noiseSd, TimeInterval.FromSeconds(c), logSd, 5);
        double[] expected = [closed.Min.Seconds, closed.Median.Seconds, closed.Max.Seconds];
        for (var q = 0; q < 3; q++)
        {
            var mean = sum[q] / sets;
            var standardError = Math.Sqrt((sumSq[q] / sets - mean * mean) / sets);
            Assert.True(Math.Abs(mean - expected[q]) <= 4.5 * standardError + 1e-9,
                $"order statistic {q}: simulated {mean:R} ± {standardError:R}, closed form {expected[q]:R}");
        }
        // The factor makes the runs differ: the simulated range is wider than the noise's alone by more than 0.5 s (without
        // noise, c·σ·2.326 = 1.26 s for σ = 0.18 and c = 3).
        var noiseOnly = RunSpread.Normal(Runtime, noiseSd * noiseSd, 5);
        Assert.True(sum[2] / sets - sum[0] / sets > noiseOnly.Max.Seconds - noiseOnly.Min.Seconds + 0.5);
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RunSpread.WithCommunicationFactor(Runtime, 0, TimeInterval.FromSeconds(1), -0.1, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => RunSpread.WithCommunicationFactor(Runtime, 0, TimeInterval.FromSeconds(1), 2.5, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => RunSpread.WithCommunicationFactor(Runtime, 0, TimeInterval.FromSeconds(11), 0.2, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => RunSpread.WithCommunicationFactor(Runtime, -1, TimeInterval.FromSeconds(1), 0.2, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => RunSpread.WithCommunicationFactor(Runtime, 0, TimeInterval.FromSeconds(1), 0.2, 0));
    }

    [Fact]
    public void A_prediction_spreads_its_communication_by_the_platform_sigma()
    {
        // AMG2013 on Linux at 1,024 nodes with the default platform (σ_run fitted from the dane allreduce runs) against the
        // same platform with σ_run = 0: the spread must be the closed form of its own parts, and much wider than the
        // noise-only spread (the test fails without the factor).
        var study = PerfModel.Profiles.Defaults.Study();
        var sigma = study.Platform.Network.RunToRunLogSd;
        Assert.InRange(sigma, 0.05, 0.5);
        var with = study.Predict("amg2013", "linux", 1024);
        var without = study.With(study.Platform with { Network = study.Platform.Network with { RunToRunLogSd = 0 } }).Predict("amg2013", "linux", 1024);
        Assert.Equal(with.Runtime, without.Runtime);
        Assert.Equal(RunSpread.Normal(without.Runtime, Math.Pow(without.RunStandardDeviation.Seconds, 2), 5), without.Spread);
        var c = with.CommunicationPerRun.Seconds;
        Assert.Equal(with.Breakdown[PerfModel.Predictions.Mechanism.Communication].Seconds, c, c * 1e-12);
        Assert.Equal(RunSpread.WithCommunicationFactor(with.Runtime, Math.Pow(with.RunStandardDeviation.Seconds, 2), with.CommunicationPerRun, sigma, 5), with.Spread);
        var widthWith = with.Spread.Max.Seconds - with.Spread.Min.Seconds;
        var widthWithout = without.Spread.Max.Seconds - without.Spread.Min.Seconds;
        // The communication part alone spreads five runs over about 2.326·c·σ; with the noise added in quadrature-like
        // fashion the width lies between that and the sum of both widths.
        Assert.InRange(widthWith, 0.95 * NormalRange5 * c * sigma, widthWithout + 1.1 * NormalRange5 * c * sigma);
        Assert.True(widthWith / widthWithout - 1 > 1, $"width with the factor {widthWith} s, without {widthWithout} s");
    }
}
