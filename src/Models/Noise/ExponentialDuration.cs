using PerfModel.Profiles;

namespace PerfModel.Noise;

/// <summary>Exponential durations with mean β: F(x) = 1 − e^(−x/β).</summary>
public sealed record ExponentialDuration(double Mean) : DurationDistribution
{
    public override double MeanSeconds => Mean;
    public override double MaxSeconds => double.PositiveInfinity;
    public override double Cdf(double seconds) => seconds <= 0 ? 0 : -Internal.StableMath.Expm1(-seconds / Mean);
    public override double Survival(double seconds) => seconds <= 0 ? 1 : Math.Exp(-seconds / Mean);
    public override double Quantile(double u) => -Mean * Internal.StableMath.Log1p(-u);
    public override double ExpectedExcess(double seconds) => seconds <= 0 ? Mean - seconds : Mean * Math.Exp(-seconds / Mean);

    public override string ToSpec() => $"exp({FormatSeconds(Mean)})";
    internal override void Validate(ValidationScope v, string path) => v.Positive(path + ".meanSeconds", Mean);
}
