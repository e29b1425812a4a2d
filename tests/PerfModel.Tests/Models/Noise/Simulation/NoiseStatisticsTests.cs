using MathNet.Numerics.Distributions;
using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Noise.Simulation;
using static PerfModel.Tests.Models.Noise.Simulation.SimulationReference;

namespace PerfModel.Tests.Models.Noise.Simulation;

/// <summary>
/// One rank's noise over a window (the None shape): count distribution, mean and variance against the compound Poisson
/// definitions. Tolerances are k standard errors of the estimate (k = 4 unless stated), the SE being the simulator's own
/// (sample SD / √trials) for means and the asymptotic one for variances.
/// </summary>
public sealed class NoiseStatisticsTests
{
    public static TheoryData<double> CountMeans() => [0.05, 3.7, 29.5, 30.0, 75.0, 400.0];

    [Theory]
    [MemberData(nameof(CountMeans))]
    public void DetourCountIsPoisson(double m)
    {
        // One rank, W = 1 s, one source of rate m with fixed detours of d = 2^−10 s: T = 1 + K d exactly (binary fractions),
        // K ~ Poisson(m). (Detours of 1 s would make the source's core time fraction m ≥ 1, which a NoiseSource refuses;
        // m d ≤ 0.4 here.) Means below 30 use inversion, 30 and above PTRS; 29.5 and 30 straddle the switch. Pearson χ² over bins with expected count ≥ 5
        // (tails lumped into the end bins) must stay below the χ² quantile 1 − 1e-4 for its degrees of freedom; the sample
        // mean within 4 SE of m and the sample variance within 5 of its asymptotic SEs, √((κ4 + 2κ2²)/n) = √((m + 2m²)/n).
        const int n = 20000;
        const double d = 1.0 / 1024;
        var noise = new NoiseProfile([TestProfiles.Source("unit", m, d)], false);
        var r = NoiseSimulator.Simulate(noise, TestProfiles.Step(1.0, SyncShape.None, 0), 1, new SimulationOptions(n, 0xC0FFEE, 2));

        var counts = new Dictionary<int, int>();
        var perTrial = new List<double>();
        foreach (var t in r.TrialMeans)
        {
            var k = (t - 1) / d;
            Assert.Equal(Math.Round(k), k); // an integer count
            counts[(int)k] = counts.GetValueOrDefault((int)k) + 1;
            perTrial.Add(k);
        }
        var pmf = PoissonReference.Pmf(m, 1000);
        // Bins [lo, hi] of expected count ≥ 5, with everything below lo in the first bin and above hi in the last.
        var lo = 0;
        while (pmf[lo] * n < 5) lo++;
        var hi = lo;
        while (pmf[hi + 1] * n >= 5) hi++;
        var chi2 = 0.0;
        var bins = 0;
        for (var k = lo; k <= hi; k++)
        {
            var expected = k == lo ? pmf.Take(lo + 1).Sum() * n : k == hi ? pmf.Skip(hi).Sum() * n : pmf[k] * n;
            var observed = k == lo ? counts.Where(c => c.Key <= lo).Sum(c => c.Value)
                : k == hi ? counts.Where(c => c.Key >= hi).Sum(c => c.Value) : counts.GetValueOrDefault(k);
            chi2 += (observed - expected) * (observed - expected) / expected;
            bins++;
        }
        if (bins >= 2)
            Assert.True(chi2 < ChiSquared.InvCDF(bins - 1, 1 - 1e-4), $"chi2 = {chi2:F1} over {bins} bins");

        AssertMean(1 + m * d, r, $"mean count, m = {m}");
        var variance = SampleVariance(perTrial);
        AssertWithinStandardErrors(m, variance, Math.Sqrt((m + 2 * m * m) / n), 5, $"count variance, m = {m}");
    }

