using PerfModel.Profiles;

namespace PerfModel.Noise;

/// <summary>Pareto (type I) durations, heavy-tailed: F(x) = 1 − (x_m/x)^α for x ≥ x_m; mean α·x_m/(α − 1), finite for α &gt; 1.
/// For α ≤ 2 the variance is infinite and the maximum over P ranks has infinite variance too, so no simulation can check it;
/// the closed form still applies. α must be &gt; 1 (a finite mean) for a noise source.</summary>
public sealed record ParetoDuration(double Scale, double Alpha) : DurationDistribution
{
    public override double MeanSeconds => Alpha * Scale / (Alpha - 1);
    public override double MaxSeconds => double.PositiveInfinity;
    public override double Cdf(double seconds) => seconds <= Scale ? 0 : -Internal.StableMath.Expm1(Alpha * Math.Log(Scale / seconds));
    public override double Survival(double seconds) => seconds <= Scale ? 1 : Math.Pow(Scale / seconds, Alpha);
    public override double Quantile(double u) => Scale * Math.Exp(-Internal.StableMath.Log1p(-u) / Alpha);
    public override double ExpectedExcess(double seconds) =>
        seconds <= Scale ? MeanSeconds - seconds : Scale / (Alpha - 1) * Math.Pow(Scale / seconds, Alpha - 1);

    public override string ToSpec() => $"pareto(scale={FormatSeconds(Scale)}, alpha={F(Alpha)})";

    internal override void Validate(ValidationScope v, string path)
    {
        v.Positive(path + ".scaleSeconds", Scale);
        if (!double.IsFinite(Alpha) || Alpha <= 1) v.Add(path + ".alpha", $"value {F(Alpha)} must be > 1 (a finite mean detour)");
    }
}
