using System.Collections;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Profiles.Schema;

namespace PerfModel.Profiles.Json;

/// <summary>
/// Writes profiles as JSON in exactly the form <see cref="ProfileJson"/> reads, by walking <see cref="ProfileSchema"/>.
/// Every number is <c>{"value": x, "source": "…"}</c> or <c>{"value": x, "estimate": "…"}</c>, its text from
/// <see cref="ProfilePaths.SourceOf(Provenance, ProfileValue)"/>: the recorded source while the value is unchanged,
/// "what-if, set in code" for a value changed after loading, "unspecified (set in code)" for a profile built in code. A
/// declared uncertainty range is written back as <c>"range": [low, high]</c> while the value is the one it was declared
/// for (<see cref="ProfilePaths.RangeOf(Provenance, ProfileValue)"/>); a what-if value is written without it.
/// Doubles are written in invariant culture with round-trip precision ("R"), so parsing the text gives back the same bits.
/// An optional field (<see cref="FieldSchema.IsOptional"/>) is left out while it holds its default (a Poisson source's
/// <c>arrival</c>, a profile without <c>nodeClasses</c>), so profiles that do not use it are written as before. A noise
/// source that replays a recorded trace cannot be written (its <c>arrival</c> would be <c>trace</c>; traces are loaded
/// from their file by a noise spec): <see cref="ArgumentException"/> naming the JSON path.
/// </summary>
public static class ProfileJsonWriter
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The platform as profile JSON.</summary>
    public static string Write(Platform platform) => WriteProfile(platform);

    /// <summary>The OS profile as profile JSON.</summary>
    public static string Write(OsProfile os) => WriteProfile(os);

    /// <summary>The application profile as profile JSON.</summary>
    public static string Write(AppProfile app) => WriteProfile(app);

    /// <summary>A platform, OS or application profile as JSON, optionally with a <c>$schema</c> reference for editors.</summary>
    public static string WriteProfile(object profile, string? schemaReference = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var values = ProfilePaths.Values(profile).ToDictionary(v => v.Path);
        var provenance = ProfilePaths.ProvenanceOf(profile);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            if (schemaReference is not null) w.WriteString("$schema", schemaReference);
            w.WriteNumber("schemaVersion", ProfileSchema.Version);
            WriteFields(w, profile, ProfilePaths.SchemaOf(profile), "$", values, provenance);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteFields(Utf8JsonWriter w, object record, ObjectSchema schema, string path, Dictionary<string, ProfileValue> values, Provenance provenance)
    {
        foreach (var f in schema.Fields)
        {
            var here = $"{path}.{f.Json}";
            var value = f.Get(record);
            if (f.HoldsDefault(value)) continue;
            switch (f.Kind)
            {
                case FieldKind.Quantity:
                case FieldKind.Integer:
                    Quantity(w, f.Json, values[here], provenance);
                    break;
                case FieldKind.Boolean:
                    w.WriteBoolean(f.Json, (bool)value!);
                    break;
                case FieldKind.Text:
                    w.WriteString(f.Json, (string)value!);
                    break;
                case FieldKind.Choice:
                    var name = JsonFieldReader.KebabCase(value!.ToString()!);
                    if (!f.ChoiceNames.Contains(name))
                        throw new ArgumentException($"{here}: '{name}' cannot be written to a profile file, whose {f.Json} is one of: {string.Join(", ", f.ChoiceNames)} ({f.Description})", nameof(record));
                    w.WriteString(f.Json, name);
                    break;
                case FieldKind.Object:
                    w.WriteStartObject(f.Json);
                    WriteFields(w, value!, f.Item!, here, values, provenance);
                    w.WriteEndObject();
                    break;
                case FieldKind.ObjectArray:
                    w.WriteStartArray(f.Json);
                    var i = 0;
                    foreach (var item in (IEnumerable)value!)
                    {
                        w.WriteStartObject();
                        WriteFields(w, item, f.Item!, $"{here}[{i++}]", values, provenance);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    break;
                case FieldKind.Duration:
                    Duration(w, (DurationDistribution)value!, path, values, provenance);
                    break;
                case FieldKind.NodeList:
                    w.WriteStartObject(f.Json);
                    w.WriteStartArray("values");
                    foreach (var n in (ImmutableArray<int>)value!) w.WriteNumberValue(n);
                    w.WriteEndArray();
                    ProvenanceField(w, ProfilePaths.SourceOf(provenance, values[here]));
                    w.WriteEndObject();
                    break;
                default:
                    throw new InvalidOperationException($"field kind {f.Kind} has no writer");
            }
        }
    }

    private static void Duration(Utf8JsonWriter w, DurationDistribution d, string sourcePath, Dictionary<string, ProfileValue> values, Provenance provenance)
    {
        var fixedPath = $"{sourcePath}.{DurationSchema.FixedField}";
        if (values.TryGetValue(fixedPath, out var fixedValue))
        {
            Quantity(w, DurationSchema.FixedField, fixedValue, provenance);
            return;
        }
        var dpath = $"{sourcePath}.{DurationSchema.DistributionField}";
        w.WriteStartObject(DurationSchema.DistributionField);
        var form = DurationSchema.Forms.FirstOrDefault(f => f.Read(d) is not null);
        if (form is not null)
        {
            w.WriteString(DurationSchema.KindField, form.Name);
            foreach (var (json, _) in form.Parameters) Quantity(w, json, values[$"{dpath}.{json}"], provenance);
        }
        else if (d is EmpiricalDuration e)
        {
            w.WriteString(DurationSchema.KindField, DurationSchema.Empirical);
            w.WriteStartArray(DurationSchema.ValuesField);
            foreach (var v in e.ValuesSeconds) w.WriteRawValue(Num(v, $"{dpath}.{DurationSchema.ValuesField}"));
            w.WriteEndArray();
            w.WriteStartArray(DurationSchema.WeightsField);
            foreach (var v in e.Probabilities) w.WriteRawValue(Num(v, $"{dpath}.{DurationSchema.WeightsField}"));
            w.WriteEndArray();
            ProvenanceField(w, ProfilePaths.SourceOf(provenance, values[dpath]));
        }
        else throw new ArgumentException($"{dpath}: the schema has no form for {d.GetType().Name}", nameof(d));
        w.WriteEndObject();
    }

    /// <summary>Writes <c>"name": {"value": x, "source"|"estimate": "…"}</c>, with <c>"range": [low, high]</c> when one is declared.</summary>
    private static void Quantity(Utf8JsonWriter w, string name, ProfileValue value, Provenance provenance)
    {
        w.WriteStartObject(name);
        w.WritePropertyName("value");
        w.WriteRawValue(Num((double)value.Value!, value.Path));
        ProvenanceField(w, ProfilePaths.SourceOf(provenance, value));
        if (ProfilePaths.RangeOf(provenance, value) is { } range)
        {
            // On one line, as the files in data/ write it: "range": [4E-06, 1.2E-05].
            w.WritePropertyName(JsonFieldReader.RangeField);
            w.WriteRawValue($"[{Num(range.Low, value.Path)}, {Num(range.High, value.Path)}]");
        }
        w.WriteEndObject();
    }

    private static void ProvenanceField(Utf8JsonWriter w, string text)
    {
        if (text.StartsWith(ProvenanceText.EstimatePrefix, StringComparison.Ordinal)) w.WriteString("estimate", text[ProvenanceText.EstimatePrefix.Length..]);
        else w.WriteString("source", text);
    }

    private static string Num(double v, string path)
    {
        if (!double.IsFinite(v)) throw new ArgumentException($"{path}: {v} cannot be written as a JSON number");
        return v.ToString("R", CultureInfo.InvariantCulture);
    }
}
