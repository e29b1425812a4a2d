using System.Collections.Immutable;
using PerfModel.Profiles;

namespace PerfModel.Calibration.Profiles;

/// <summary>A platform with the OS and application profiles to run on it.</summary>
public sealed record ProfileSet(Platform Platform, ImmutableArray<OsProfile> Oses, ImmutableArray<AppProfile> Apps)
{
    /// <summary>The OS named <paramref name="name"/>; the error lists the known names.</summary>
    public OsProfile Os(string name) => Oses.FirstOrDefault(o => o.Name == name)
        ?? throw new KeyNotFoundException($"unknown OS '{name}'; known: {string.Join(", ", Oses.Select(o => o.Name))}");

    /// <summary>The application named <paramref name="name"/>; the error lists the known names.</summary>
    public AppProfile App(string name) => Apps.FirstOrDefault(a => a.Name == name)
        ?? throw new KeyNotFoundException($"unknown application '{name}'; known: {string.Join(", ", Apps.Select(a => a.Name))}");
}
