using System.Diagnostics.CodeAnalysis;
using PerfModel.Internal;
using PerfModel.Units;

namespace PerfModel.Noise;

/// <summary>Every detour takes exactly <see cref="Duration"/> (≥ 0).</summary>
public sealed record FixedDuration : DurationDistribution
{
    /// <summary>Detours of exactly <paramref name="duration"/>.</summary>
    [SetsRequiredMembers]
    public FixedDuration(TimeInterval duration) => Duration = duration;

    /// <summary>The duration of every detour.</summary>
    public required TimeInterval Duration { get; init => field = Rules.NonNegative(this, value); }

    /// <inheritdoc />
    public override double MeanSeconds => Duration.Seconds;

    /// <inheritdoc />
    public override double MaxSeconds => Duration.Seconds;

    /// <inheritdoc />
    public override double Cdf(double seconds) => seconds >= Duration.Seconds ? 1 : 0;

    /// <inheritdoc />
    public override double Survival(double seconds) => seconds >= Duration.Seconds ? 0 : 1;

    /// <inheritdoc />
    public override double Quantile(double u) => Duration.Seconds;

    /// <inheritdoc />
    public override double[] LatticeMasses(double step, LatticeRounding rounding, int maxBins, out double overflow) =>
        AtomMasses([Duration.Seconds], [1.0], step, rounding, maxBins, out overflow);

    /// <inheritdoc />
    public override double ExpectedExcess(double seconds) => Math.Max(0, Duration.Seconds - seconds);

    /// <summary>∫ (d − x)⁺ dx = [((d − from)⁺)² − ((d − to)⁺)²] / 2.</summary>
    internal override double ExcessIntegral(double from, double to)
    {
        if (!(to > from)) return 0;
        var d = Duration.Seconds;
        double Sq(double x) => x < d ? (d - x) * (d - x) : 0;
        return 0.5 * (Sq(from) - Sq(to));
    }

    /// <inheritdoc />
    public override string ToSpec() => $"fixed({FormatSeconds(Duration.Seconds)})";
}
