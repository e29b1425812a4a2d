using PerfModel.Descriptions;
using PerfModel.Profiles.Schema;

namespace PerfModel.Calibration.Synthesis;

/// <summary>One parameter <see cref="CalibrationMerge"/> compares across hosts, and pools when it has a platform field.</summary>
/// <param name="Name">Column name, e.g. "syscall_s" (the unit is the suffix: s, Bps = bytes per second, or a fraction).</param>
/// <param name="PropertyPath">The record property path of the platform field it pools in a given platform, e.g.
/// "Kernel.Syscall" or "MemoryTiers[1].Bandwidth" (the DDR tier's index depends on the platform); null for a parameter that
/// is only compared (the noise fraction: the merged noise is a typical host's, not a median).</param>
/// <param name="Get">The parameter's value in SI units on a host.</param>
/// <param name="Set">The platform with the parameter set to a value in SI units; null when <paramref name="PropertyPath"/> is.</param>
public sealed record MergeParameter(string Name, Func<Platform, string>? PropertyPath, Func<Platform, OsProfile, double> Get, Func<Platform, double, Platform>? Set)
{
    /// <summary>Whether the merge writes the median of this parameter into the merged platform.</summary>
    public bool Pooled => PropertyPath is not null && Set is not null;

    /// <summary>The JSON path of the pooled field in <paramref name="platform"/> (e.g. <c>$.kernel.syscallSeconds</c>), or null.</summary>
    public string? JsonPath(Platform platform) =>
        PropertyPath is null ? null : ProfileSchema.JsonPath(ProfileSchema.Platform, PropertyPath(platform));
}
