using PerfModel.Descriptions;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PerfModel.Profiles.Schema;

namespace PerfModel.Profiles.Json;

/// <summary>
/// The JSON Schema (draft 2020-12) of each profile kind, generated from <see cref="ProfileSchema"/>: field names,
/// descriptions with units, JSON types, enum choices, required fields (every field but the optional ones, which carry
/// their <c>default</c> when it is a name), and the provenance form of every number
/// (<c>{"value", "source"|"estimate"}</c>, with an optional declared uncertainty <c>"range": [low, high]</c>). Every number
/// states the values it may take, from the same <see cref="QuantityLimit"/> the reader checks (<see cref="FieldSchema.Limit"/>,
/// <see cref="DurationSchema.LimitOf"/>): one definition per kind of limit (<c>#/$defs/quantitySeconds</c>,
/// <c>#/$defs/integerWhole</c>, …) whose value is <c>0, or [Min, Max]</c> (bounds inclusive, as
/// <see cref="QuantityLimit.Admits"/>; <c>exclusiveMinimum</c> for a lower bound the value must exceed, a Pareto α &gt; 1),
/// each bound written so that it parses back to exactly the limit's double. The files
/// in data/schemas are this output; every profile in data/ references its schema with <c>$schema</c>, so an editor
/// completes and checks a hand-edited profile. The rules of a record beyond its numbers' limits (fractions in [0, 1],
/// powers of two, shares adding up to at most 1, a value inside its declared range) are not repeated here: the loader
/// checks them, with a message naming the file and field.
/// </summary>
public static class JsonSchemaDocument
{
    /// <summary>File name of a kind's schema in data/schemas: platform.schema.json, os.schema.json, app.schema.json.</summary>
    public static string FileName(ProfileKind kind) => kind switch
    {
        ProfileKind.Platform => "platform.schema.json",
        ProfileKind.Os => "os.schema.json",
        ProfileKind.App => "app.schema.json",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a profile kind"),
    };

    /// <summary>The schema document of <paramref name="kind"/>, indented, ending with a newline.</summary>
    public static string Generate(ProfileKind kind)
    {
        var schema = ProfileSchema.Of(kind);
        var defs = new Definitions();
        var root = ObjectNode(schema, defs);
        var props = (JsonObject)root["properties"]!;
        props.Insert(0, "$schema", new JsonObject { ["type"] = "string", ["description"] = "Reference to this schema (for editors)." });
        props.Insert(1, "schemaVersion", new JsonObject { ["const"] = ProfileSchema.Version, ["description"] = "Version of the profile format." });
        props.Insert(2, "description", new JsonObject { ["type"] = "string", ["description"] = "Free text: what the profile describes." });
        ((JsonArray)root["required"]!).Insert(0, "schemaVersion");
        var document = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = FileName(kind),
            ["title"] = $"PerfModel {Title(kind)} profile (schema version {ProfileSchema.Version})",
        };
        foreach (var kv in root.ToArray())
        {
            root.Remove(kv.Key);
            document[kv.Key] = kv.Value;
        }
        document["$defs"] = defs.ToJson();
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    private static string Title(ProfileKind kind) => kind switch { ProfileKind.Platform => "platform", ProfileKind.Os => "OS", _ => "application" };

    private static JsonObject ObjectNode(ObjectSchema schema, Definitions defs)
    {
        var props = new JsonObject();
        var required = new JsonArray();
        JsonArray? oneOf = null;
        foreach (var f in schema.Fields)
        {
            if (f.Kind == FieldKind.Duration)
            {
                props[DurationSchema.FixedField] = defs.Number(FieldKind.Quantity, DurationSchema.LimitOf(DurationSchema.FixedField), "Duration of every detour (a fixed duration), seconds.");
                props[DurationSchema.DistributionField] = DurationNode(defs);
                oneOf = [new JsonObject { ["required"] = new JsonArray(DurationSchema.FixedField) }, new JsonObject { ["required"] = new JsonArray(DurationSchema.DistributionField) }];
                continue;
            }
            props[f.Json] = FieldNode(f, defs);
            if (!f.IsOptional) required.Add(f.Json);
            else if (f.Kind == FieldKind.Choice) props[f.Json]!["default"] = JsonFieldReader.KebabCase(f.Default!.ToString()!);
        }
        var node = new JsonObject
        {
            ["description"] = schema.Description,
            ["type"] = "object",
            ["properties"] = props,
            ["required"] = required,
            ["additionalProperties"] = false,
        };
        if (oneOf is not null) node["oneOf"] = oneOf;
        return node;
    }

