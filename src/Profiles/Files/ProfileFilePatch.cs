using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PerfModel.Profiles.Files;

/// <summary>
/// Changes one number of a profile file's text in place — the <c>"value"</c> of the quantity at a JSON path — and leaves
/// every other byte (layout, provenance, ranges, notes) as it was, so a fit's change to a data file is a one-line diff.
/// Pure: text in, text out.
/// </summary>
public static class ProfileFilePatch
{
    /// <summary>
    /// <paramref name="json"/> with the <c>value</c> of the quantity at <paramref name="quantityPath"/> (e.g.
    /// <c>$.placement.spillPenalty</c>) replaced by <paramref name="value"/> (round-trip text, lower-case exponent).
    /// </summary>
    /// <exception cref="KeyNotFoundException">The text has no numeric "value" at that path; the message names <paramref name="file"/> and the path.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite.</exception>
    public static string SetValue(string json, string quantityPath, double value, string file)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(quantityPath);
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, $"{file}: {quantityPath}: a profile value must be finite");
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var stack = new List<Frame>();
        var target = quantityPath + ".value";
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    stack[^1].Property = reader.GetString();
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    if (stack.Count > 0 && stack[^1].IsArray) stack[^1].Index++;
                    stack.Add(new Frame(reader.TokenType == JsonTokenType.StartArray));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    stack.RemoveAt(stack.Count - 1);
                    break;
                default:
                    if (stack[^1].IsArray) stack[^1].Index++;
                    if (reader.TokenType == JsonTokenType.Number && PathOf(stack) == target)
                    {
                        var start = (int)reader.TokenStartIndex;
                        var text = value.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
                        return Encoding.UTF8.GetString(bytes, 0, start) + text + Encoding.UTF8.GetString(bytes, start + reader.ValueSpan.Length, bytes.Length - start - reader.ValueSpan.Length);
                    }
                    break;
            }
        }
        throw new KeyNotFoundException($"{file}: no numeric \"value\" at {quantityPath}");
    }

    private static string PathOf(List<Frame> stack)
    {
        var sb = new StringBuilder("$");
        foreach (var f in stack)
            if (f.IsArray) sb.Append('[').Append(f.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            else sb.Append('.').Append(f.Property);
        return sb.ToString();
    }

    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;

        public string? Property { get; set; }

        public int Index { get; set; } = -1;
    }
}
