using System.Globalization;
using PerfModel.Units;

namespace PerfModel.Noise;

/// <summary>
/// The distribution of one detour's duration (seconds). Subtypes: <see cref="FixedDuration"/>, <see cref="ExponentialDuration"/>,
/// <see cref="LogNormalDuration"/>, <see cref="ParetoDuration"/>, <see cref="EmpiricalDuration"/>.
/// All are immutable; <see cref="Quantile"/> is the inverse CDF used to sample with one uniform draw.
/// </summary>
public abstract record DurationDistribution
{
    /// <summary>E[D] in seconds (finite for every valid distribution).</summary>
    public abstract double MeanSeconds { get; }

    /// <summary>P(D ≤ x).</summary>
    public abstract double Cdf(double seconds);

    /// <summary>P(D &gt; x), computed without cancellation in the upper tail.</summary>
    public abstract double Survival(double seconds);

    /// <summary>Inverse CDF: the smallest x with P(D ≤ x) ≥ u, for u in [0, 1).</summary>
    public abstract double Quantile(double u);

    /// <summary>E[(D − t)⁺]: the expected excess over <paramref name="seconds"/> (bounds the tail beyond a lattice).</summary>
    public abstract double ExpectedExcess(double seconds);

    /// <summary>
    /// ∫ from <paramref name="from"/> to <paramref name="to"/> (≤ +∞) of E[(D − x)⁺] dx: the mass of the equilibrium
    /// (remainder) measure over [from, to) times E[D], which the closed forms discretise. Exact per family where a formula
    /// exists; otherwise five-point Gauss–Legendre on 16 panels (E[(D − x)⁺] is smooth for continuous D), and for an
    /// infinite upper end double-exponential quadrature. +∞ when the integral diverges (Pareto with α ≤ 2).
    /// </summary>
    internal virtual double ExcessIntegral(double from, double to)
    {
        if (!(to > from)) return 0;
        if (double.IsPositiveInfinity(to))
        {
            var scale = Math.Max(MeanSeconds, Math.Abs(from));
            return MathNet.Numerics.Integrate.DoubleExponential(t => t >= 1 ? 0 : ExpectedExcess(from + scale * t / (1 - t)) * scale / ((1 - t) * (1 - t)), 0, 1, 1e-12);
        }
        const int panels = 16;
        var h = (to - from) / panels;
        var sum = 0.0;
        for (var k = 0; k < panels; k++)
            for (var g = 0; g < GridMeasure.Gauss.Length; g += 2)
                sum += GridMeasure.Gauss[g + 1] * ExpectedExcess(from + (k + 0.5 + 0.5 * GridMeasure.Gauss[g]) * h);
        return sum * 0.5 * h;
    }

    /// <summary>Largest possible value, or +∞ for unbounded distributions.</summary>
    public abstract double MaxSeconds { get; }

    /// <summary>The compact spec form, e.g. <c>fixed(2us)</c>, <c>pareto(scale=10us, alpha=2.5)</c>.</summary>
    public abstract string ToSpec();

    /// <summary>
    /// Probability masses on the lattice 0, h, 2h, … (at most <paramref name="maxBins"/> points). Floor puts the mass of
    /// [mh, (m+1)h) on point m; Ceil puts the mass of ((m−1)h, mh] on point m. Mass beyond the last point is returned in
    /// <paramref name="overflow"/> (Floor also lumps it onto the last point, which keeps it a lower bound).
    /// Continuous distributions use differences of the survival function, which stay accurate in the upper tail.
    /// </summary>
    public virtual double[] LatticeMasses(double step, LatticeRounding rounding, int maxBins, out double overflow)
    {
        var masses = new List<double>();
        for (var m = 0; m < maxBins; m++)
        {
            var (lo, hi) = rounding == LatticeRounding.Floor ? (m * step, (m + 1) * step) : ((m - 1) * step, m * step);
            var mass = m == 0 && rounding == LatticeRounding.Ceil ? 1 - Survival(0) : Survival(lo) - Survival(hi);
            masses.Add(Math.Max(0, mass));
            var rest = Survival(hi);
            if (rest < 1e-300 || hi >= MaxSeconds) break;
        }
        var last = masses.Count - 1;
        var (_, lastHi) = rounding == LatticeRounding.Floor ? (last * step, (last + 1) * step) : ((last - 1) * step, last * step);
        overflow = Survival(lastHi);
        if (rounding == LatticeRounding.Floor) masses[last] += overflow;
        return [.. masses];
    }

    /// <summary>Lattice masses of a discrete set of atoms (value, probability), rounded down or up to the lattice.</summary>
    private protected static double[] AtomMasses(IReadOnlyList<double> values, IReadOnlyList<double> probabilities, double step, LatticeRounding rounding, int maxBins, out double overflow)
    {
        var idx = new int[values.Count];
        var top = 0;
        for (var a = 0; a < values.Count; a++)
        {
            var x = values[a] / step;
            // Values within 1e-9 of a lattice point are on it (floating-point representation of e.g. 7.3 us / 0.1 us).
            var r = Math.Round(x);
            var m = Math.Abs(x - r) <= 1e-9 * Math.Max(1, x) ? r : rounding == LatticeRounding.Floor ? Math.Floor(x) : Math.Ceiling(x);
            idx[a] = (int)Math.Min(m, int.MaxValue - 1);
            top = Math.Max(top, idx[a]);
        }
        var n = Math.Min(top + 1, maxBins);
        var masses = new double[n];
        overflow = 0;
        for (var a = 0; a < values.Count; a++)
        {
            if (idx[a] < n) masses[idx[a]] += probabilities[a];
            else
            {
                overflow += probabilities[a];
                if (rounding == LatticeRounding.Floor) masses[n - 1] += probabilities[a];
            }
        }
        return masses;
    }

    /// <summary>Detours of exactly <paramref name="duration"/>.</summary>
    public static DurationDistribution Fixed(TimeInterval duration) => new FixedDuration(duration);

    /// <summary>Formats seconds with the largest unit that keeps the number ≥ 1: "2us", "10ms", "1.5s" (<see cref="UnitFormat.Seconds"/>).</summary>
    public static string FormatSeconds(double seconds) => UnitFormat.Seconds(seconds);

    private protected static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
