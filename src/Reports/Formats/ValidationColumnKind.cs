namespace PerfModel.Reports.Formats;

/// <summary>The kind of a <see cref="ValidationColumn"/>.</summary>
public enum ValidationColumnKind
{
    /// <summary>A string.</summary>
    Text,

    /// <summary>A double, or null when the row has none.</summary>
    Number,

    /// <summary>A bool.</summary>
    Flag,
}
