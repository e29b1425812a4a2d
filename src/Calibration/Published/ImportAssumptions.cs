using System.Collections.Immutable;
using System.Text.Json;
using PerfModel.Profiles.Files;

namespace PerfModel.Calibration.Published;

/// <summary>
/// The assumptions file of <c>calibrate import</c> (<c>data/templates/assumptions.json</c>): an object whose members other
/// than <c>description</c> are named numbers <c>{"value": v, "estimate"|"source": "why", "range": [low, high]}</c>. Every
/// name the import needs must be there, and no other: a misspelt name is an error, not a silently kept default.
/// </summary>
public sealed record ImportAssumptions(string File, ImmutableDictionary<string, ImportAssumption> ByName)
{
    /// <summary>The names <c>calibrate import</c> reads.</summary>
    public static readonly ImmutableArray<string> Names =
        ["knlOverheadFactor", "knlDurationScale", "housekeepingShareOnAppCores", "lwkResidualRateFactor", "mosStrayRateFactor", "noisyCoreShareFactor"];

    /// <summary>The assumption named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">It is not one of <see cref="Names"/>.</exception>
    public ImportAssumption this[string name] => ByName.TryGetValue(name, out var a) ? a : throw new KeyNotFoundException($"{File}: no assumption '{name}'");

    /// <summary>Reads and checks the file (a regular UTF-8 file; see <see cref="InputFile"/>).</summary>
    /// <exception cref="PublishedDataException">Not JSON, a member that is not a named number with a reason and a range
    /// holding its value, a name missing or unknown (each named).</exception>
    public static ImportAssumptions Load(string path)
    {
        string text;
        try
        {
            text = InputFile.ReadText(path, InputFile.MaxProfileBytes, "assumptions file");
        }
        catch (Descriptions.ProfileValidationException e)
        {
            throw new PublishedDataException(path, null, "file", e.Errors.Count > 0 ? e.Errors[0].Rule : e.Message);
        }
        return Parse(text, path);
    }

    /// <summary>Parses the text of an assumptions file named <paramref name="file"/> (see <see cref="Load"/>).</summary>
    /// <exception cref="PublishedDataException">As for <see cref="Load"/>.</exception>
    public static ImportAssumptions Parse(string text, string file)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new PublishedDataException(file, (int?)e.LineNumber + 1, "$", "not valid JSON");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new PublishedDataException(file, null, "$", "an assumptions file is a JSON object");
            var byName = ImmutableDictionary.CreateBuilder<string, ImportAssumption>(StringComparer.Ordinal);
            foreach (var member in doc.RootElement.EnumerateObject())
            {
                if (member.Name == "description") continue;
                var at = "$." + member.Name;
                if (!Names.Contains(member.Name)) throw new PublishedDataException(file, null, at, $"unknown assumption; the assumptions are {string.Join(", ", Names)}");
                if (byName.ContainsKey(member.Name)) throw new PublishedDataException(file, null, at, "given twice");
                byName[member.Name] = Read(member.Value, member.Name, at, file);
            }
            var missing = Names.Where(n => !byName.ContainsKey(n)).ToArray();
            if (missing.Length > 0) throw new PublishedDataException(file, null, "$", $"missing assumption(s): {string.Join(", ", missing)}");
            return new ImportAssumptions(file, byName.ToImmutable());
        }
    }

    private static ImportAssumption Read(JsonElement e, string name, string at, string file)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new PublishedDataException(file, null, at, "an assumption is {\"value\": v, \"estimate\": \"why\", \"range\": [low, high]}");
        if (!e.TryGetProperty("value", out var v) || v.ValueKind != JsonValueKind.Number || !double.IsFinite(v.GetDouble()))
            throw new PublishedDataException(file, null, at + ".value", "a finite number is required");
        var reason = e.TryGetProperty("estimate", out var est) ? est : e.TryGetProperty("source", out var src) ? src : default;
        if (reason.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(reason.GetString()))
            throw new PublishedDataException(file, null, at, "an assumption says why: \"estimate\" (or \"source\") with a one-line reason");
        if (!e.TryGetProperty("range", out var r) || r.ValueKind != JsonValueKind.Array || r.GetArrayLength() != 2
            || r[0].ValueKind != JsonValueKind.Number || r[1].ValueKind != JsonValueKind.Number || !(r[0].GetDouble() <= r[1].GetDouble()))
            throw new PublishedDataException(file, null, at + ".range", "a plausible range [low, high] with low <= high is required");
        var value = v.GetDouble();
        var (low, high) = (r[0].GetDouble(), r[1].GetDouble());
        if (value < low || value > high) throw new PublishedDataException(file, null, at + ".value", $"{value} lies outside its plausible range [{low}, {high}]");
        foreach (var p in e.EnumerateObject())
            if (p.Name is not ("value" or "estimate" or "source" or "range")) throw new PublishedDataException(file, null, $"{at}.{p.Name}", "unknown member");
        return new ImportAssumption(name, value, low, high, reason.GetString()!);
    }
}
