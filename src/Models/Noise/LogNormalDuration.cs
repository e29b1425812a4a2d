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

    /// <summary>∫ E[(D − x)⁺] dx = Q(from) − Q(to), Q in closed form (<see cref="SecondExcess"/>).</summary>
    internal override double ExcessIntegral(double from, double to)
    {
        if (!(to > from)) return 0;
        return SecondExcess(Math.Max(0, from)) - (double.IsPositiveInfinity(to) ? 0 : SecondExcess(to)) + (from < 0 ? MeanSeconds * -from + 0.5 * from * from : 0);
    }

    /// <summary>Q(x) = E[((D − x)⁺)²]/2 = ½(E[D²; D &gt; x] − 2x E[D; D &gt; x] + x² P(D &gt; x)), with
    /// E[D^k; D &gt; x] = e^(kμ + k²σ²/2) Φ((μ + kσ² − ln x)/σ).</summary>
    private double SecondExcess(double x)
    {
        var mu = Math.Log(Median.Seconds);
        var s2 = Sigma * Sigma;
        if (x <= 0) return 0.5 * Math.Exp(2 * mu + 2 * s2);
        var lx = Math.Log(x);
        double Phi(double z) => 0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2));
        var m2 = Math.Exp(2 * mu + 2 * s2) * Phi((mu + 2 * s2 - lx) / Sigma);
        var m1 = Math.Exp(mu + s2 / 2) * Phi((mu + s2 - lx) / Sigma);
        var m0 = Phi((mu - lx) / Sigma);
        return Math.Max(0, 0.5 * (m2 - 2 * x * m1 + x * x * m0));
    }

    /// <inheritdoc />
    public override string ToSpec() => $"lognormal(median={FormatSeconds(Median.Seconds)}, sigma={F(Sigma)})";

    private double Z(double x) => (Math.Log(x) - Math.Log(Median.Seconds)) / Sigma;
}
