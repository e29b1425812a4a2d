using System.Globalization;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Profiles.Schema;

namespace PerfModel.Profiles.Json;

/// <summary>
/// Parses profile JSON text into validated, immutable profiles by walking <see cref="ProfileSchema"/>. Pure: text in,
/// profile out; the caller reads files. Structural errors (missing or unknown fields, bare numbers, wrong JSON types) are
/// all collected; each object is then built through its record, whose own rules (<see cref="InvalidDescriptionException"/>)
/// are reported at the JSON path of the offending field. Anything wrong throws <see cref="ProfileValidationException"/>
/// listing every error with file, JSON path and rule.
/// </summary>
public static class ProfileJson
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false };

    /// <summary>Top-level fields every profile may carry besides its schema's: the JSON Schema reference, the format
    /// version and a free-text description.</summary>
    public static readonly ImmutableArray<string> RootFields = ["$schema", "schemaVersion", "description"];

    /// <summary>A platform profile.</summary>
    /// <exception cref="ProfileValidationException">The text breaks the format or a rule.</exception>
    public static Platform ParsePlatform(string json, string file)
    {
        var (value, provenance) = Parse(json, file, ProfileSchema.Platform);
        return ((Platform)value) with { Provenance = provenance };
    }

    /// <summary>An OS profile.</summary>
    /// <exception cref="ProfileValidationException">The text breaks the format or a rule.</exception>
    public static OsProfile ParseOs(string json, string file)
    {
        var (value, provenance) = Parse(json, file, ProfileSchema.Os);
        return ((OsProfile)value) with { Provenance = provenance };
    }

    /// <summary>An application profile.</summary>
    /// <exception cref="ProfileValidationException">The text breaks the format or a rule.</exception>
    public static AppProfile ParseApp(string json, string file)
    {
        var (value, provenance) = Parse(json, file, ProfileSchema.App);
        return ((AppProfile)value) with { Provenance = provenance };
    }

    private static (object Value, Provenance Provenance) Parse(string json, string file, ObjectSchema schema)
    {
        ArgumentNullException.ThrowIfNull(json);
        var scope = new ValidationScope(file);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            scope.Add($"$ (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})", "is not valid JSON: " + FirstSentence(e.Message));
            throw new ProfileValidationException(scope.Errors.ToArray());
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                scope.Add("$", "the top level must be a JSON object");
                scope.ThrowIfAny();
            }
            DuplicateKeys(root, "$", scope);
            scope.ThrowIfAny();
            var r = new JsonFieldReader(scope);
            if (r.TryGet(root, "schemaVersion", "$", JsonValueKind.Number, out var ver) && ver.GetDouble() != ProfileSchema.Version)
                scope.Add("$.schemaVersion", $"version {ver.GetRawText()} is not supported; this build reads version {ProfileSchema.Version}");
            var value = ReadObject(r, root, "$", schema, RootFields);
            scope.ThrowIfAny();
            return (value!, r.Provenance);
        }
    }

    /// <summary>
    /// Records every object member whose name repeats an earlier one of the same object, and every member name holding a
    /// control character, at its JSON path. JSON readers disagree on which of two equal keys counts (this one would take
    /// the last silently), so a repeated key is an error rather than a guess; a name with a control character cannot be
    /// a field and would be printed raw.
    /// </summary>
    private static void DuplicateKeys(JsonElement element, string path, ValidationScope scope)
    {
        // Iterative, so that deep nesting (up to the reader's depth limit) costs no stack.
        var pending = new Stack<(JsonElement Element, string Path)>();
        pending.Push((element, path));
        while (pending.Count > 0)
        {
            var (e, at) = pending.Pop();
            if (e.ValueKind == JsonValueKind.Object)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var p in e.EnumerateObject())
                {
                    var here = $"{at}.{JsonFieldReader.Shown(p.Name)}";
                    if (p.Name.Any(char.IsControl)) scope.Add(here, "the field name holds a control character");
                    else if (!seen.Add(p.Name)) scope.Add(here, "the field appears twice in this object; write each field once");
                    pending.Push((p.Value, here));
                }
            }
            else if (e.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in e.EnumerateArray()) pending.Push((item, $"{at}[{i++}]"));
            }
        }
    }

    /// <summary>Reads every field of <paramref name="schema"/>, then builds the record; null when anything was wrong (the
    /// errors are in the scope).</summary>
    private static object? ReadObject(JsonFieldReader r, JsonElement obj, string path, ObjectSchema schema, IEnumerable<string>? extra = null)
    {
        if (obj.ValueKind != JsonValueKind.Object) return null;
        var known = schema.Fields.SelectMany(f => f.Kind == FieldKind.Duration ? [DurationSchema.FixedField, DurationSchema.DistributionField] : new[] { f.Json })
            .Concat(extra ?? []).ToArray();
        r.OnlyKnown(obj, path, known);
        var before = r.Scope.Count;
        var values = new Dictionary<string, object?>();
        foreach (var f in schema.Fields) values[f.Property] = ReadField(r, obj, path, f);
        if (r.Scope.Count > before) return null;
        try
        {
            return schema.Build(new FieldValues(values));
        }
        catch (InvalidDescriptionException e)
        {
            r.Scope.Add(ProfileSchema.JsonPath(schema, e.Field, path, obj), RuleText(schema, e));
            return null;
        }
    }

    private static object? ReadField(JsonFieldReader r, JsonElement obj, string path, FieldSchema f) =>
        f.IsOptional && obj.ValueKind == JsonValueKind.Object && !obj.TryGetProperty(f.Json, out _) ? f.Default : f.Kind switch
    {
        FieldKind.Quantity => r.Number(obj, f.Json, path, limit: f.Limit),
        FieldKind.Integer => r.Integer(obj, f.Json, path, f.Limit),
        FieldKind.Boolean => r.Bool(obj, f.Json, path),
        FieldKind.Text => r.String(obj, f.Json, path),
        FieldKind.Choice => r.Enum(obj, f.Json, path, f.Choices!, f.ChoiceNames),
        FieldKind.Object => ReadObject(r, r.Object(obj, f.Json, path), $"{path}.{f.Json}", f.Item!),
        FieldKind.ObjectArray => r.Array(obj, f.Json, path).Select(item => ReadObject(r, item.Item, item.Path, f.Item!)).ToArray(),
        FieldKind.Duration => ReadDuration(r, obj, path),
        FieldKind.NodeList => ReadNodes(r, obj, f.Json, path, f.Limit!),
        _ => throw new InvalidOperationException($"field kind {f.Kind} has no reader"),
    };

    /// <summary>A noise source's duration: "durationSeconds" (fixed) or a "duration" object (<see cref="DurationSchema"/>).</summary>
    private static DurationDistribution? ReadDuration(JsonFieldReader r, JsonElement source, string path)
    {
        var hasFixed = source.TryGetProperty(DurationSchema.FixedField, out _);
        var hasDist = source.TryGetProperty(DurationSchema.DistributionField, out _);
        if (hasFixed == hasDist)
        {
            r.Scope.Add(path, $"needs exactly one of \"{DurationSchema.FixedField}\" (fixed detours) or \"{DurationSchema.DistributionField}\" (a distribution)");
            return null;
        }
        if (hasFixed)
        {
            var seconds = r.Number(source, DurationSchema.FixedField, path, limit: DurationSchema.LimitOf(DurationSchema.FixedField));
            return Build(r, () => new FixedDuration(TimeInterval.FromSeconds(seconds)), $"{path}.{DurationSchema.FixedField}", double.IsNaN(seconds));
        }
        var dpath = $"{path}.{DurationSchema.DistributionField}";
        var d = r.Object(source, DurationSchema.DistributionField, path);
        var kind = r.String(d, DurationSchema.KindField, dpath);
        if (kind.Length == 0) return null;
        var form = DurationSchema.Forms.FirstOrDefault(f => f.Name == kind);
        if (form is not null)
        {
            r.OnlyKnown(d, dpath, [DurationSchema.KindField, .. form.Parameters.Select(p => p.Json)]);
            var before = r.Scope.Count;
            var parameters = form.Parameters.Select(p => r.Number(d, p.Json, dpath, limit: DurationSchema.LimitOf(p.Json))).ToArray();
            return Build(r, () => form.Build(parameters), dpath, r.Scope.Count > before, form);
        }
        if (kind == DurationSchema.Empirical)
        {
            r.OnlyKnown(d, dpath, [DurationSchema.KindField, DurationSchema.ValuesField, DurationSchema.WeightsField, "source", "estimate"]);
            var provenanceText = r.SourceOf(d, dpath);
            var values = r.PlainNumbers(d, DurationSchema.ValuesField, dpath, DurationSchema.LimitOf(DurationSchema.ValuesField));
            var weights = r.PlainNumbers(d, DurationSchema.WeightsField, dpath, DurationSchema.LimitOf(DurationSchema.WeightsField));
            if (values.Length == 0 || values.Length != weights.Length)
            {
                r.Scope.Add($"{dpath}.{DurationSchema.WeightsField}", $"needs one weight per value ({values.Length} values, {weights.Length} weights; at least one)");
                return null;
            }
            if (values.Any(v => v < 0) || weights.Any(w => w < 0) || weights.Sum() <= 0)
            {
                r.Scope.Add(dpath, "values and weights must be >= 0 and the weights must not all be 0");
                return null;
            }
            var empirical = new EmpiricalDuration(values, weights);
            if (provenanceText is not null) r.Record(dpath, provenanceText, empirical);
            return empirical;
        }
        r.Scope.Add($"{dpath}.{DurationSchema.KindField}", $"'{JsonFieldReader.Shown(kind)}' is not one of: {string.Join(", ", DurationSchema.Names)}");
        return null;
    }

    private static DurationDistribution? Build(JsonFieldReader r, Func<DurationDistribution> make, string path, bool failed, DistributionForm? form = null)
    {
        if (failed) return null;
        try
        {
            return make();
        }
        catch (InvalidDescriptionException e)
        {
            // The distribution's parameters are named as in the record (Mean, Median, Sigma, Scale, Alpha, Duration); the
            // file names them by the form's parameter order.
            var index = e.Field switch { "Sigma" or "Alpha" => 1, _ => 0 };
            var at = form is null ? path : $"{path}.{form.Parameters[Math.Min(index, form.Parameters.Length - 1)].Json}";
            r.Scope.Add(at, $"value {e.Value} {e.Rule}");
            return null;
        }
    }

    /// <summary>defaultNodes: {"values": [1, 8, 27], "source"|"estimate": "…"}, each a whole number &gt; 0 within
    /// <paramref name="limit"/>.</summary>
    private static ImmutableArray<int>? ReadNodes(JsonFieldReader r, JsonElement obj, string name, string path, QuantityLimit limit)
    {
        var full = $"{path}.{name}";
        var nodesEl = r.Object(obj, name, path);
        if (nodesEl.ValueKind != JsonValueKind.Object) return null;
        r.OnlyKnown(nodesEl, full, ["values", "source", "estimate"]);
        var source = r.SourceOf(nodesEl, full);
        if (!r.TryGet(nodesEl, "values", full, JsonValueKind.Array, out var arr)) return null;
        var nodes = ImmutableArray.CreateBuilder<int>();
        var i = 0;
        var ok = true;
        foreach (var e in arr.EnumerateArray())
        {
            if (e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var n) && n > 0 && limit.Admits(n)) nodes.Add(n);
            else { r.Scope.Add($"{full}.values[{i}]", string.Create(CultureInfo.InvariantCulture, $"value {JsonFieldReader.Shown(e.GetRawText())} must be >= {limit.Min:G6} and at most {limit.Max:G3} ({limit.What})")); ok = false; }
            i++;
        }
        if (!ok) return null;
        var list = nodes.ToImmutable();
        if (source is not null) r.Record(full, source, list);
        return list;
    }

    /// <summary>"value 3 KiB must be a power of two", with record property names in the rule replaced by their JSON names.</summary>
    private static string RuleText(ObjectSchema schema, InvalidDescriptionException e)
    {
        var rule = e.Rule;
        foreach (var f in schema.Fields.OrderByDescending(f => f.Property.Length))
            rule = Regex.Replace(rule, $@"\b{Regex.Escape(f.Property)}\b", f.Json);
        return $"value {e.Value} {rule}";
    }

    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(". ", StringComparison.Ordinal);
        return i > 0 ? message[..(i + 1)] : message;
    }
}
