using System.Collections.Immutable;
using PerfModel.Internal;

namespace PerfModel.Descriptions;

/// <summary>
/// Where each number of a profile comes from, keyed by the JSON path of the field in the profile file (e.g.
/// <c>$.kernel.syscallSeconds</c>). Each entry keeps the value it was recorded for, so that a number changed later in
/// code (a <c>with</c> copy) is recognised as a what-if rather than credited to the source of the value it replaced
/// (PerfModel.Profiles.ProfileSchema resolves that).
/// </summary>
public sealed record Provenance
{
    /// <summary>The text given for a value changed in code after loading.</summary>
    public const string WhatIf = "what-if, set in code";

    /// <summary>The text given for a value that never had a recorded source (a profile built in code).</summary>
    public const string Unspecified = "unspecified (set in code)";

    /// <summary>No recorded sources.</summary>
    public static readonly Provenance Empty = new(ImmutableDictionary<string, ProvenanceEntry>.Empty);

    /// <summary>Creates a provenance map.</summary>
    public Provenance(ImmutableDictionary<string, ProvenanceEntry> byPath) => ByPath = byPath ?? ImmutableDictionary<string, ProvenanceEntry>.Empty;

    /// <summary>Entries by JSON path.</summary>
    public ImmutableDictionary<string, ProvenanceEntry> ByPath { get; init; }

    /// <summary>Equal when both hold the same paths with equal entries.</summary>
    public bool Equals(Provenance? other) =>
        other is not null && ByPath.Count == other.ByPath.Count
        && ByPath.All(kv => other.ByPath.TryGetValue(kv.Key, out var e) && e == kv.Value);

    /// <inheritdoc />
    public override int GetHashCode() => ByPath.Count;

    /// <summary>This map with the entry for <paramref name="path"/> set.</summary>
    public Provenance With(string path, string source, object? recordedValue) =>
        new(ByPath.SetItem(path, new ProvenanceEntry(source, recordedValue)));

    /// <summary>This map without the entries whose path starts with <paramref name="prefix"/>.</summary>
    public Provenance Without(string prefix) =>
        new(ByPath.RemoveRange(ByPath.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToArray()));

    /// <summary>The recorded source text of <paramref name="path"/>, or <see cref="Unspecified"/> (it does not check
    /// whether the value has changed since; PerfModel.Profiles.ProfileSchema.SourceOf does).</summary>
    public string RecordedSource(string path) => ByPath.TryGetValue(path, out var e) ? e.Source : Unspecified;
}
