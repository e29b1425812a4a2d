using System.Collections.Immutable;
using PerfModel.Descriptions;

namespace PerfModel.Calibration.Published;

/// <summary>One class of per-core OS noise fitted to published measurements (<see cref="NoiseClassFit"/>): its sources,
/// each with estimates and provenance, and the fits behind them.</summary>
public sealed record NoiseClass
{
    /// <summary>A class named <paramref name="name"/>.</summary>
    /// <param name="name">Short name ("isolated nohz_full core").</param>
    /// <param name="description">What was fitted to what, and how the sources were made from the fits.</param>
    /// <param name="sources">The sources.</param>
    /// <param name="fits">The detour-process fits behind the sources.</param>
    public NoiseClass(string name, string description, ImmutableArray<FittedNoiseSource> sources, ImmutableArray<DetourFitResult> fits)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Description = description;
        Sources = sources.IsDefault ? [] : sources;
        Fits = fits.IsDefault ? [] : fits;
    }

    /// <summary>Short name.</summary>
    public string Name { get; }

    /// <summary>What was fitted to what, and how the sources were made from the fits.</summary>
    public string Description { get; }

    /// <summary>The sources, with estimates and provenance.</summary>
    public ImmutableArray<FittedNoiseSource> Sources { get; }

    /// <summary>The fits behind the sources.</summary>
    public ImmutableArray<DetourFitResult> Fits { get; }

    /// <summary>The class as a noise profile (not co-scheduled).</summary>
    public NoiseProfile Profile => new(Sources.Select(s => s.Source));
}