    private static JsonNode FieldNode(FieldSchema f, Definitions defs) => f.Kind switch
    {
        FieldKind.Quantity or FieldKind.Integer => defs.Number(f.Kind, f.Limit ?? throw new InvalidOperationException($"number field {f.Json} has no limit"), f.Description),
        FieldKind.Boolean => new JsonObject { ["type"] = "boolean", ["description"] = f.Description },
        FieldKind.Text => new JsonObject { ["type"] = "string", ["minLength"] = 1, ["description"] = f.Description },
        FieldKind.Choice => new JsonObject
        {
            ["enum"] = new JsonArray([.. f.ChoiceNames.Select(n => (JsonNode)n)]),
            ["description"] = f.Description,
        },
        FieldKind.Object => Def(f, defs),
        FieldKind.ObjectArray => new JsonObject { ["type"] = "array", ["items"] = Def(f, defs), ["description"] = f.Description },
        FieldKind.NodeList => Provenanced(new JsonObject
        {
            ["type"] = "array",
            ["items"] = Values("integer", f.Limit ?? throw new InvalidOperationException($"node list {f.Json} has no limit")),
            ["minItems"] = 1,
        }, f.Description, "values"),
        _ => throw new InvalidOperationException($"field kind {f.Kind} has no schema"),
    };

    /// <summary>A nested object as a shared definition ("#/$defs/kernelCosts").</summary>
    private static JsonNode Def(FieldSchema f, Definitions defs)
    {
        var name = f.Item!.DefinitionName;
        if (!defs.Objects.ContainsKey(name)) defs.Objects[name] = ObjectNode(f.Item, defs);
        return new JsonObject { ["$ref"] = $"#/$defs/{name}", ["description"] = f.Description };
    }

    private static JsonObject DurationNode(Definitions defs)
    {
        var forms = new JsonArray();
        foreach (var form in DurationSchema.Forms)
        {
            var props = new JsonObject { [DurationSchema.KindField] = new JsonObject { ["const"] = form.Name } };
            var required = new JsonArray(DurationSchema.KindField);
            foreach (var (json, description) in form.Parameters)
            {
                props[json] = defs.Number(FieldKind.Quantity, DurationSchema.LimitOf(json), description);
                required.Add(json);
            }
            forms.Add(new JsonObject { ["type"] = "object", ["properties"] = props, ["required"] = required, ["additionalProperties"] = false });
        }
        forms.Add(Provenanced(new JsonObject(), "An empirical distribution: durations and their weights (plain numbers), with source or estimate on the object.", null, new JsonObject
        {
            [DurationSchema.KindField] = new JsonObject { ["const"] = DurationSchema.Empirical },
            [DurationSchema.ValuesField] = new JsonObject { ["type"] = "array", ["items"] = Values("number", DurationSchema.LimitOf(DurationSchema.ValuesField)), ["minItems"] = 1 },
            [DurationSchema.WeightsField] = new JsonObject { ["type"] = "array", ["items"] = Values("number", DurationSchema.LimitOf(DurationSchema.WeightsField)), ["minItems"] = 1 },
        }));
        return new JsonObject
        {
            ["description"] = "A detour duration distribution: fixed (seconds), exponential (meanSeconds), lognormal (medianSeconds, sigma), pareto (scaleSeconds, alpha) or empirical (valuesSeconds, weights).",
            ["oneOf"] = forms,
        };
    }

    private static JsonObject Ref(string def, string description) => new() { ["$ref"] = $"#/$defs/{def}", ["description"] = description };

    /// <summary>The values a number within <paramref name="limit"/> may take, as the reader checks them
    /// (<see cref="QuantityLimit.Admits"/>; the records refuse negative numbers): <c>0, or [Min, Max]</c> when 0 is
    /// allowed, else <c>[Min, Max]</c>, bounds inclusive — or <c>(Min, Max]</c>, written <c>exclusiveMinimum</c>, when
    /// <see cref="QuantityLimit.MinExclusive"/>.</summary>
    private static JsonObject Values(string type, QuantityLimit limit)
    {
        var node = new JsonObject { ["type"] = type };
        var bounds = limit.ZeroAllowed ? new JsonObject() : node;
        bounds[limit.MinExclusive ? "exclusiveMinimum" : "minimum"] = Number(limit.Min);
        bounds["maximum"] = Number(limit.Max);
        if (limit.ZeroAllowed) node["anyOf"] = new JsonArray(new JsonObject { ["const"] = 0 }, bounds);
        return node;
    }

    /// <summary>A bound as a JSON number that parses back to exactly <paramref name="value"/>: a whole number in full
    /// (2^60 as 1152921504606846976, exact in decimal too), anything else in the shortest round-trip form ("R": 1E-12).</summary>
    private static JsonNode Number(double value) => JsonNode.Parse(NumberText(value))!;

