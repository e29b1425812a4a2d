using System.Collections.Immutable;
using MathNet.Numerics;
using MathNet.Numerics.Integration;

namespace PerfModel.Noise;

/// <summary>
/// Expected order statistics of k independent runs whose time is Y = c·e^(σZ) + s·N plus a constant, Z and N independent
/// standard normals: a communication time c that each run scales by its own log-normal factor (median 1), plus the
/// normal run-to-run spread of the OS noise (<see cref="RunSpread"/>). E[Y_(j:k)] = y₀ + ∫_{y₀}^{y₁} (1 − B_j(F(y))) dy,
/// B_j(u) = Σ_{i=j}^{k} C(k, i)·u^i·(1 − u)^(k−i) the probability that at least j of k runs are ≤ y, F the law of one run:
/// F(y) = ∫ φ(t)·Φ((y − c·e^(σt)) / s) dt (the normal kept in closed form, mixed over the factor) when s ≥ cσ, otherwise
/// F(y) = ∫ φ(t)·Φ(ln((y − s·t) / c) / σ) dt (the log-normal kept, mixed over the noise); the closed-form part is the wider
/// one, so the integrand of the mixture is smooth on the quadrature's scale. Mixture: 96-point Gauss–Legendre over
/// t ∈ [−8, 8]; y: 8-point Gauss–Legendre panels between the quantiles of both parts (every half σ from −8σ to +8σ), from
/// y₀ = c·e^(−8σ) − 8s to y₁ = c·e^(8σ) + 8s. Without noise (s = 0) E[Y_(j:k)] = c·∫ e^(σz)·f_(j:k)(z) dz,
/// the density of the j-th of k standard normals, by double-exponential quadrature.
/// </summary>
internal static class RunFactorOrderStatistics
{
    private const double Span = 8;

    private static readonly ImmutableArray<(double T, double W)> Mixture = Rule(-Span, Span, 96, weightByDensity: true);

    private static readonly ImmutableArray<(double T, double W)> Panel = Rule(-1, 1, 8, weightByDensity: false);

    /// <summary>E[Y_(j:k)] for every j = 1..k, Y = c·e^(σZ) + s·N (c &gt; 0, σ &gt; 0, s ≥ 0).</summary>
    public static double[] Expected(double communicationSeconds, double logSd, double noiseSdSeconds, int runs)
    {
        var (c, sigma, s) = (communicationSeconds, logSd, noiseSdSeconds);
        var result = new double[runs];
        if (s == 0)
        {
            for (var j = 1; j <= runs; j++) result[j - 1] = c * ExpectedFactor(sigma, j, runs);
            return result;
        }

        var keepNormal = s >= c * sigma;
        // The mixture's nodes: c·e^(σt) (normal kept) or s·t (log-normal kept), computed once for every y.
        var shifts = new double[Mixture.Length];
        for (var i = 0; i < shifts.Length; i++) shifts[i] = keepNormal ? c * Math.Exp(sigma * Mixture[i].T) : s * Mixture[i].T;
        double Cdf(double y)
        {
            var f = 0.0;
            for (var i = 0; i < shifts.Length; i++)
            {
                var w = Mixture[i].W;
                if (keepNormal)
                {
                    f += w * Phi((y - shifts[i]) / s);
                }
                else
                {
                    var v = y - shifts[i];
                    if (v > 0) f += w * Phi(Math.Log(v / c) / sigma);
                }
            }
            return Math.Clamp(f, 0, 1);
        }
        // C(k, i), once.
        var binomials = new double[runs + 1];
        for (var i = 0; i <= runs; i++) binomials[i] = SpecialFunctions.Binomial(runs, i);

        // Panel ends: the quantiles of both parts every half σ, inside [y0, y1].
        var y0 = c * Math.Exp(-Span * sigma) - Span * s;
        var y1 = c * Math.Exp(Span * sigma) + Span * s;
        var ends = new SortedSet<double> { y0, y1 };
        for (var q = -Span; q <= Span; q += 0.5)
        {
            ends.Add(c * Math.Exp(sigma * q));
            ends.Add(c + s * q);
        }
        var points = ends.Where(e => e >= y0 && e <= y1).ToArray();
        var tails = new double[runs];
        for (var p = 1; p < points.Length; p++)
        {
            var (a, b) = (points[p - 1], points[p]);
            if (!(b > a)) continue;
            var half = (b - a) / 2;
            foreach (var (x, w) in Panel)
            {
                var u = Cdf(a + half * (x + 1));
                for (var j = 1; j <= runs; j++) tails[j - 1] += w * half * (1 - AtLeast(j, runs, u, binomials));
            }
        }
        for (var j = 0; j < runs; j++) result[j] = y0 + tails[j];
        return result;
    }

    /// <summary>E[e^(σ·Z_(j:k))] = ∫ e^(σz)·k·C(k − 1, j − 1)·Φ(z)^(j−1)·(1 − Φ(z))^(k−j)·φ(z) dz.</summary>
    public static double ExpectedFactor(double logSd, int j, int k)
    {
        var coefficient = k * SpecialFunctions.Binomial(k - 1, j - 1);
        double F(double z)
        {
            var phi = Math.Exp(-z * z / 2) / Math.Sqrt(2 * Math.PI);
            return Math.Exp(logSd * z) * coefficient * Math.Pow(Phi(z), j - 1) * Math.Pow(Phi(-z), k - j) * phi;
        }
        return Integrate.DoubleExponential(F, -12, 0, 1e-14) + Integrate.DoubleExponential(F, 0, 12, 1e-14);
    }

    /// <summary>P(at least j of k runs ≤ y) when each is with probability u: Σ_{i=j}^{k} C(k, i)·u^i·(1 − u)^(k−i)
    /// (<paramref name="binomials"/>[i] = C(k, i)).</summary>
    private static double AtLeast(int j, int k, double u, double[] binomials)
    {
        var sum = 0.0;
        for (var i = j; i <= k; i++) sum += binomials[i] * Math.Pow(u, i) * Math.Pow(1 - u, k - i);
        return sum;
    }

    /// <summary>Φ(z) = ½·erfc(−z/√2); exactly 1 in double precision from z ≈ 8.29 on and exactly 0 below z ≈ −38.48
    /// (measured on this erfc), so the far tails (most of a mixture's nodes) are returned without evaluating it.</summary>
    private static double Phi(double z) => z >= 8.5 ? 1 : z <= -38.6 ? 0 : 0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2));

    private static ImmutableArray<(double T, double W)> Rule(double a, double b, int order, bool weightByDensity)
    {
        var rule = new GaussLegendreRule(a, b, order);
        var nodes = Enumerable.Range(0, order).Select(i => (T: rule.GetAbscissa(i), W: rule.GetWeight(i))).ToArray();
        if (!weightByDensity) return [.. nodes];
        var weighted = nodes.Select(n => (n.T, W: n.W * Math.Exp(-n.T * n.T / 2) / Math.Sqrt(2 * Math.PI))).ToArray();
        var total = weighted.Sum(n => n.W);
        return [.. weighted.Select(n => (n.T, n.W / total))];
    }
}
