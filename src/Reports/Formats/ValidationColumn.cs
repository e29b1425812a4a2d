using PerfModel.Validation;

namespace PerfModel.Reports.Formats;

/// <summary>One column of the validation table: its name, what it holds, its kind and how to read it from a result. The
/// text, CSV, JSON and DataFrame forms all read <see cref="ValidationTable.Columns"/>.</summary>
public sealed class ValidationColumn
{
    private ValidationColumn(string name, string description, ValidationColumnKind kind, Func<ValidationResult, object?> get)
    {
        Name = name;
        Description = description;
        Kind = kind;
        Get = get;
    }

    /// <summary>Column name (snake case, as in the CSV header and the DataFrame).</summary>
    public string Name { get; }

    /// <summary>What the column holds.</summary>
    public string Description { get; }

    /// <summary>Text, number (double, possibly absent) or flag.</summary>
    public ValidationColumnKind Kind { get; }

    /// <summary>The value for one result: a string, a double (or null when absent) or a bool.</summary>
    public Func<ValidationResult, object?> Get { get; }

    internal static ValidationColumn Text(string name, string description, Func<ValidationResult, string> get) => new(name, description, ValidationColumnKind.Text, r => get(r));

    internal static ValidationColumn Number(string name, string description, Func<ValidationResult, double?> get) => new(name, description, ValidationColumnKind.Number, r => get(r));

    internal static ValidationColumn Flag(string name, string description, Func<ValidationResult, bool> get) => new(name, description, ValidationColumnKind.Flag, r => get(r));
}
