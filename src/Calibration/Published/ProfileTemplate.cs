using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using PerfModel.Descriptions;
using PerfModel.Profiles.Json;

namespace PerfModel.Calibration.Published;

/// <summary>
/// Completes a profile template — a profile file without the fields that published measurements give, every other field
/// with its own provenance (a paper section, an estimate with its reason) — with the fitted fields, and writes the result
/// exactly as <see cref="ProfileJsonWriter"/> does, so the output is a profile that <see cref="ProfileJson"/> reads and
/// whose every number names where it comes from. A field is either in the template or fitted, never both: one value,
/// one source. Pure: text in, text out.
/// </summary>
public static class ProfileTemplate
{
    private static readonly JsonSerializerOptions Text = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A quantity as profile JSON: <c>{"value": v, "source": "…", "range": [lower, upper]}</c> (the range when both
    /// bounds are given and differ: a fit's 95% interval; a figure taken as it is has none).</summary>
    public static JsonObject Quantity(double value, string source, double? lower95 = null, double? upper95 = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, $"a fitted value must be finite ({source})");
        var q = new JsonObject { ["value"] = value, ["source"] = source };
        if (lower95 is { } lo && upper95 is { } hi)
        {
            // The value sits inside its interval (a percentile interval can miss a skewed estimate by rounding): widened to it.
            var (low, high) = (Math.Min(lo, value), Math.Max(hi, value));
            if (low < high) q["range"] = new JsonArray(low, high);
        }
        return q;
    }

    /// <summary>The platform of <paramref name="templateJson"/> (from <paramref name="templateFile"/>) with
    /// <paramref name="fields"/> inserted, written as the project writes profiles (its free-text description kept).</summary>
    /// <exception cref="PublishedDataException">The template is not JSON, a path does not lead to an object of the template,
    /// the template already gives a fitted field, or the completed profile breaks a profile rule (each named).</exception>
    public static string CompletePlatform(string templateJson, string templateFile, IEnumerable<TemplateField> fields) =>
        Complete(templateJson, templateFile, fields, json => ProfileJsonWriter.WriteProfile(ProfileJson.ParsePlatform(json, templateFile), "../schemas/platform.schema.json"));

    /// <summary>The OS profile of <paramref name="templateJson"/> with <paramref name="fields"/> inserted (see
    /// <see cref="CompletePlatform"/>).</summary>
    /// <exception cref="PublishedDataException">As for <see cref="CompletePlatform"/>.</exception>
    public static string CompleteOs(string templateJson, string templateFile, IEnumerable<TemplateField> fields) =>
        Complete(templateJson, templateFile, fields, json => ProfileJsonWriter.WriteProfile(ProfileJson.ParseOs(json, templateFile), "../schemas/os.schema.json"));

    private static string Complete(string templateJson, string templateFile, IEnumerable<TemplateField> fields, Func<string, string> write)
    {
        ArgumentNullException.ThrowIfNull(templateJson);
        ArgumentException.ThrowIfNullOrWhiteSpace(templateFile);
        ArgumentNullException.ThrowIfNull(fields);
        JsonObject root;
        try
        {
            root = JsonNode.Parse(templateJson, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }) as JsonObject
                ?? throw new PublishedDataException(templateFile, null, "$", "a profile template must be a JSON object");
        }
        catch (JsonException e)
        {
            throw new PublishedDataException(templateFile, (int?)e.LineNumber + 1, "$", "not valid JSON: " + e.Message.Split('.')[0]);
        }
        foreach (var f in fields) Insert(root, f, templateFile);
        var description = root["description"]?.GetValue<string>();
        string written;
        try
        {
            written = write(root.ToJsonString());
        }
        catch (ProfileValidationException e)
        {
            throw new PublishedDataException(templateFile, null, "$", "the completed profile breaks a profile rule: " + string.Join("; ", e.Errors.Select(x => x.ToString())));
        }
        return description is null ? written : WithDescription(written, description);
    }

    /// <summary>Sets <paramref name="field"/>'s node at its path: every segment but the last must exist in the template; the
    /// last must not.</summary>
    private static void Insert(JsonObject root, TemplateField field, string file)
    {
        var segments = Segments(field.JsonPath, file);
        JsonNode node = root;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            var (name, index) = segments[i];
            node = (node as JsonObject)?[name] ?? throw Missing(file, field.JsonPath, name);
            if (index is { } k)
            {
                if (node is not JsonArray array || k >= array.Count) throw Missing(file, field.JsonPath, $"{name}[{k}]");
                node = array[k] ?? throw Missing(file, field.JsonPath, $"{name}[{k}]");
            }
        }
        var (last, lastIndex) = segments[^1];
        if (lastIndex is not null || node is not JsonObject parent)
            throw new PublishedDataException(file, null, field.JsonPath, "a fitted field is a member of an object of the template");
        if (parent.ContainsKey(last))
            throw new PublishedDataException(file, null, field.JsonPath, "the template already gives this field: a value is either fitted or in the template, not both");
        parent[last] = field.Node.DeepClone();
    }

    private static PublishedDataException Missing(string file, string path, string segment) =>
        new(file, null, path, $"the template has no '{segment}' on the way to this fitted field");

    /// <summary>"$.a.b[2].c" → (a, null), (b, 2), (c, null).</summary>
    private static List<(string Name, int? Index)> Segments(string path, string file)
    {
        if (!path.StartsWith("$.", StringComparison.Ordinal)) throw new PublishedDataException(file, null, path, "a fitted field's path starts with '$.'");
        var result = new List<(string, int?)>();
        foreach (var part in path[2..].Split('.'))
        {
            var open = part.IndexOf('[', StringComparison.Ordinal);
            if (open < 0) result.Add((part, null));
            else if (part.EndsWith(']') && int.TryParse(part[(open + 1)..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var k))
                result.Add((part[..open], k));
            else throw new PublishedDataException(file, null, path, "a path segment is a name or name[index]");
            if (result[^1].Item1.Length == 0) throw new PublishedDataException(file, null, path, "a path segment has a name");
        }
        return result;
    }

    /// <summary>The writer's text with <c>"description"</c> after <c>"schemaVersion"</c> (the writer does not keep free text).</summary>
    private static string WithDescription(string written, string description)
    {
        const string anchor = "\"schemaVersion\": 1,";
        var at = written.IndexOf(anchor, StringComparison.Ordinal);
        if (at < 0) return written;
        var lineStart = written.LastIndexOf('\n', at) + 1;
        var indent = written[lineStart..at];
        var end = at + anchor.Length;
        return written[..end] + "\n" + indent + "\"description\": " + JsonSerializer.Serialize(description, Text) + "," + written[end..];
    }
}
