namespace PerfModel.Profiles.Schema;

/// <summary>A value that differs between two profiles.</summary>
/// <param name="Path">JSON path of the field.</param>
/// <param name="Baseline">Value in the baseline profile (null when absent there).</param>
/// <param name="Changed">Value in the changed profile (null when absent there).</param>
public sealed record ProfileDifference(string Path, object? Baseline, object? Changed);
