namespace PerfModel.Descriptions;

/// <summary>The recorded source of one profile value.</summary>
/// <param name="Source">"P18 Sec. III-A", "data/measured/…: …", "estimate: reason", "measured: host date, …".</param>
/// <param name="RecordedValue">The value the source was recorded for (a double, or a duration distribution); a later
/// different value at the same path is a what-if.</param>
public sealed record ProvenanceEntry(string Source, object? RecordedValue)
{
    /// <summary>Equal when the sources are equal and the recorded values are (lists element by element).</summary>
    public bool Equals(ProvenanceEntry? other) =>
        other is not null && Source == other.Source && Internal.ValueEquality.Values(RecordedValue, other.RecordedValue);

    /// <inheritdoc />
    public override int GetHashCode() => Source.GetHashCode(StringComparison.Ordinal);
}
