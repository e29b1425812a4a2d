using System.Collections;
using System.Collections.Immutable;
using PerfModel.Descriptions;
using PerfModel.Profiles.Json;

namespace PerfModel.Profiles.Schema;

/// <summary>One field of a profile object: its JSON name, the record property it sets, its kind, what it means and how
/// to read its current value from a record (in the JSON's units: seconds, bytes, bytes per second, 1/s, Hz). A field is
/// required unless it is <see cref="IsOptional"/>: then a file may leave it out, which means <see cref="Default"/>, and
/// the writer leaves it out while the record holds the default — so files written before the field existed read, and
/// are written, unchanged.</summary>
public sealed class FieldSchema
{
    internal FieldSchema(string json, string property, FieldKind kind, string description, Func<object, object?> get, ObjectSchema? item = null, Type? choices = null,
        IEnumerable<Enum>? choiceValues = null, bool optional = false, object? defaultValue = null, QuantityLimit? limit = null)
    {
        Limit = limit;
        Json = json;
        Property = property;
        Kind = kind;
        Description = description;
        Get = get;
        Item = item;
        Choices = choices;
        ChoiceNames = choices is null ? [] : [.. (choiceValues ?? Enum.GetValues(choices).Cast<Enum>()).Select(v => JsonFieldReader.KebabCase(v.ToString()))];
        IsOptional = optional;
        Default = defaultValue;
    }

    /// <summary>Name in the JSON file, e.g. "syscallSeconds".</summary>
    public string Json { get; }

    /// <summary>Name of the record property it sets, e.g. "Syscall".</summary>
    public string Property { get; }

    /// <summary>How it is written.</summary>
    public FieldKind Kind { get; }

    /// <summary>What it means, with its unit (shown by editors from the JSON Schema).</summary>
    public string Description { get; }

    /// <summary>The values a number may take (<see cref="FieldKind.Quantity"/>, <see cref="FieldKind.Integer"/>): one of
    /// <see cref="QuantityLimits"/>, chosen by what the number is (a time, a size, a count …) so that every prediction
    /// from values within the limits stays finite; a value outside is refused when the file is read, naming the file,
    /// the JSON path and the limit, and the JSON Schemas state the same range (<see cref="Json.JsonSchemaDocument"/>).
    /// For a <see cref="FieldKind.NodeList"/>, the limit of each node count. Null for other kinds.</summary>
    public QuantityLimit? Limit { get; }

    /// <summary>The nested object's schema (<see cref="FieldKind.Object"/>, <see cref="FieldKind.ObjectArray"/>).</summary>
    public ObjectSchema? Item { get; }

    /// <summary>The enum of a <see cref="FieldKind.Choice"/>.</summary>
    public Type? Choices { get; }

    /// <summary>The kebab-case names a <see cref="FieldKind.Choice"/> may take in a file: every value of
    /// <see cref="Choices"/>, or the subset the field allows (a noise source's arrival cannot be a trace in a file);
    /// empty for other kinds.</summary>
    public ImmutableArray<string> ChoiceNames { get; }

    /// <summary>Whether a file may leave the field out (then it is <see cref="Default"/>).</summary>
    public bool IsOptional { get; }

    /// <summary>The value of an optional field a file leaves out, in the terms <see cref="Get"/> returns (an enum value for
    /// a choice; for an object array, no items); null for a required field.</summary>
    public object? Default { get; }

    /// <summary>Current value in JSON terms from the owning record.</summary>
    internal Func<object, object?> Get { get; }

    /// <summary>True when the field is optional and <paramref name="value"/> (as <see cref="Get"/> returns it) is its
    /// default: the writer leaves such a field out. An object array's default is no items.</summary>
    internal bool HoldsDefault(object? value) =>
        IsOptional && (Kind == FieldKind.ObjectArray ? value is IEnumerable items && !items.Cast<object>().Any() : Equals(value, Default));
}
