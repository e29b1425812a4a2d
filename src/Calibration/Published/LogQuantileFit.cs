using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using PerfModel.Noise;

namespace PerfModel.Calibration.Published;

/// <summary>
/// Least squares on log quantiles, with log means as further equations, for the two duration families of
/// <see cref="DetourProcessFit"/>. Each published quantile is the order statistic(s) of rank r of n; it is placed at the
/// expected value of that order statistic on the family's linearising scale, so that the equations are unbiased for the
/// order statistics they describe (a plain plotting position u = r/(n + 1) puts the maximum of 60,000 log-normal values
/// 0.14σ too low):
/// <list type="bullet">
/// <item><description>log-normal: ln x = μ + σ·z, z = E[Z_(r)] of n standard normals by Blom's approximation
/// Φ⁻¹((r − 3/8)/(n + 1/4)) (G. Blom, Statistical Estimates and Transformed Beta-Variables, Wiley 1958); ln E[D] =
/// μ + σ²/2;</description></item>
/// <item><description>Pareto (type I): ln x = ln x_m + β·t, t = E[−ln(1 − U_(r))] = H_n − H_(n−r) = ψ(n + 1) − ψ(n − r + 1)
/// exactly (−ln(1 − U) is exponential, and the r-th of n exponentials has mean Σ_(i=n−r+1..n) 1/i: A. Rényi, Acta Math.
/// Acad. Sci. Hungarica 4, 1953); ln E[D] = ln x_m − ln(1 − β), β = 1/α ∈ (0, 1).</description></item>
/// </list>
/// A value averaged from ranks r and r + 1 is placed at the mean of their two positions. With the points (z_j or t_j, x_j)
/// and means m_c it minimises S = Σ_j (ln x_j − location − shape·z_j)² + Σ_c (ln m_c − ln E[D])², every equation with
/// weight 1. For a fixed shape (σ or β) S is quadratic in the location (μ or ln x_m), whose minimiser is the mean of the
/// equations' offsets; the shape is then found by a 201-point grid over ln σ ∈ [ln 10⁻⁴, ln 20] (logit β ∈ [logit 10⁻⁴,
/// logit(1 − 10⁻⁶)]) and golden-section refinement between the neighbours of the best grid point.
/// </summary>
internal static class LogQuantileFit
{
    public const string LogNormal = "lognormal", Pareto = "pareto", Fixed = "fixed";

    /// <summary>The observations: the points' order statistics (ranks of n) and ln values, ln of the means.</summary>
    internal sealed class Data(OrderStatistic[] points, int[] counts, double[] logValues, double[] logMeans)
    {
        public OrderStatistic[] Points { get; } = points;
        public int[] Counts { get; } = counts;
        public double[] LogValues { get; } = logValues;
        public double[] LogMeans { get; } = logMeans;
        public int Equations => Points.Length + LogMeans.Length;
    }

    /// <summary>The position of a point of rank(s) low..high of n on <paramref name="family"/>'s linearising scale.</summary>
    public static double Position(string family, OrderStatistic p, int n) =>
        (Position(family, p.LowRank, n) + Position(family, p.HighRank, n)) / 2;

    private static double Position(string family, int r, int n) => family == LogNormal
        ? Normal.InvCDF(0, 1, (r - 0.375) / (n + 0.25))
        : SpecialFunctions.DiGamma(n + 1.0) - SpecialFunctions.DiGamma(n - r + 1.0);

    /// <summary>The probability level whose quantile the position stands for: Φ(z) or 1 − e^(−t).</summary>
    public static double Level(string family, double position) =>
        family == LogNormal ? Normal.CDF(0, 1, position) : -SpecialFunctions.Expm1(-position);

    /// <summary>Q at a position on the family's scale, for the fitted distribution (the upper tail without cancellation).</summary>
    public static double QuantileAt(string family, DurationDistribution d, double position) => d switch
    {
        LogNormalDuration l when family == LogNormal => l.Median.Seconds * Math.Exp(l.Sigma * position),
        ParetoDuration p when family == Pareto => p.Scale.Seconds * Math.Exp(position / p.Alpha),
        _ => d.Quantile(Level(family, position)),
    };

    /// <summary>The fitted location (μ or ln x_m), shape (σ or β) and S at the minimum.</summary>
    internal readonly record struct Result(double Location, double Shape, double Objective);

