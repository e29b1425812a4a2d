using System.Diagnostics.CodeAnalysis;
using MathNet.Numerics;
using PerfModel.Internal;
using PerfModel.Units;

namespace PerfModel.Noise;

/// <summary>Log-normal durations: ln D ~ Normal(ln median, σ²), median &gt; 0, σ &gt; 0. F(x) = Φ((ln x − ln median)/σ);
/// mean = median·e^(σ²/2).</summary>
public sealed record LogNormalDuration : DurationDistribution
{
    /// <summary>Log-normal durations of the given median and log-scale standard deviation.</summary>
    [SetsRequiredMembers]
    public LogNormalDuration(TimeInterval median, double sigma)
    {
        Median = median;
        Sigma = sigma;
    }

    /// <summary>The median duration, e^μ.</summary>
    public required TimeInterval Median { get; init => field = Rules.Positive(this, value); }

    /// <summary>σ, the standard deviation of ln D.</summary>
    [PerfModel.Units.Dimensionless("standard deviation of the log of the duration")]
    public required double Sigma { get; init => field = Rules.Positive(this, value); }

    /// <inheritdoc />
    public override double MeanSeconds => Median.Seconds * Math.Exp(Sigma * Sigma / 2);

    /// <inheritdoc />
    public override double MaxSeconds => double.PositiveInfinity;

    /// <inheritdoc />
    public override double Cdf(double seconds) => seconds <= 0 ? 0 : 0.5 * SpecialFunctions.Erfc(-Z(seconds) / Math.Sqrt(2));

    /// <inheritdoc />
    public override double Survival(double seconds) => seconds <= 0 ? 1 : 0.5 * SpecialFunctions.Erfc(Z(seconds) / Math.Sqrt(2));

    /// <inheritdoc />
    public override double Quantile(double u) => u <= 0 ? 0 : Median.Seconds * Math.Exp(Sigma * -Math.Sqrt(2) * SpecialFunctions.ErfcInv(2 * u));

    /// <summary>E[(D − t)⁺] = mean·Φ((μ + σ² − ln t)/σ) − t·Φ((μ − ln t)/σ), μ = ln median.</summary>
    public override double ExpectedExcess(double seconds)
    {
        if (seconds <= 0) return MeanSeconds - seconds;
        var mu = Math.Log(Median.Seconds);
        var lt = Math.Log(seconds);
        double Phi(double z) => 0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2));
        return Math.Max(0, MeanSeconds * Phi((mu + Sigma * Sigma - lt) / Sigma) - seconds * Phi((mu - lt) / Sigma));
    }

    /// <inheritdoc />
    public override string ToSpec() => $"lognormal(median={FormatSeconds(Median.Seconds)}, sigma={F(Sigma)})";

    private double Z(double x) => (Math.Log(x) - Math.Log(Median.Seconds)) / Sigma;
}
