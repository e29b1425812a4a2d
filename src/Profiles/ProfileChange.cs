namespace PerfModel.Profiles;

/// <summary>One difference of a what-if study from its baseline.</summary>
/// <param name="Kind">"platform", "os", "app" or "study".</param>
/// <param name="Profile">Name of the profile (or "baseline" for the study's baseline OS).</param>
/// <param name="Path">JSON path of the changed field ("$" for a profile added or removed).</param>
/// <param name="Before">Value in the baseline, invariant text (null when the profile was added).</param>
/// <param name="After">Value in the study, invariant text (null when the profile was removed).</param>
public sealed record ProfileChange(string Kind, string Profile, string Path, string? Before, string? After)
{
    /// <summary>"os mos $.syscalls.offloadLatencySeconds: 8E-06 -> 2E-06".</summary>
    public override string ToString() => $"{Kind} {Profile} {Path}: {Before ?? "(none)"} -> {After ?? "(removed)"}";
}
