using Xunit.Sdk;

namespace PerfModel.Tests.Models.Noise.WallClock;

/// <summary>Independent references for the simulator tests, written from the definitions (no simulator or model code), and
/// the k-standard-error assertion they share.</summary>
public static class SimulationReference
{
    /// <summary>
    /// E[max of P i.i.d. copies of X] for X compound Poisson with mean count m and exponential durations of mean β:
    /// ∫₀^∞ (1 − (1 − S(x))^P) dx with S(x) = P(X &gt; x) = Σ_{n≥1} p_n Q(n, x/β), p_n the Poisson(m) pmf and
    /// Q(n, y) = e^(−y) Σ_{i&lt;n} y^i / i! the Erlang(n) survival function (a sum of n Poisson terms, so no cancellation).
    /// Integrated with composite Simpson, step β/200, up to where P·S(x) &lt; 1e-17. The integrand is smooth on (0, ∞) and
    /// its fourth derivative is O(P/β⁴), so the Simpson error is below 1e-8 relative, far inside any Monte Carlo tolerance.
    /// </summary>
    public static double ExpectedMaxCompoundExponential(double m, double beta, double p)
    {
        const int nMax = 200;
        var pmf = PoissonReference.Pmf(m, nMax);
        double Survival(double x)
        {
            var y = x / beta;
            // term_i = e^(−y) y^i / i!; Q(n, y) = Σ_{i<n} term_i.
            var term = Math.Exp(-y);
            var q = 0.0;
            var s = 0.0;
            for (var n = 1; n <= nMax; n++)
            {
                q += term;                 // now Q(n, y)
                term *= y / n;
                s += pmf[n] * q;
            }
            return s;
        }
        double Integrand(double x) => PoissonReference.OneMinusPowComplement(Survival(x), p);

        var h = beta / 200;
        var upper = h;
        while (p * Survival(upper) > 1e-17) upper *= 1.25;
        var intervals = (int)Math.Ceiling(upper / h);
        if (intervals % 2 == 1) intervals++;
        var sum = Integrand(0) + Integrand(intervals * h);
        for (var i = 1; i < intervals; i++) sum += (i % 2 == 1 ? 4 : 2) * Integrand(i * h);
        return sum * h / 3;
    }

    /// <summary>E[max(a + d K₀, b + d K₁)] with K₀ ~ Poisson(m₀), K₁ ~ Poisson(m₁) independent, by direct double summation
    /// over counts up to 400 (mass beyond is below 1e-100 for means up to 100).</summary>
    public static double ExpectedMaxOfTwoShiftedPoisson(double a, double m0, double b, double m1, double d)
    {
        const int kMax = 400;
        var p0 = PoissonReference.Pmf(m0, kMax);
        var p1 = PoissonReference.Pmf(m1, kMax);
        var e = 0.0;
        for (var i = 0; i <= kMax; i++)
            for (var j = 0; j <= kMax; j++)
                e += p0[i] * p1[j] * Math.Max(a + d * i, b + d * j);
        return e;
    }

    /// <summary>
    /// Asserts |estimate − expected| ≤ k·SE. With a correct simulator the z-score is approximately standard normal, so k = 4
    /// fails with probability about 6e-5; the seeds are fixed, so a passing test keeps passing.
    /// </summary>
    public static void AssertWithinStandardErrors(double expected, double estimate, double standardError, double k, string what)
    {
        if (!(standardError > 0)) throw new XunitException($"{what}: standard error {standardError} is not positive; the test is degenerate");
        var z = (estimate - expected) / standardError;
        if (!(Math.Abs(z) <= k))
            throw new XunitException($"{what}: expected {expected:R}, simulated {estimate:R} ± {standardError:G4} (z = {z:F2}, allowed |z| ≤ {k})");
    }
}
