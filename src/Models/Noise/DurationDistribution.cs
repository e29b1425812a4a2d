using System.Globalization;
using PerfModel.Profiles;

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

    /// <summary>Largest possible value, or +∞ for unbounded distributions.</summary>
    public abstract double MaxSeconds { get; }

    /// <summary>The compact spec form, e.g. <c>fixed(2us)</c>, <c>pareto(scale=10us, alpha=2.5)</c>.</summary>
    public abstract string ToSpec();

    internal abstract void Validate(ValidationScope v, string path);

    public static DurationDistribution Fixed(double seconds) => new FixedDuration(seconds);

    /// <summary>Formats seconds with the largest unit that keeps the number ≥ 1: "2us", "10ms", "1.5s".</summary>
    public static string FormatSeconds(double seconds)
    {
        var (value, unit) = seconds switch
        {
            0 => (0.0, "s"),
            < 1e-6 => (seconds * 1e9, "ns"),
            < 1e-3 => (seconds * 1e6, "us"),
            < 1 => (seconds * 1e3, "ms"),
            _ => (seconds, "s"),
        };
        return value.ToString("G6", CultureInfo.InvariantCulture) + unit;
    }

    private protected static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
