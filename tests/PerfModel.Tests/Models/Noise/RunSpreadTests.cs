using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using PerfModel.Noise;

namespace PerfModel.Tests.Models.Noise;

/// <summary>The one run-spread function: normal order statistics against their closed forms, and the spread of a
/// prediction against the normal approximation of its iterations.</summary>
public sealed class RunSpreadTests
{
    [Fact]
    public void Normal_order_statistics_match_their_closed_forms()
    {
        // E[Z(2:2)] = 1/√π; E[Z(3:3)] = 3/(2√π); E[Z(5:5)] = (5/(4√π))(1 + (6/π) asin(1/3)) (Bose and Gupta, Biometrika 1959).
        // Tolerance 1e-15: the table holds correctly rounded values, the closed forms lose at most two ulps in double.
        Assert.Equal(1 / Math.Sqrt(Math.PI), NormalOrderStatistics.Expected(2, 2), 1e-15);
        Assert.Equal(1.5 / Math.Sqrt(Math.PI), NormalOrderStatistics.Expected(3, 3), 1e-15);
        Assert.Equal(5 / (4 * Math.Sqrt(Math.PI)) * (1 + 6 / Math.PI * Math.Asin(1.0 / 3)), NormalOrderStatistics.Expected(5, 5), 1e-15);
        Assert.Equal(0, NormalOrderStatistics.Expected(3, 5));
        Assert.Equal(-NormalOrderStatistics.Expected(5, 5), NormalOrderStatistics.Expected(1, 5));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(10)]
    public void The_table_agrees_with_the_defining_integral(int k)
    {
        // The quadrature is accurate to ~1e-12 absolute; the table is exact to the last bit.
        for (var j = 1; j <= k; j++) Assert.Equal(NormalOrderStatistics.Expected(j, k), DefiningIntegral(j, k), 1e-10);
    }

    /// <summary>E[Z(j:k)] = k C(k−1, j−1) ∫ z Φ(z)^(j−1) (1 − Φ(z))^(k−j) φ(z) dz, written here from the definition (the
    /// library's own quadrature is internal) and integrated by composite Simpson on [−12, 12] with step 1/1000: the
    /// integrand is smooth and its tails beyond ±12 are below 1e-30, so the error is far below 1e-12.</summary>
    private static double DefiningIntegral(int j, int k)
    {
        var c = k * SpecialFunctions.Binomial(k - 1, j - 1);
        double F(double z)
        {
            // Φ(z) and 1 − Φ(z) = Φ(−z) each from the distribution function, so neither tail cancels.
            return z * c * Math.Pow(Normal.CDF(0, 1, z), j - 1) * Math.Pow(Normal.CDF(0, 1, -z), k - j) * Normal.PDF(0, 1, z);
        }
        const int intervals = 24000;
        const double lo = -12, h = 24.0 / intervals;
        var sum = F(lo) + F(lo + intervals * h);
        for (var i = 1; i < intervals; i++) sum += (i % 2 == 1 ? 4 : 2) * F(lo + i * h);
        return sum * h / 3;
    }

    [Fact]
    public void Larger_k_integrates_and_grows_like_sqrt_2_ln_k()
    {
        // E[max of k] ≈ √(2 ln k) − (ln ln k + ln 4π − 2γ)/(2√(2 ln k)) (Gumbel approximation); within 0.05 at k = 1000.
        const int k = 1000;
        var l = Math.Sqrt(2 * Math.Log(k));
        var approx = l - (Math.Log(Math.Log(k)) + Math.Log(4 * Math.PI) - 2 * 0.5772156649) / (2 * l);
        Assert.Equal(approx, NormalOrderStatistics.Expected(k, k), 0.05);
    }

    [Fact]
    public void The_spread_of_five_runs_is_mean_plus_minus_1_163_sigma()
    {
        var s = RunSpread.Normal(TimeInterval.FromSeconds(10), 4, 5);
        Assert.Equal(10 - 2 * 1.1629644736405196, s.Min.Seconds, 1e-12);
        Assert.Equal(10, s.Median.Seconds);
        Assert.Equal(10 + 2 * 1.1629644736405196, s.Max.Seconds, 1e-12);
        Assert.Equal(0, RunSpread.Normal(TimeInterval.FromSeconds(1), 100, 5).Min.Seconds);
    }

    [Fact]
    public void A_prediction_reports_the_spread_of_its_noise()
    {
        // Without the run-to-run factor on communication (σ_run = 0) the spread is the noise's alone; with it see
        // RunFactorSpreadTests.
        var study = PerfModel.Profiles.Defaults.Study();
        study = study.With(study.Platform with { Network = study.Platform.Network with { RunToRunLogSd = 0 } });
        var p = study.Predict("minife", "linux", 512);
        var variance = p.Terms.Sum(t => t.VariancePerIterationSeconds2) * p.Scenario.App.Iterations;
        Assert.Equal(p.Runtime.Seconds + Math.Sqrt(variance) * 1.1629644736405196, p.Spread.Max.Seconds, p.Runtime.Seconds * 1e-12);
        Assert.True(variance > 0);
    }
}
