using System.Collections.Immutable;

namespace PerfModel.Calibration.Published;

/// <summary>What <see cref="PublishedDefaults.Build"/> makes: the profile files, every estimate with its interval and
/// provenance, notes on what was left out or assumed, and every input file read (an output must not overwrite one).</summary>
public sealed record PublishedDefaultsResult(ImmutableArray<PublishedProfileFile> Files, ImmutableArray<PublishedFit> Fits,
    ImmutableArray<string> Notes, ImmutableArray<string> Inputs);