    private static string NumberText(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 9.2e18 ? ((long)value).ToString(CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>What a number of <paramref name="limit"/> is and the values it may take, for the description of its
    /// definition: "A time, s: 0, or 1E-12 to 1000000"; "A Pareto tail index: greater than 1, up to 1000" when the lower
    /// bound is exclusive.</summary>
    private static string RangeText(QuantityLimit limit) =>
        $"{char.ToUpperInvariant(limit.What[0])}{limit.What[1..]}{(limit.Unit.Length == 0 ? "" : ", " + limit.Unit)}: {(limit.ZeroAllowed ? "0, or " : "")}"
        + (limit.MinExclusive ? $"greater than {NumberText(limit.Min)}, up to {NumberText(limit.Max)}" : $"{NumberText(limit.Min)} to {NumberText(limit.Max)}");

    /// <summary>The names of <see cref="QuantityLimits"/>' fields by limit (Seconds, BytesPerSecond, …): a number's
    /// definition is named after its limit, so the schema has one definition per kind of limit in use.</summary>
    private static readonly ImmutableArray<(string Name, QuantityLimit Limit)> LimitNames =
    [
        .. typeof(QuantityLimits).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(QuantityLimit)).Select(f => (f.Name, (QuantityLimit)f.GetValue(null)!)),
    ];

    /// <summary>The <c>$defs</c> of one schema: a provenance object per kind of number in use (first, in the order the
    /// fields use them), then the nested objects.</summary>
    private sealed class Definitions
    {
        private readonly JsonObject numbers = [];

        /// <summary>Definitions of nested objects, by <see cref="ObjectSchema.DefinitionName"/>.</summary>
        public JsonObject Objects { get; } = [];

        /// <summary>A reference to the definition of a number of <paramref name="kind"/> (<see cref="FieldKind.Quantity"/> or
        /// <see cref="FieldKind.Integer"/>) within <paramref name="limit"/>, one of <see cref="QuantityLimits"/>, adding the
        /// definition on first use: <c>#/$defs/quantitySeconds</c>, <c>#/$defs/integerWhole</c>.</summary>
        public JsonObject Number(FieldKind kind, QuantityLimit limit, string description)
        {
            var integer = kind == FieldKind.Integer;
            var table = LimitNames.FirstOrDefault(l => ReferenceEquals(l.Limit, limit)).Name
                ?? throw new InvalidOperationException($"the limit of \"{description}\" ({limit.What}) is not one of {nameof(QuantityLimits)}");
            var name = (integer ? "integer" : "quantity") + table;
            if (!numbers.ContainsKey(name))
                numbers[name] = Provenanced(Values(integer ? "integer" : "number", limit),
                    $"{RangeText(limit)}, with where it comes from: exactly one of source (a reference) or estimate (a one-line reason).");
            return Ref(name, description);
        }

        /// <summary>All definitions: the numbers', then the objects'.</summary>
        public JsonObject ToJson()
        {
            var all = new JsonObject();
            foreach (var part in new[] { numbers, Objects })
                foreach (var kv in part.ToArray())
                {
                    part.Remove(kv.Key);
                    all[kv.Key] = kv.Value;
                }
            return all;
        }
    }

    /// <summary>An object {value|values…, source|estimate} whose value has the given schema (or, with
    /// <paramref name="extra"/>, whose other properties are given).</summary>
    private static JsonObject Provenanced(JsonObject valueSchema, string description, string? valueName = "value", JsonObject? extra = null)
    {
        var props = new JsonObject();
        var required = new JsonArray();
        if (valueName is not null)
        {
            props[valueName] = valueSchema;
            required.Add(valueName);
        }
        if (extra is not null)
            foreach (var kv in extra.ToArray())
            {
                extra.Remove(kv.Key);
                props[kv.Key] = kv.Value;
                required.Add(kv.Key);
            }
        props["source"] = new JsonObject { ["type"] = "string", ["minLength"] = 1, ["description"] = "Where the number comes from: a paper section or table, a file in data/measured, docs/sources.md, or a measurement." };
        props["estimate"] = new JsonObject { ["type"] = "string", ["minLength"] = 1, ["description"] = "Why this value was chosen when nothing measured it (one line)." };
        if (valueName == "value")
        {
            props["note"] = new JsonObject { ["type"] = "string", ["description"] = "Optional remark." };
            props[JsonFieldReader.RangeField] = new JsonObject
            {
                ["type"] = "array",
                ["items"] = new JsonObject { ["type"] = valueSchema["type"]?.GetValue<string>() ?? "number" },
                ["minItems"] = 2,
                ["maxItems"] = 2,
                ["description"] = "Optional uncertainty the source or estimate declares for the value: [low, high] in the value's unit, low < high, low <= value <= high (checked by the loader).",
            };
        }
        return new JsonObject
        {
            ["type"] = "object",
            ["description"] = description,
            ["properties"] = props,
            ["required"] = required,
            ["additionalProperties"] = false,
            ["oneOf"] = new JsonArray(new JsonObject { ["required"] = new JsonArray("source") }, new JsonObject { ["required"] = new JsonArray("estimate") }),
        };
    }
}
