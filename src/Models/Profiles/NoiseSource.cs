namespace PerfModel.Profiles;

/// <summary>A per-core detour process: detours arrive as a Poisson process with <paramref name="RatePerSecond"/>
/// and each takes <paramref name="DurationSeconds"/> (facts.md §4, §6.1).</summary>
public sealed record NoiseSource(string Name, double RatePerSecond, double DurationSeconds)
{
    /// <summary>Fraction of a core's time this source takes: rate x duration.</summary>
    public double Fraction => RatePerSecond * DurationSeconds;
}
