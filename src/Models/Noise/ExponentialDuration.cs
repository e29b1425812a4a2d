using System.Diagnostics.CodeAnalysis;
using PerfModel.Internal;
using PerfModel.Units;

namespace PerfModel.Noise;

/// <summary>Exponential durations with mean β &gt; 0: F(x) = 1 − e^(−x/β).</summary>
public sealed record ExponentialDuration : DurationDistribution
{
    /// <summary>Exponential durations of mean <paramref name="mean"/>.</summary>
    [SetsRequiredMembers]
    public ExponentialDuration(TimeInterval mean) => Mean = mean;

    /// <summary>β, the mean duration.</summary>
    public required TimeInterval Mean { get; init => field = Rules.Positive(this, value); }

    /// <inheritdoc />
    public override double MeanSeconds => Mean.Seconds;

    /// <inheritdoc />
    public override double MaxSeconds => double.PositiveInfinity;

    /// <inheritdoc />
    public override double Cdf(double seconds) => seconds <= 0 ? 0 : -StableMath.Expm1(-seconds / Mean.Seconds);

    /// <inheritdoc />
    public override double Survival(double seconds) => seconds <= 0 ? 1 : Math.Exp(-seconds / Mean.Seconds);

    /// <inheritdoc />
    public override double Quantile(double u) => -Mean.Seconds * StableMath.Log1p(-u);

    /// <inheritdoc />
    public override double ExpectedExcess(double seconds) => seconds <= 0 ? Mean.Seconds - seconds : Mean.Seconds * Math.Exp(-seconds / Mean.Seconds);

    /// <summary>∫ β e^(−x/β) dx = β² (e^(−from/β) − e^(−to/β)) for from ≥ 0.</summary>
    internal override double ExcessIntegral(double from, double to)
    {
        if (!(to > from) || from < 0) return base.ExcessIntegral(from, to);
        var b = Mean.Seconds;
        return b * b * (Math.Exp(-from / b) - (double.IsPositiveInfinity(to) ? 0 : Math.Exp(-to / b)));
    }

    /// <inheritdoc />
    public override string ToSpec() => $"exp({FormatSeconds(Mean.Seconds)})";
}
