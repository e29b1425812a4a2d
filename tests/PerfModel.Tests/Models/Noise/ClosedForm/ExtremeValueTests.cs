using MathNet.Numerics;
using PerfModel.Noise;

namespace PerfModel.Tests.Models.Noise.ClosedForm;

/// <summary>The maximum of P i.i.d. continuous delays against exact results.</summary>
public sealed class ExtremeValueTests
{
    /// <summary>H_P exactly by summation (backwards, small terms first) up to 2^20; beyond, the asymptotic series
    /// ln P + γ + 1/(2P) − 1/(12P²) + 1/(120P⁴), whose truncation error is below 1e-40 at P = 2^30.</summary>
    private static double Harmonic(double p)
    {
        if (p > 1 << 20) return Math.Log(p) + 0.57721566490153286061 + 1 / (2 * p) - 1 / (12 * p * p) + 1 / (120 * p * p * p * p);
        var h = 0.0;
        for (var i = (long)p; i >= 1; i--) h += 1.0 / i;
        return h;
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(64.0)]
    [InlineData(1024.0)]
    [InlineData(131072.0)]
    [InlineData(1048576.0)]
    [InlineData(1073741824.0)]
    public void Exponential_delays_give_mean_times_the_harmonic_number(double p)
    {
        const double mean = 3e-6;
        var actual = ExtremeValue.ExpectedMaximumSeconds(new ExponentialDuration(TimeInterval.FromSeconds(mean)), p);
        // E[max of P Exp(β)] = β H_P exactly (Rényi). 1e-9 relative as the issue asks; the quadrature reaches ~1e-14.
        Assert.Equal(mean * Harmonic(p), actual, mean * Harmonic(p) * 1e-9);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(2.0)]
    [InlineData(64.0)]
    [InlineData(1024.0)]
    public void Pareto_delays_match_the_gamma_ratio(double p)
    {
        const double scale = 1e-5, alpha = 2.5;
        // E[max of P Pareto(x_m, α)] = x_m Γ(P+1) Γ(1 − 1/α) / Γ(P + 1 − 1/α) exactly. 1e-10 relative: the reference's
        // GammaLn differences lose about 1e-16 × ln Γ(P+1) ≈ 1e-13 at P = 1024.
        var expected = scale * Math.Exp(SpecialFunctions.GammaLn(p + 1) + SpecialFunctions.GammaLn(1 - 1 / alpha) - SpecialFunctions.GammaLn(p + 1 - 1 / alpha));
        Assert.Equal(expected, ExtremeValue.ExpectedMaximumSeconds(new ParetoDuration(TimeInterval.FromSeconds(scale), alpha), p), expected * 1e-10);
    }

    [Fact]
    public void Heavy_tails_grow_polynomially_and_light_tails_logarithmically()
    {
        // Agarwal et al.'s classes: Pareto maxima grow like P^(1/α), exponential like ln P.
        var par = new ParetoDuration(TimeInterval.FromSeconds(1e-6), 2.5);
        var exp = new ExponentialDuration(TimeInterval.FromSeconds(par.MeanSeconds));
        var parRatio = ExtremeValue.ExpectedMaximumSeconds(par, 1 << 20) / ExtremeValue.ExpectedMaximumSeconds(par, 1 << 10);
        var expRatio = ExtremeValue.ExpectedMaximumSeconds(exp, 1 << 20) / ExtremeValue.ExpectedMaximumSeconds(exp, 1 << 10);
        // P^(1/α) for a 1024x larger P is 1024^0.4 = 16 (the gamma ratio converges to it within 0.1% at these P).
        Assert.Equal(16, parRatio, 16 * 1e-3);
        // H_{2^20} / H_{2^10} = 14.4435 / 7.5094 = 1.923.
        Assert.Equal(Harmonic(1 << 20) / Harmonic(1 << 10), expRatio, 1e-9);
    }
}
