namespace PerfModel.Profiles.Schema;

/// <summary>One value of a profile at its JSON path: a number (in the file's units), a flag, a name, a distribution or a
/// list of node counts.</summary>
/// <param name="Path">JSON path, e.g. <c>$.kernel.syscallSeconds</c>.</param>
/// <param name="Kind">How the field is written.</param>
/// <param name="Value">The value: a double for numbers, bool, string, enum, a duration distribution or node counts.</param>
public sealed record ProfileValue(string Path, FieldKind Kind, object? Value)
{
    /// <summary>Whether the field carries provenance (numbers, distributions, node lists).</summary>
    public bool HasProvenance => Kind is FieldKind.Quantity or FieldKind.Integer or FieldKind.Duration or FieldKind.NodeList;
}
