using System.Collections.Immutable;
using PerfModel.Calibration.Fitting;
using PerfModel.Descriptions;

namespace PerfModel.Calibration.Published;

/// <summary>The noise of one OS profile derived from published measurements (<see cref="OsNoiseDerivation"/>): sources
/// with an estimate, interval and provenance text for every number (their JSON paths in the OS profile file set), and notes
/// on what was left out and why.</summary>
public sealed record OsNoise
{
    /// <summary>The noise of <paramref name="os"/>.</summary>
    /// <param name="os">"linux", "mckernel" or "mos" (the profile file's name).</param>
    /// <param name="sources">The sources; their estimates' JSON paths are <c>$.noise.sources[i].…</c>.</param>
    /// <param name="notes">What was left out or assumed, one sentence each.</param>
    public OsNoise(string os, ImmutableArray<FittedNoiseSource> sources, ImmutableArray<string> notes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(os);
        Os = os;
        Sources = sources.IsDefault ? [] : sources;
        Notes = notes.IsDefault ? [] : notes;
    }

    /// <summary>"linux", "mckernel" or "mos".</summary>
    public string Os { get; }

    /// <summary>The sources, with estimates.</summary>
    public ImmutableArray<FittedNoiseSource> Sources { get; }

    /// <summary>What was left out or assumed.</summary>
    public ImmutableArray<string> Notes { get; }

    /// <summary>Classes of noisier cores (or nodes) of the profile; empty by default.</summary>
    public ImmutableArray<NodeNoiseClass> Classes { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>An estimate for every number of <see cref="Classes"/> (share, and every source of a class's noise), with
    /// JSON paths <c>$.noise.nodeClasses[c].…</c>.</summary>
    public ImmutableArray<ParameterEstimate> ClassEstimates { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>Every estimate: the sources', then the classes'.</summary>
    public IEnumerable<ParameterEstimate> AllEstimates => Sources.SelectMany(s => s.Estimates).Concat(ClassEstimates);

    /// <summary>The noise as a profile's noise section (not co-scheduled).</summary>
    public NoiseProfile Profile => new(Sources.Select(s => s.Source)) { NodeClasses = Classes };
}
