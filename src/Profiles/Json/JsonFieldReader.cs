using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using PerfModel.Descriptions;

namespace PerfModel.Profiles.Json;

/// <summary>Reads typed fields from a JSON profile, recording every structural error (with its JSON path) and the
/// provenance of every number. Numbers are written as <c>{"value": 68, "source": "P18 Sec. III-A"}</c> or
/// <c>{"value": 0.25, "estimate": "why this value"}</c>, optionally with the uncertainty the source declares,
/// <c>"range": [low, high]</c> (two finite numbers, low &lt; high, low ≤ value ≤ high; whole numbers for a whole-number
/// field), kept in the value's <see cref="ProvenanceEntry.Range"/>; a bare number is an error.</summary>
internal sealed class JsonFieldReader(ValidationScope scope)
{
    private readonly ImmutableDictionary<string, ProvenanceEntry>.Builder provenance = ImmutableDictionary.CreateBuilder<string, ProvenanceEntry>();

    public ValidationScope Scope { get; } = scope;

    public Provenance Provenance => new(provenance.ToImmutable());

    /// <summary>Records the provenance of a value that is not a single number (an empirical distribution, node counts).</summary>
    public void Record(string path, string source, object? value) => provenance[path] = new ProvenanceEntry(source, value);

    /// <summary>Reports properties of <paramref name="obj"/> that are not in <paramref name="known"/> (catches typos).</summary>
    public void OnlyKnown(JsonElement obj, string path, IReadOnlyCollection<string> known)
    {
        if (obj.ValueKind != JsonValueKind.Object) return;
        foreach (var p in obj.EnumerateObject())
            if (!known.Contains(p.Name))
                Scope.Add($"{path}.{Shown(p.Name)}", $"unknown field; expected one of: {string.Join(", ", known)}");
    }

    public bool TryGet(JsonElement obj, string name, string path, JsonValueKind kind, out JsonElement value)
    {
        value = default;
        if (obj.ValueKind != JsonValueKind.Object) return false;
        if (!obj.TryGetProperty(name, out value))
        {
            Scope.Add($"{path}.{name}", "required field is missing");
            return false;
        }
        if (value.ValueKind != kind)
        {
            Scope.Add($"{path}.{name}", $"must be a JSON {Describe(kind)}, found {Describe(value.ValueKind)}");
            return false;
        }
        return true;
    }

    public JsonElement Object(JsonElement obj, string name, string path) =>
        TryGet(obj, name, path, JsonValueKind.Object, out var v) ? v : default;

    /// <summary>A string; one holding a control character (a newline, an escape, NUL …) is refused: names are printed in
    /// tables, file names and messages, where such a character would break the line or the terminal.</summary>
    public string String(JsonElement obj, string name, string path)
    {
        if (!TryGet(obj, name, path, JsonValueKind.String, out var v)) return "";
        var text = v.GetString() ?? "";
        var bad = text.FirstOrDefault(char.IsControl);
        if (text.Any(char.IsControl))
        {
            Scope.Add($"{path}.{name}", $"\"{Shown(text)}\" holds the control character U+{(int)bad:X4}; names and labels must be printable text");
            return "";
        }
        return text;
    }

    /// <summary>Text from a file as a message may show it: control characters escaped (\u0007), at most 60 characters
    /// (longer text cut with "…"), so that an error stays one readable line.</summary>
    internal static string Shown(string text)
    {
        const int Max = 60;
        var sb = new System.Text.StringBuilder();
        foreach (var c in text.Length > Max ? text[..Max] : text)
            sb.Append(char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString());
        if (text.Length > Max) sb.Append($"… ({text.Length} characters)");
        return sb.ToString();
    }

    public bool Bool(JsonElement obj, string name, string path)
    {
        if (obj.ValueKind != JsonValueKind.Object) return false;
        if (!obj.TryGetProperty(name, out var v)) { Scope.Add($"{path}.{name}", "required field is missing"); return false; }
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
        Scope.Add($"{path}.{name}", $"must be true or false, found {Describe(v.ValueKind)}");
        return false;
    }

    /// <summary>A kebab-case enum name ("hbm-if-fits-else-ddr") among <paramref name="allowed"/>; null (with the error
    /// recorded, listing the allowed names) when it is not one.</summary>
    public object? Enum(JsonElement obj, string name, string path, Type enumType, IReadOnlyCollection<string> allowed)
    {
        var text = String(obj, name, path);
        if (text.Length == 0) return null;
        if (allowed.Contains(text))
            foreach (var e in System.Enum.GetValues(enumType))
                if (string.Equals(KebabCase(e.ToString()!), text, StringComparison.Ordinal)) return e;
        Scope.Add($"{path}.{name}", $"'{text}' is not one of: {string.Join(", ", allowed)}");
        return null;
    }

