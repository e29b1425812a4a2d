using System.Collections.Immutable;

namespace PerfModel.Profiles;

/// <summary>OS noise seen by each application core: independent detour sources that add up.
/// <paramref name="CoScheduled"/> = true means detours hit all cores at the same instant (no amplification, facts.md §6.1.5).</summary>
public sealed record NoiseProfile(ImmutableArray<NoiseSource> Sources, bool CoScheduled)
{
    public static readonly NoiseProfile None = new(ImmutableArray<NoiseSource>.Empty, false);

    internal void Validate(ValidationScope v, string path)
    {
        var sources = Sources.IsDefault ? ImmutableArray<NoiseSource>.Empty : Sources;
        for (var i = 0; i < sources.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(sources[i].Name)) v.Add($"{path}.sources[{i}].name", "must not be empty");
            v.NonNegative($"{path}.sources[{i}].ratePerSecond", sources[i].RatePerSecond);
            if (sources[i].Duration is null) v.Add($"{path}.sources[{i}].duration", "is missing");
            else sources[i].Duration.Validate(v, $"{path}.sources[{i}].duration");
            if (sources[i].Fraction >= 1) v.Add($"{path}.sources[{i}]", $"rate x duration = {sources[i].Fraction:G4} must be < 1 (the core would do nothing but detours)");
        }
    }
}
