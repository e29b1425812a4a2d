using System.Diagnostics.CodeAnalysis;
using PerfModel.Internal;
using PerfModel.Units;

namespace PerfModel.Noise;

/// <summary>Pareto (type I) durations, heavy-tailed: F(x) = 1 − (x_m/x)^α for x ≥ x_m &gt; 0; mean α·x_m/(α − 1), finite
/// for α &gt; 1, which a noise source needs. For α ≤ 2 the variance is infinite and the maximum over P ranks has infinite
/// variance too, so no simulation can check it; the closed form still applies.</summary>
public sealed record ParetoDuration : DurationDistribution
{
    /// <summary>Pareto durations of scale x_m and shape α.</summary>
    [SetsRequiredMembers]
    public ParetoDuration(TimeInterval scale, double alpha)
    {
        Scale = scale;
        Alpha = alpha;
    }

    /// <summary>x_m, the smallest duration.</summary>
    public required TimeInterval Scale { get; init => field = Rules.Positive(this, value); }

    /// <summary>α, the tail index (&gt; 1).</summary>
    [PerfModel.Units.Dimensionless("tail index")]
    public required double Alpha
    {
        get;
        init => field = double.IsFinite(value) && value > 1 ? value : throw Rules.Broken(this, nameof(Alpha), value, "must be > 1 (alpha <= 1 gives detours an infinite mean)");
    }

    /// <inheritdoc />
    public override double MeanSeconds => Alpha * Scale.Seconds / (Alpha - 1);

    /// <inheritdoc />
    public override double MaxSeconds => double.PositiveInfinity;

    /// <inheritdoc />
    public override double Cdf(double seconds) => seconds <= Scale.Seconds ? 0 : -StableMath.Expm1(Alpha * Math.Log(Scale.Seconds / seconds));

    /// <inheritdoc />
    public override double Survival(double seconds) => seconds <= Scale.Seconds ? 1 : Math.Pow(Scale.Seconds / seconds, Alpha);

    /// <inheritdoc />
    public override double Quantile(double u) => Scale.Seconds * Math.Exp(-StableMath.Log1p(-u) / Alpha);

    /// <inheritdoc />
    public override double ExpectedExcess(double seconds) =>
        seconds <= Scale.Seconds ? MeanSeconds - seconds : Scale.Seconds / (Alpha - 1) * Math.Pow(Scale.Seconds / seconds, Alpha - 1);

    /// <summary>∫ E[(D − x)⁺] dx: (mean − x) below x_m, x_m^α x^(1−α)/(α − 1) above, integrated in closed form (a logarithm
    /// for α = 2; +∞ to infinity for α ≤ 2).</summary>
    internal override double ExcessIntegral(double from, double to)
    {
        if (!(to > from)) return 0;
        var xm = Scale.Seconds;
        var a = Alpha;
        var sum = 0.0;
        if (from < xm)
        {
            var u = Math.Min(to, xm);
            sum += MeanSeconds * (u - from) - 0.5 * (u * u - from * from);
            from = u;
            if (!(to > from)) return sum;
        }
        var c = Math.Pow(xm, a) / (a - 1);
        if (double.IsPositiveInfinity(to)) return a > 2 ? sum + c * Math.Pow(from, 2 - a) / (a - 2) : double.PositiveInfinity;
        if (Math.Abs(a - 2) < 1e-12) return sum + c * Math.Log(to / from);
        // (to^(2−α) − from^(2−α))/(2 − α) = from^(2−α) · expm1((2 − α) ln(to/from)) / (2 − α), without cancellation.
        return sum + c * Math.Pow(from, 2 - a) * PerfModel.Internal.StableMath.Expm1((2 - a) * Math.Log(to / from)) / (2 - a);
    }

    /// <inheritdoc />
    public override string ToSpec() => $"pareto(scale={FormatSeconds(Scale.Seconds)}, alpha={F(Alpha)})";
}
