using System.Text.Json.Nodes;
using CsCheck;
using PerfModel.Descriptions;
using PerfModel.Predictions;
using PerfModel.Profiles;
using PerfModel.Profiles.Files;
using PerfModel.Tests.Support;

namespace PerfModel.Tests.Fuzz;

/// <summary>Profile JSON from hostile hands: the files in data/ mutated (fields removed, duplicated, of the wrong type,
/// numbers replaced by NaN/Infinity/negative/zero/subnormal/huge values, unknown names, truncation, empty files, deep
/// nesting, very long strings, invalid UTF-8, BOM, CRLF). Every case loads a valid profile whose prediction is finite,
/// or ends in the project's error naming the file.</summary>
public sealed class ProfileJsonFuzzTests
{
    private static readonly (ProfileKind Kind, string Text)[] Seeds =
    [
        .. Defaults.AppNames.Select(a => (ProfileKind.App, Defaults.ReadEmbedded(Defaults.FileOf(ProfileKind.App, a)))),
        .. Defaults.OsNames.Select(o => (ProfileKind.Os, Defaults.ReadEmbedded(Defaults.FileOf(ProfileKind.Os, o)))),
        (ProfileKind.Platform, Defaults.ReadEmbedded(Defaults.PlatformFile)),
    ];

    [Fact]
    public void MutatedProfilesLoadAndPredictOrFailWithTheFileNamed()
    {
        using var dir = new TempDir();
        var study = Defaults.Study();
        var gen = Gen.Select(Gen.Int[0, Seeds.Length - 1], Gen.Int[0, 13], Gen.Int[0, 1_000_000], Gen.Int[0, InputFuzz.Numbers.Length - 1], Gen.Int[0, 4]);
        var stats = new int[2];
        var i = 0;
        SeededProperty.ForAll(gen, seed: 20260612, count: FuzzCases.Count, c =>
        {
            var (seedIndex, mutation, pick, number, encoding) = c;
            var (kind, text) = Seeds[seedIndex];
            var mutated = Mutate(text, mutation, pick, InputFuzz.Numbers[number]);
            var file = dir.Sub($"case{i++ % 8}.json");
            File.WriteAllBytes(file, InputFuzz.Encode(mutated, mutation == 13 ? encoding : 0));
            var error = Run(study, kind, file);
            stats[error is null ? 0 : 1]++;
        });
        // The mutations must both pass and fail: a suite where every case fails to parse checks nothing downstream.
        Assert.True(stats[0] > 0 && stats[1] > 0, $"{stats[0]} valid, {stats[1]} refused");
    }

    private static Exception? Run(Study study, ProfileKind kind, string file) => InputFuzz.RunFile(file, () =>
    {
        Prediction p;
        switch (kind)
        {
            case ProfileKind.App:
                var app = ProfileFiles.LoadApp(file);
                p = study.Predictor.Predict(new Scenario(study.Platform, study.Os["linux"], app, app.DefaultNodes[^1]));
                break;
            case ProfileKind.Os:
                var os = ProfileFiles.LoadOs(file);
                p = study.Predictor.Predict(new Scenario(study.Platform, os, study.App["minife"], 2048));
                break;
            default:
                var platform = ProfileFiles.LoadPlatform(file);
                p = study.Predictor.Predict(new Scenario(platform, study.Os["linux"], study.App["hpcg"], 64));
                break;
        }
        InputFuzz.AssertFinite(p);
    });

    /// <summary>One mutation of a profile's text.</summary>
    internal static string Mutate(string text, int mutation, int pick, string number)
    {
        if (mutation is 6) return "";
        if (mutation is 7) return text[..(pick % Math.Max(1, text.Length))];
        if (mutation is 12 or 13) return text;
        var root = JsonNode.Parse(text, documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        var values = new List<JsonNode>();
        Collect(root, values);
        var target = values[pick % values.Count];
        var parent = target.Parent;
        switch (mutation)
        {
            case 0 when parent is JsonObject o: // remove a field
                o.Remove(target.GetPropertyName());
                return root.ToJsonString();
            case 1 when parent is JsonObject: // duplicate a field (textually: JsonObject keeps keys unique)
                var name = target.GetPropertyName();
                var json = root.ToJsonString();
                var key = $"\"{name}\":";
                var at = json.IndexOf(key, StringComparison.Ordinal);
                return at < 0 ? json : json[..at] + key + target.ToJsonString() + "," + json[at..];
            case 2: // wrong type
                Replace(target, (pick % 4) switch { 0 => JsonValue.Create("text"), 1 => new JsonArray(1, 2), 2 => null, _ => JsonValue.Create(true) });
                return root.ToJsonString();
            case 3 or 4 or 5 or 8: // a number replaced (NaN and Infinity are not JSON: the text is then broken on purpose)
                var numbers = values.Where(v => v is JsonValue jv && jv.GetValueKind() == System.Text.Json.JsonValueKind.Number).ToList();
                if (numbers.Count == 0) return root.ToJsonString();
                var n = numbers[pick % numbers.Count];
                const string Marker = "\"__number__\"";
                Replace(n, JsonValue.Create("__number__"));
                return root.ToJsonString().Replace(Marker, number.Length == 0 ? "0" : number, StringComparison.Ordinal);
            case 9 when root is JsonObject r: // unknown name
                r["unknownField" + pick % 3] = 1;
                return r.ToJsonString();
            case 10: // deep nesting
                var depth = 10 + pick % 2000;
                var s = root.ToJsonString();
                var nested = new string('[', depth) + "1" + new string(']', depth);
                return s.Insert(s.IndexOf('{') + 1, $"\"deep\": {nested},");
            case 11: // a very long string
                Replace(target, JsonValue.Create(new string('x', 1 + pick % 200_000) + "\u0007"));
                return root.ToJsonString();
            default:
                return root.ToJsonString();
        }
    }

    private static void Collect(JsonNode? node, List<JsonNode> into)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, v) in o) { if (v is not null) { into.Add(v); Collect(v, into); } }
                break;
            case JsonArray a:
                foreach (var v in a) { if (v is not null) { into.Add(v); Collect(v, into); } }
                break;
        }
    }

    private static void Replace(JsonNode target, JsonNode? with)
    {
        switch (target.Parent)
        {
            case JsonObject o: o[target.GetPropertyName()] = with; break;
            case JsonArray a: a[target.GetElementIndex()] = with; break;
        }
    }
}