    /// <summary>Sources of every duration family, with E[D] and E[D²] computed here from their formulas.</summary>
    private static (NoiseProfile Noise, double MeanDelay, double VarianceDelay, double Fourth) Mixed(double w)
    {
        const double tickRate = 1000, tick = 2e-6;                 // fixed: E[D^n] = d^n
        const double daemonRate = 40, beta = 30e-6;                // exponential: E[D^n] = n! β^n
        const double logRate = 5, median = 50e-6, sigma = 0.5;     // lognormal: E[D^n] = median^n e^(n²σ²/2)
        const double parRate = 8, scale = 20e-6, alpha = 5;        // Pareto: E[D^n] = α x_m^n / (α − n), n < α
        var emp = new EmpiricalDuration([10e-6, 40e-6, 100e-6], [0.5, 0.3, 0.2]);
        const double empRate = 20;
        double Mom(int n) =>
            tickRate * Math.Pow(tick, n)
            + daemonRate * SpecialFactorial(n) * Math.Pow(beta, n)
            + logRate * Math.Pow(median, n) * Math.Exp(n * n * sigma * sigma / 2)
            + parRate * alpha * Math.Pow(scale, n) / (alpha - n)
            + empRate * (0.5 * Math.Pow(10e-6, n) + 0.3 * Math.Pow(40e-6, n) + 0.2 * Math.Pow(100e-6, n));
        var noise = new NoiseProfile(
        [
            TestProfiles.Source("tick", tickRate, tick),
            TestProfiles.Source("daemon", daemonRate, new ExponentialDuration(TimeInterval.FromSeconds(beta))),
            TestProfiles.Source("lognormal", logRate, new LogNormalDuration(TimeInterval.FromSeconds(median), sigma)),
            TestProfiles.Source("pareto", parRate, new ParetoDuration(TimeInterval.FromSeconds(scale), alpha)),
            TestProfiles.Source("empirical", empRate, emp),
        ], false);
        // Compound Poisson cumulants: κ_n = Σ_j λ_j w E[D_j^n].
        return (noise, w * Mom(1), w * Mom(2), w * Mom(4));
    }

    private static double SpecialFactorial(int n) => n switch { 1 => 1, 2 => 2, 4 => 24, _ => throw new ArgumentOutOfRangeException(nameof(n)) };

    [Theory]
    [InlineData(0.01, 256)]  // ~10.7 detours per window: inversion from the CDF table
    [InlineData(0.05, 64)]   // ~54 per window: PTRS
    [InlineData(0.0005, 512)] // ~0.5 per window: mostly the one-uniform zero path
    public void NoneMeanIsWorkPlusExpectedDelay(double w, long p)
    {
        // None: T_i = W + X_i(W), so E[step] = W + Σ_j λ_j W E[D_j]; 4 SE.
        var (noise, meanDelay, _, _) = Mixed(w);
        var r = NoiseSimulator.Simulate(noise, TestProfiles.Step(w, SyncShape.None, 0), p, new SimulationOptions(300, 11, 2));
        AssertMean(w + meanDelay, r, $"None, W = {w}");
    }

    [Fact]
    public void SingleRankDelayHasCompoundPoissonVariance()
    {
        // With P = 1 the trial means are single draws of W + X(W): their variance must be κ2 = Σ λ_j W E[D_j²], within 5
        // asymptotic SEs √((κ4 + 2κ2²)/n) of a sample variance (5 rather than 4: the fourth-moment estimate is the only
        // approximation, and the heavy lognormal/Pareto terms make the sample variance's distribution skewed).
        const int n = 40000;
        const double w = 0.01;
        var (noise, meanDelay, k2, k4) = Mixed(w);
        var r = NoiseSimulator.Simulate(noise, TestProfiles.Step(w, SyncShape.None, 0), 1, new SimulationOptions(n, 5, 2));
        AssertMean(w + meanDelay, r, "P = 1 mean");
        AssertWithinStandardErrors(k2, SampleVariance(r.TrialMeans), Math.Sqrt((k4 + 2 * k2 * k2) / n), 5, "P = 1 variance");
    }

    internal static double SampleVariance(IReadOnlyCollection<double> xs)
    {
        var mean = xs.Average();
        return xs.Sum(x => (x - mean) * (x - mean)) / (xs.Count - 1);
    }
}
