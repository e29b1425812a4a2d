namespace PerfModel.Internal;

/// <summary>Poisson probabilities computed in log space, so that means of thousands do not underflow.</summary>
internal static class PoissonMath
{
    /// <summary>ln(k!) : exact sum for small k, Stirling series with three correction terms otherwise (error &lt; 1e-15 relative for k &gt;= 20).</summary>
    public static double LogFactorial(int k)
    {
        if (k < 0) throw new ArgumentOutOfRangeException(nameof(k), k, $"k={k}, but it should be >= 0");
        if (k < 20)
        {
            var s = 0.0;
            for (var i = 2; i <= k; i++) s += Math.Log(i);
            return s;
        }
        double n = k;
        return n * Math.Log(n) - n + 0.5 * Math.Log(2 * Math.PI * n) + 1.0 / (12 * n) - 1.0 / (360 * n * n * n) + 1.0 / (1260 * n * n * n * n * n);
    }

    /// <summary>ln P(K = k) for K ~ Poisson(mean); mean = 0 gives 0 for k = 0 and -inf otherwise.</summary>
    public static double LogPmf(int k, double mean)
    {
        if (mean == 0) return k == 0 ? 0 : double.NegativeInfinity;
        return -mean + k * Math.Log(mean) - LogFactorial(k);
    }
}
