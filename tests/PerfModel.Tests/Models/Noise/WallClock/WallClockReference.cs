namespace PerfModel.Tests.Models.Noise.WallClock;

/// <summary>
/// Independent references for the wall-clock simulator, written from the definitions (no simulator code): the charging rule
/// as LogGOPSim states it, statelessly, and the exact law of one window's delay for a fixed-duration Poisson source.
/// </summary>
public static class WallClockReference
{
    /// <summary>
    /// LogGOPSim's charge of the CPU window [t, t + T), stateless: Σ over detours (s, d) of (s + d − t)⁺ for those with s &lt; t
    /// (in progress at t) plus d for those with t ≤ s &lt; t + T (starting inside). <paramref name="detours"/> must cover
    /// every detour that can be in progress at t.
    /// </summary>
    public static double Charge(IReadOnlyList<(double Start, double Duration)> detours, double t, double length)
    {
        var charge = 0.0;
        foreach (var (s, d) in detours)
        {
            if (s < t) charge += Math.Max(0, s + d - t);
            else if (s < t + length) charge += d;
        }
        return charge;
    }

    /// <summary>
    /// P(X ≤ x) for one window's delay X = d·N + d·(U_1 + … + U_K): N ~ Poisson(λW) detours of fixed length d start inside
    /// the window, K ~ Poisson(λd) are in progress at its start with remainders d·U, U uniform on [0, 1) (the equilibrium law
    /// of a fixed duration). The sum of K uniforms has the Irwin–Hall CDF
    /// F_K(y) = (1/K!) Σ_{j=0}^{⌊y⌋} (−1)^j C(K, j) (y − j)^K on [0, K]. Series cut at 12 terms each (the rest is below
    /// (λ(W + d))^13 / 13!, far below 1e-30 for the rates used).
    /// </summary>
    public static double FixedDelayCdf(double x, double rate, double work, double d)
    {
        const int terms = 12;
        var pn = PoissonReference.Pmf(rate * work, terms);
        var pk = PoissonReference.Pmf(rate * d, terms);
        var y = x / d;
        var f = 0.0;
        for (var n = 0; n <= terms; n++)
            for (var k = 0; k <= terms; k++)
                f += pn[n] * pk[k] * IrwinHallCdf(k, y - n);
        return Math.Min(1, f);
    }

    /// <summary>E[max over P ranks of one window's delay] = ∫₀^∞ (1 − F(x)^P) dx for <see cref="FixedDelayCdf"/>: composite
    /// Simpson on each [m·d, (m + 1)·d] (F is a polynomial in x there, so the integrand is smooth) with 2,000 panels, up to
    /// where 1 − F^P &lt; 1e-15.</summary>
    public static double ExpectedMaxFixedDelay(double rate, double work, double d, double ranks)
    {
        double G(double x) => PoissonReference.OneMinusPowComplement(1 - FixedDelayCdf(x, rate, work, d), ranks);
        var total = 0.0;
        for (var m = 0; m < 40; m++)
        {
            double a = m * d, b = (m + 1) * d;
            const int panels = 2000;
            var h = (b - a) / panels;
            var sum = G(a + 1e-15 * d) + G(b - 1e-15 * d);
            for (var i = 1; i < panels; i++) sum += (i % 2 == 1 ? 4 : 2) * G(a + i * h);
            total += sum * h / 3;
            if (G(b) < 1e-15) break;
        }
        return total;
    }

    /// <summary>The Irwin–Hall CDF of the sum of <paramref name="k"/> uniforms at <paramref name="y"/> (k = 0: a point mass at 0).</summary>
    public static double IrwinHallCdf(int k, double y)
    {
        if (y < 0) return 0;
        if (y >= k) return 1;
        var sum = 0.0;
        double binomial = 1, factorial = 1;
        for (var i = 2; i <= k; i++) factorial *= i;
        for (var j = 0; j <= Math.Floor(y); j++)
        {
            sum += (j % 2 == 0 ? 1 : -1) * binomial * Math.Pow(y - j, k);
            binomial = binomial * (k - j) / (j + 1);
        }
        return sum / factorial;
    }
}