    /// <summary>A number with provenance (and an optional declared range; whole-number ends when <paramref name="whole"/>).
    /// Returns NaN when missing or malformed (the error is recorded).</summary>
    public double Number(JsonElement obj, string name, string path, bool whole = false, QuantityLimit? limit = null)
    {
        var full = $"{path}.{name}";
        if (!TryGet(obj, name, path, JsonValueKind.Object, out var q))
        {
            if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var raw) && raw.ValueKind == JsonValueKind.Number)
                Scope.Add(full, "a bare number has no provenance; write {\"value\": …, \"source\": \"…\"} or {\"value\": …, \"estimate\": \"reason\"}");
            return double.NaN;
        }
        return Quantity(q, full, whole, limit);
    }

    private double Quantity(JsonElement q, string full, bool whole, QuantityLimit? limit)
    {
        OnlyKnown(q, full, ["value", "source", "estimate", "note", RangeField]);
        var source = SourceOf(q, full);
        if (!q.TryGetProperty("value", out var value)) { Scope.Add(full + ".value", "required field is missing"); return double.NaN; }
        if (value.ValueKind != JsonValueKind.Number) { Scope.Add(full + ".value", $"must be a JSON number, found {Describe(value.ValueKind)}"); return double.NaN; }
        var d = value.GetDouble();
        if (!double.IsFinite(d)) { Scope.Add(full + ".value", "must be finite"); return double.NaN; }
        if (limit is not null && !limit.Admits(d))
        {
            Scope.Add(full + ".value", $"value {value.GetRawText()} {limit.Rule}");
            return double.NaN;
        }
        var range = Range(q, full, d, whole);
        if (source is not null) provenance[full] = new ProvenanceEntry(source, d) { Range = range };
        return d;
    }

    /// <summary>The field of a quantity declaring its uncertainty range.</summary>
    public const string RangeField = "range";

    /// <summary>The optional <c>"range": [low, high]</c> of a quantity whose value is <paramref name="value"/>; null when
    /// absent or wrong (each broken rule recorded at <c>….range</c>).</summary>
    private ValueRange? Range(JsonElement q, string full, double value, bool whole)
    {
        if (!q.TryGetProperty(RangeField, out var r)) return null;
        var at = $"{full}.{RangeField}";
        if (r.ValueKind != JsonValueKind.Array)
        {
            Scope.Add(at, $"must be a JSON array [low, high], found {Describe(r.ValueKind)}");
            return null;
        }
        if (r.GetArrayLength() != 2)
        {
            Scope.Add(at, $"must hold exactly two numbers [low, high], found {r.GetArrayLength()} item(s)");
            return null;
        }
        var ends = new double[2];
        var ok = true;
        for (var i = 0; i < 2; i++)
        {
            var e = r[i];
            if (e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out ends[i]) && double.IsFinite(ends[i])) continue;
            Scope.Add($"{at}[{i}]", $"must be a finite number, found {(e.ValueKind == JsonValueKind.Number ? e.GetRawText() : Describe(e.ValueKind))}");
            ok = false;
        }
        if (!ok) return null;
        var (low, high) = (ends[0], ends[1]);
        string Text(double v) => v.ToString(CultureInfo.InvariantCulture);
        if (!(low < high))
        {
            Scope.Add(at, $"low {Text(low)} must be < high {Text(high)}");
            return null;
        }
        if (whole && (low != Math.Floor(low) || high != Math.Floor(high)))
        {
            Scope.Add(at, $"[{Text(low)}, {Text(high)}] must hold whole numbers (the field is a whole number)");
            return null;
        }
        if (double.IsFinite(value) && !(low <= value && value <= high))
        {
            Scope.Add(at, $"value {Text(value)} must lie within the range [{Text(low)}, {Text(high)}]");
            return null;
        }
        return new ValueRange(low, high);
    }

    /// <summary>The provenance text of an object with exactly one of "source" or "estimate" ("estimate: " prefixed), or
    /// null with the error recorded.</summary>
    public string? SourceOf(JsonElement q, string path)
    {
        var hasSource = q.TryGetProperty("source", out var src) && src.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(src.GetString());
        var hasEstimate = q.TryGetProperty("estimate", out var est) && est.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(est.GetString());
        if (hasSource == hasEstimate)
        {
            Scope.Add(path, "needs exactly one of \"source\" (where the number comes from) or \"estimate\" (a one-line reason)");
            return null;
        }
        return hasSource ? src.GetString()! : ProvenanceText.EstimatePrefix + est.GetString();
    }

    /// <summary>A whole number with provenance; records an error (and returns 0) if it is not integral.</summary>
    public int Integer(JsonElement obj, string name, string path, QuantityLimit? limit = null)
    {
        var d = Number(obj, name, path, whole: true, limit);
        if (double.IsNaN(d)) return 0;
        if (d != Math.Floor(d) || d < int.MinValue || d > int.MaxValue)
        {
            Scope.Add($"{path}.{name}", $"value {d.ToString(CultureInfo.InvariantCulture)} must be a whole number");
            return 0;
        }
        return (int)d;
    }

    public IEnumerable<(JsonElement Item, string Path)> Array(JsonElement obj, string name, string path)
    {
        if (!TryGet(obj, name, path, JsonValueKind.Array, out var arr)) yield break;
        var i = 0;
        foreach (var item in arr.EnumerateArray())
        {
            var p = $"{path}.{name}[{i++}]";
            if (item.ValueKind != JsonValueKind.Object) { Scope.Add(p, $"must be a JSON object, found {Describe(item.ValueKind)}"); continue; }
            yield return (item, p);
        }
    }

    /// <summary>An array of plain finite numbers within <paramref name="limit"/> (errors recorded per item).</summary>
    public double[] PlainNumbers(JsonElement obj, string name, string path, QuantityLimit limit)
    {
        if (!TryGet(obj, name, path, JsonValueKind.Array, out var arr)) return [];
        var list = new List<double>();
        var i = 0;
        foreach (var e in arr.EnumerateArray())
        {
            if (e.ValueKind == JsonValueKind.Number && double.IsFinite(e.GetDouble()))
            {
                if (limit.Admits(e.GetDouble())) list.Add(e.GetDouble());
                else Scope.Add($"{path}.{name}[{i}]", $"value {e.GetRawText()} {limit.Rule}");
            }
            else Scope.Add($"{path}.{name}[{i}]", "must be a finite number");
            i++;
        }
        return [.. list];
    }

    internal static string KebabCase(string pascal)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c) && i > 0) sb.Append('-');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
