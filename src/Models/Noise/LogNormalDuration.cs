using MathNet.Numerics;
using PerfModel.Profiles;

namespace PerfModel.Noise;

/// <summary>Log-normal durations: ln D ~ Normal(ln median, σ²). F(x) = Φ((ln x − ln median)/σ); mean = median·e^(σ²/2).</summary>
public sealed record LogNormalDuration(double Median, double Sigma) : DurationDistribution
{
    public override double MeanSeconds => Median * Math.Exp(Sigma * Sigma / 2);
    public override double MaxSeconds => double.PositiveInfinity;
    public override double Cdf(double seconds) => seconds <= 0 ? 0 : 0.5 * SpecialFunctions.Erfc(-Z(seconds) / Math.Sqrt(2));
    public override double Survival(double seconds) => seconds <= 0 ? 1 : 0.5 * SpecialFunctions.Erfc(Z(seconds) / Math.Sqrt(2));
    public override double Quantile(double u) => u <= 0 ? 0 : Median * Math.Exp(Sigma * -Math.Sqrt(2) * SpecialFunctions.ErfcInv(2 * u));
    /// <summary>E[(D − t)⁺] = mean·Φ((μ + σ² − ln t)/σ) − t·Φ((μ − ln t)/σ), μ = ln median.</summary>
    public override double ExpectedExcess(double seconds)
    {
        if (seconds <= 0) return MeanSeconds - seconds;
        var mu = Math.Log(Median);
        var lt = Math.Log(seconds);
        double Phi(double z) => 0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2));
        return Math.Max(0, MeanSeconds * Phi((mu + Sigma * Sigma - lt) / Sigma) - seconds * Phi((mu - lt) / Sigma));
    }

    public override string ToSpec() => $"lognormal(median={FormatSeconds(Median)}, sigma={F(Sigma)})";
    private double Z(double x) => (Math.Log(x) - Math.Log(Median)) / Sigma;

    internal override void Validate(ValidationScope v, string path)
    {
        v.Positive(path + ".medianSeconds", Median);
        v.Positive(path + ".sigma", Sigma);
    }
}
