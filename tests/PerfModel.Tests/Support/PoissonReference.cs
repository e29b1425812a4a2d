namespace PerfModel.Tests.Support;

/// <summary>Independent reference for the expected maximum of P i.i.d. copies of X = d K, K ~ Poisson(m), written from
/// the definition without the model's code paths (no Stirling series, no truncation/lumping, no Kahan tricks).
/// Valid for m up to about 600 (e^{−m} must not underflow and the pmf must be negligible beyond k = 1000).</summary>
public static class PoissonReference
{
    /// <summary>d Σ_{k≥1} (1 − F(k−1)^P) for K ~ Poisson(m), with the pmf from the recurrence p_k = p_{k−1} m / k and the upper
    /// tail S(k) = Σ_{j>k} p_j summed from the top (no cancellation), 1 − (1 − S)^P = −expm1(P log1p(−S)).</summary>
    public static double ExpectedMaxOfScaledPoisson(double m, double d, double p)
    {
        var pmf = Pmf(m, 1000);
        var tail = new double[pmf.Length];
        var acc = 0.0;
        for (var k = pmf.Length - 1; k >= 0; k--) { tail[k] = acc; acc += pmf[k]; }
        var sum = 0.0;
        for (var k = 1; k < pmf.Length; k++) sum += OneMinusPowComplement(tail[k - 1], p);
        return d * sum;
    }

    public static double[] Pmf(double m, int kMax)
    {
        var pmf = new double[kMax + 1];
        pmf[0] = Math.Exp(-m);
        for (var k = 1; k <= kMax; k++) pmf[k] = pmf[k - 1] * m / k;
        return pmf;
    }

    /// <summary>1 − (1 − s)^P via Taylor series for small arguments (truncation below 1e-18 relative) and the plain
    /// library functions otherwise (relative error below 1e-13 there).</summary>
    public static double OneMinusPowComplement(double s, double p)
    {
        if (s <= 0) return 0;
        if (s >= 1) return 1;
        var log1pNeg = s < 1e-3
            ? -(s + s * s / 2 + s * s * s / 3 + s * s * s * s / 4 + s * s * s * s * s / 5 + s * s * s * s * s * s / 6)
            : Math.Log(1 - s);
        var x = p * log1pNeg; // ≤ 0
        var expm1 = Math.Abs(x) < 1e-3
            ? x + x * x / 2 + x * x * x / 6 + x * x * x * x / 24 + x * x * x * x * x / 120 + x * x * x * x * x * x / 720
            : Math.Exp(x) - 1;
        return -expm1;
    }
}
