namespace PerfModel.Descriptions;

/// <summary>The recorded source of one profile value, and the range its source declares for it, if any.</summary>
/// <param name="Source">"P18 Sec. III-A", "data/measured/…: …", "estimate: reason", "measured: host date, …".</param>
/// <param name="RecordedValue">The value the source was recorded for (a double, or a duration distribution); a later
/// different value at the same path is a what-if.</param>
public sealed record ProvenanceEntry(string Source, object? RecordedValue)
{
    /// <summary>The uncertainty range declared for <see cref="RecordedValue"/> (the file's <c>"range": [low, high]</c>), or
    /// null. Like <see cref="Source"/> it is about the recorded value: a what-if value has no declared range
    /// (PerfModel.Profiles.ProfilePaths.RangeOf resolves that).</summary>
    public ValueRange? Range { get; init; }

    /// <summary>Equal when the sources, the ranges and the recorded values are (lists element by element).</summary>
    public bool Equals(ProvenanceEntry? other) =>
        other is not null && Source == other.Source && Range == other.Range && Internal.ValueEquality.Values(RecordedValue, other.RecordedValue);

    /// <inheritdoc />
    public override int GetHashCode() => Source.GetHashCode(StringComparison.Ordinal);
}
