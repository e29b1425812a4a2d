using System.Collections.Immutable;

namespace PerfModel.Profiles;

/// <summary>Where each number of a profile comes from, keyed by JSON path (e.g. <c>$.coresPerNode</c>).
/// A value is either a source ("P18 Sec. III-A") or an estimate with its reason ("estimate: …").</summary>
public sealed record Provenance(ImmutableDictionary<string, string> ByPath)
{
    public static readonly Provenance Empty = new(ImmutableDictionary<string, string>.Empty);

    public string Of(string path) => ByPath.TryGetValue(path, out var s) ? s : "unspecified (set in code)";
}