    /// <summary>The least-squares fit of <paramref name="family"/>; with <paramref name="fixedLocation"/> the location
    /// (μ or ln x_m) is that value and only the shape is fitted.</summary>
    public static Result Fit(string family, Data d, double? fixedLocation = null)
    {
        var x = d.Points.Select((p, j) => Position(family, p, d.Counts[j])).ToArray();
        Func<double, double> shape = family == LogNormal ? s => Math.Exp(s) : s => 1 / (1 + Math.Exp(-s));
        var (lo, hi) = family == LogNormal ? (Math.Log(1e-4), Math.Log(20)) : (Math.Log(1e-4 / (1 - 1e-4)), Math.Log((1 - 1e-6) / 1e-6));
        double Objective(double s) => Evaluate(family, d, x, shape(s), fixedLocation).Objective;
        const int Grid = 201;
        var best = 0;
        var values = new double[Grid];
        for (var k = 0; k < Grid; k++)
        {
            values[k] = Objective(lo + (hi - lo) * k / (Grid - 1));
            if (values[k] < values[best]) best = k;
        }
        var a = lo + (hi - lo) * Math.Max(0, best - 1) / (Grid - 1);
        var b = lo + (hi - lo) * Math.Min(Grid - 1, best + 1) / (Grid - 1);
        var g = (Math.Sqrt(5) - 1) / 2;
        var c1 = b - g * (b - a);
        var c2 = a + g * (b - a);
        var f1 = Objective(c1);
        var f2 = Objective(c2);
        for (var i = 0; i < 80 && b - a > 1e-12; i++)
        {
            if (f1 <= f2) { b = c2; c2 = c1; f2 = f1; c1 = b - g * (b - a); f1 = Objective(c1); }
            else { a = c1; c1 = c2; f1 = f2; c2 = a + g * (b - a); f2 = Objective(c2); }
        }
        var s = f1 <= f2 ? c1 : c2;
        var gridBest = lo + (hi - lo) * best / (Grid - 1);
        if (values[best] < Math.Min(f1, f2)) s = gridBest;
        return Evaluate(family, d, x, shape(s), fixedLocation);
    }

    /// <summary>S and the optimal (or the fixed) location for a given shape; <paramref name="x"/> holds Φ⁻¹(u_j) or −ln(1 − u_j).</summary>
    private static Result Evaluate(string family, Data d, double[] x, double shape, double? fixedLocation)
    {
        var meanShift = family == LogNormal ? shape * shape / 2 : -Math.Log(1 - shape);
        var sum = 0.0;
        for (var j = 0; j < x.Length; j++) sum += d.LogValues[j] - shape * x[j];
        for (var c = 0; c < d.LogMeans.Length; c++) sum += d.LogMeans[c] - meanShift;
        var location = fixedLocation ?? sum / d.Equations;
        var s = 0.0;
        for (var j = 0; j < x.Length; j++) s += Sq(d.LogValues[j] - shape * x[j] - location);
        for (var c = 0; c < d.LogMeans.Length; c++) s += Sq(d.LogMeans[c] - meanShift - location);
        return new Result(location, shape, s);
    }

    /// <summary>The family's distribution for a fit, or null when the numbers describe none (overflow); a fixed Pareto
    /// scale is taken as given (<paramref name="fixedScale"/>), not through e^(ln x).</summary>
    public static DurationDistribution? Distribution(string family, Result r, double? fixedScale = null)
    {
        var scale = fixedScale ?? Math.Exp(r.Location);
        if (!double.IsFinite(scale) || scale <= 0 || !(r.Shape > 0)) return null;
        return family == LogNormal
            ? new LogNormalDuration(TimeInterval.FromSeconds(scale), r.Shape)
            : r.Shape < 1 ? new ParetoDuration(TimeInterval.FromSeconds(scale), 1 / r.Shape) : null;
    }

    /// <summary>Q(1 − tail) without cancellation for small tails (the upper quantiles the bootstrap draws).</summary>
    public static double UpperQuantile(DurationDistribution d, double tail) => d switch
    {
        _ when tail >= 0.5 => d.Quantile(1 - tail),
        LogNormalDuration l => l.Median.Seconds * Math.Exp(-l.Sigma * Normal.InvCDF(0, 1, tail)),
        ParetoDuration p => p.Scale.Seconds * Math.Pow(tail, -1 / p.Alpha),
        _ => d.Quantile(1 - tail),
    };

    private static double Sq(double v) => v * v;
}
