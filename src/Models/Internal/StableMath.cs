namespace PerfModel.Internal;

/// <summary>log(1+x) and exp(x)−1 accurate for tiny x (Kahan's compensation tricks; Goldberg, "What every computer
/// scientist should know about floating-point arithmetic", ACM Comput. Surv. 23(1), 1991, Theorem 4).</summary>
internal static class StableMath
{
    public static double Log1p(double x)
    {
        var u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }

    public static double Expm1(double x)
    {
        var u = Math.Exp(x);
        if (u == 1.0) return x;
        var um1 = u - 1.0;
        return um1 == -1.0 ? -1.0 : um1 * x / Math.Log(u);
    }

    /// <summary>1 − (1 − s)^P for a tail probability s in [0, 1] and P ≥ 1, without underflow or cancellation.</summary>
    public static double OneMinusPowComplement(double s, double p) =>
        s >= 1 ? 1 : s <= 0 ? 0 : -Expm1(p * Log1p(-s));
}
