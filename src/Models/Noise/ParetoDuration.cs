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

    /// <inheritdoc />
    public override string ToSpec() => $"pareto(scale={FormatSeconds(Scale.Seconds)}, alpha={F(Alpha)})";
}
