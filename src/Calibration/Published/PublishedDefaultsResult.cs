using System.Collections.Immutable;

namespace PerfModel.Calibration.Published;

/// <summary>What <see cref="PublishedDefaults.Build"/> makes: the profile files, every estimate with its interval and
/// provenance, notes on what was left out or assumed, and every input file read (an output must not overwrite one).</summary>
public sealed record PublishedDefaultsResult(ImmutableArray<PublishedProfileFile> Files, ImmutableArray<PublishedFit> Fits,
    ImmutableArray<string> Notes, ImmutableArray<string> Inputs)
{
    /// <summary>The platform's fits (memory tiers, interconnect).</summary>
    public required PublishedPlatformFit Platform { get; init; }

    /// <summary>The noise classes fitted to the per-core statistics.</summary>
    public required NoiseClasses NoiseClasses { get; init; }

    /// <summary>The OS noise derived from them.</summary>
    public required OsNoiseProfiles Noise { get; init; }

    /// <summary>The assumptions used.</summary>
    public required ImportAssumptions Assumptions { get; init; }
}
