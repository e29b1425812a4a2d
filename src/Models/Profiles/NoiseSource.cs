using PerfModel.Noise;

namespace PerfModel.Profiles;

/// <summary>A per-core detour process: detours arrive as a Poisson process with <paramref name="RatePerSecond"/> and each
/// takes a duration drawn independently from <paramref name="Duration"/> (facts.md §4, §6.1).</summary>
public sealed record NoiseSource(string Name, double RatePerSecond, DurationDistribution Duration)
{
    /// <summary>A source whose detours all take <paramref name="durationSeconds"/>.</summary>
    public NoiseSource(string name, double ratePerSecond, double durationSeconds)
        : this(name, ratePerSecond, new FixedDuration(durationSeconds))
    {
    }

    /// <summary>Mean detour duration.</summary>
    public double MeanDurationSeconds => Duration.MeanSeconds;

    /// <summary>Fraction of a core's time this source takes: rate × mean duration.</summary>
    public double Fraction => RatePerSecond * Duration.MeanSeconds;
}
