using System.Collections.Immutable;

namespace PerfModel.Profiles.Schema;

/// <summary>The fields of one profile object (a platform, its kernel costs, a noise source, …) and how to build the
/// record from their values.</summary>
public sealed class ObjectSchema
{
    internal ObjectSchema(Type type, string description, IEnumerable<FieldSchema> fields, Func<FieldValues, object> build, string? definitionName = null)
    {
        Type = type;
        DefinitionName = definitionName ?? char.ToLowerInvariant(type.Name[0]) + type.Name[1..];
        Description = description;
        Fields = [.. fields];
        Build = build;
    }

    /// <summary>The record type.</summary>
    public Type Type { get; }

    /// <summary>Name of the object's definition in the JSON Schemas (<c>#/$defs/…</c>): the record type's name in camel
    /// case, or another name when two objects build the same type (a node class's noise, which has no node classes).</summary>
    public string DefinitionName { get; }

    /// <summary>What the object is.</summary>
    public string Description { get; }

    /// <summary>Its fields, in file order.</summary>
    public ImmutableArray<FieldSchema> Fields { get; }

    /// <summary>Builds the record from field values keyed by property name (the record validates itself).</summary>
    internal Func<FieldValues, object> Build { get; }

    /// <summary>The field that sets <paramref name="property"/>, or null.</summary>
    public FieldSchema? ByProperty(string property) => Fields.FirstOrDefault(f => f.Property == property);

    /// <summary>The field named <paramref name="json"/> in the file, or null.</summary>
    public FieldSchema? ByJson(string json) => Fields.FirstOrDefault(f => f.Json == json);
}
