namespace PerfModel.Descriptions;

/// <summary>
/// One parameter of one profile of a study, named by the profile's kind and name and the record property path inside it,
/// e.g. (Os, "mckernel", "Syscalls.OffloadLatency") or (App, "lulesh2", "ComputePerIteration"); lists and nested records
/// as in "Noise.Sources[1].Rate". PerfModel.Profiles reads, sets and names it in the file's terms (JSON path, provenance,
/// declared range).
/// </summary>
/// <param name="Kind">Platform, OS or application.</param>
/// <param name="Profile">The profile's name (ignored for the platform: a study has one).</param>
/// <param name="PropertyPath">Record properties joined by dots, with [i] after list properties.</param>
public sealed record ProfileParameter(ProfileKind Kind, string Profile, string PropertyPath)
{
    /// <summary>"os mckernel Syscalls.OffloadLatency".</summary>
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Profile} {PropertyPath}";
}
