namespace PerfModel.Profiles.Schema;

/// <summary>One field of a profile object: its JSON name, the record property it sets, its kind, what it means and how
/// to read its current value from a record (in the JSON's units: seconds, bytes, bytes per second, 1/s, Hz).</summary>
public sealed class FieldSchema
{
    internal FieldSchema(string json, string property, FieldKind kind, string description, Func<object, object?> get, ObjectSchema? item = null, Type? choices = null)
    {
        Json = json;
        Property = property;
        Kind = kind;
        Description = description;
        Get = get;
        Item = item;
        Choices = choices;
    }

    /// <summary>Name in the JSON file, e.g. "syscallSeconds".</summary>
    public string Json { get; }

    /// <summary>Name of the record property it sets, e.g. "Syscall".</summary>
    public string Property { get; }

    /// <summary>How it is written.</summary>
    public FieldKind Kind { get; }

    /// <summary>What it means, with its unit (shown by editors from the JSON Schema).</summary>
    public string Description { get; }

    /// <summary>The nested object's schema (<see cref="FieldKind.Object"/>, <see cref="FieldKind.ObjectArray"/>).</summary>
    public ObjectSchema? Item { get; }

    /// <summary>The enum of a <see cref="FieldKind.Choice"/>.</summary>
    public Type? Choices { get; }

    /// <summary>Current value in JSON terms from the owning record.</summary>
    internal Func<object, object?> Get { get; }
}
