using MathNet.Numerics;
using PerfModel.Internal;

namespace PerfModel.Noise;

/// <summary>
/// The expected maximum of P independent draws of a continuous duration distribution, E[max] = ∫₀^∞ 1 − (1 − S(x))^P dx,
/// with 1 − (1 − S)^P = −expm1(P·log1p(−S)) evaluated from the survival function S, so it neither underflows nor cancels
/// for P up to 2^30 and beyond. The integral is split at the quantiles where S = 1/P (where the integrand falls from 1
/// to 0) and computed by double-exponential quadrature on each piece, the last piece mapped from [x, ∞) to [0, 1).
/// Exact results to check it: exponential(β) gives β·H_P; Pareto(x_m, α) gives x_m Γ(P+1) Γ(1−1/α) / Γ(P+1−1/α).
/// </summary>
public static class ExtremeValue
{
    /// <summary>E[max of <paramref name="copies"/> draws of <paramref name="distribution"/>] to about 1e-12 relative.</summary>
    public static double ExpectedMaximumSeconds(DurationDistribution distribution, double copies)
    {
        if (!(copies >= 1) || double.IsInfinity(copies))
            throw new ArgumentOutOfRangeException(nameof(copies), copies, $"copies={copies}, but it should be a finite number >= 1");
        if (distribution.MaxSeconds < double.PositiveInfinity && distribution is FixedDuration or EmpiricalDuration)
            return Atoms(distribution, copies);
        double Integrand(double x) => StableMath.OneMinusPowComplement(distribution.Survival(x), copies);
        // Break points: quantiles of the maximum's bulk (S = 4/P … S = 1/(1000P)) and the distribution's own scale.
        var breaks = new SortedSet<double> { 0, distribution.Quantile(0) };
        foreach (var s in new[] { 0.5, 4 / copies, 1 / copies, 0.25 / copies, 1e-3 / copies })
            if (s < 1) breaks.Add(distribution.Quantile(1 - s));
        var points = breaks.Where(b => double.IsFinite(b) && b >= 0).ToArray();
        var sum = 0.0;
        for (var i = 0; i + 1 < points.Length; i++)
            if (points[i + 1] > points[i]) sum += Integrate.DoubleExponential(Integrand, points[i], points[i + 1], 1e-14);
        var last = points[^1];
        var scale = Math.Max(last, distribution.MeanSeconds);
        // ∫_last^∞ g(x) dx with x = last + scale·t/(1 − t).
        sum += Integrate.DoubleExponential(t =>
        {
            if (t >= 1) return 0;
            var x = last + scale * t / (1 - t);
            return Integrand(x) * scale / ((1 - t) * (1 - t));
        }, 0, 1, 1e-14);
        return sum;
    }

    private static double Atoms(DurationDistribution d, double copies)
    {
        // Step survival: E[max] = Σ over gaps between atoms of (gap) · (1 − (1 − S)^P), plus the smallest atom.
        var values = d is FixedDuration f ? new[] { f.Duration.Seconds } : ((EmpiricalDuration)d).ValuesSeconds.ToArray();
        var e = values[0];
        for (var i = 1; i < values.Length; i++)
            e += (values[i] - values[i - 1]) * StableMath.OneMinusPowComplement(d.Survival(values[i - 1]), copies);
        return e;
    }
}
