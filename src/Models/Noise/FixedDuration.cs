using PerfModel.Profiles;

namespace PerfModel.Noise;

/// <summary>Every detour takes exactly <paramref name="Seconds"/>.</summary>
public sealed record FixedDuration(double Seconds) : DurationDistribution
{
    public override double MeanSeconds => Seconds;
    public override double MaxSeconds => Seconds;
    public override double Cdf(double seconds) => seconds >= Seconds ? 1 : 0;
    public override double Survival(double seconds) => seconds >= Seconds ? 0 : 1;
    public override double Quantile(double u) => Seconds;
    public override double[] LatticeMasses(double step, LatticeRounding rounding, int maxBins, out double overflow) =>
        AtomMasses([Seconds], [1.0], step, rounding, maxBins, out overflow);

    public override double ExpectedExcess(double seconds) => Math.Max(0, Seconds - seconds);

    public override string ToSpec() => $"fixed({FormatSeconds(Seconds)})";
    internal override void Validate(ValidationScope v, string path) => v.NonNegative(path + ".seconds", Seconds);
}
