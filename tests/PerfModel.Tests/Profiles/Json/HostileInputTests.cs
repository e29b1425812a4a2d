using System.Text.Json.Nodes;
using PerfModel.Descriptions;
using PerfModel.Predictions;
using PerfModel.Profiles;
using PerfModel.Profiles.Files;
using PerfModel.Profiles.Json;
using PerfModel.Tests.Support;

namespace PerfModel.Tests.Profiles.Json;

/// <summary>The reproductions of the robustness issue for profile files, each now an error naming the file, the JSON path
/// and the rule, or a notice.</summary>
public sealed class HostileInputTests
{
    private static JsonNode Default(ProfileKind kind, string name) =>
        JsonNode.Parse(Defaults.ReadEmbedded(Defaults.FileOf(kind, name)), documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;

    private static ValidationError Single(Action parse)
    {
        var e = Assert.Throws<ProfileValidationException>(parse);
        return Assert.Single(e.Errors);
    }

    [Theory]
    [InlineData("tlbL2HitSeconds", 1e308, "a time")]
    [InlineData("frequencyHz", 1e-300, "a frequency")]
    [InlineData("cacheBytesPerCore", 5e-324, "a size")]
    public void PlatformValuesTheModelCannotRepresentAreRefused(string field, double value, string what)
    {
        var j = Default(ProfileKind.Platform, "");
        j[field]!["value"] = value;
        var err = Single(() => ProfileJson.ParsePlatform(j.ToJsonString(), "p.json"));
        Assert.Equal(("p.json", $"$.{field}.value"), (err.File, err.JsonPath));
        Assert.Contains(what + " the model can represent", err.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("iterations", 1e308)]
    [InlineData("computeSecondsPerIteration", 2147483648.0)]
    public void AppValuesTheModelCannotRepresentAreRefused(string field, double value)
    {
        var j = Default(ProfileKind.App, "minife");
        j[field]!["value"] = value;
        var err = Single(() => ProfileJson.ParseApp(j.ToJsonString(), "a.json"));
        Assert.Equal($"$.{field}.value", err.JsonPath);
    }

    [Fact]
    public void DuplicateKeysAreRefusedAtTheirPath()
    {
        var text = Defaults.ReadEmbedded("os/linux.json");
        var at = text.IndexOf("\"syscalls\": {", StringComparison.Ordinal) + "\"syscalls\": {".Length;
        text = text.Insert(at, "\"schedYieldIgnored\": true,");
        var err = Single(() => ProfileJson.ParseOs(text, "os.json"));
        Assert.Equal(("$.syscalls.schedYieldIgnored", "the field appears twice in this object; write each field once"), (err.JsonPath, err.Rule));
    }

    [Fact]
    public void ControlCharactersInNamesAreRefused()
    {
        var j = Default(ProfileKind.App, "minife");
        j["displayName"] = "Mini\u001b[31mFE";
        var err = Single(() => ProfileJson.ParseApp(j.ToJsonString(), "a.json"));
        Assert.Equal("$.displayName", err.JsonPath);
        Assert.Contains("U+001B", err.Rule, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', err.ToString());
    }

    [Theory]
    [InlineData("/dev/zero", "not a regular file")]
    [InlineData("/tmp", "is a directory")]
    public void SpecialFilesAreRefusedBeforeReading(string path, string rule)
    {
        if (!File.Exists(path) && !Directory.Exists(path)) return;
        var err = Single(() => ProfileFiles.LoadPlatform(path));
        Assert.Equal(path, err.File);
        Assert.Contains(rule, err.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void HugeAndInvalidUtf8FilesAreRefused()
    {
        using var dir = new TempDir();
        var big = dir.Sub("big.json");
        using (var f = File.Create(big)) f.SetLength(InputFile.MaxProfileBytes + 1);
        Assert.Contains("more than", Single(() => ProfileFiles.LoadPlatform(big)).Rule, StringComparison.Ordinal);
        var bad = dir.Sub("bad.json");
        File.WriteAllBytes(bad, [.. "{\n\"a\": \""u8, 0xFF, .. "\"}"u8]);
        var err = Single(() => ProfileFiles.LoadPlatform(bad));
        Assert.Equal(("line 2", true), (err.JsonPath, err.Rule.Contains("not valid UTF-8", StringComparison.Ordinal)));
        var bom = dir.Sub("bom.json");
        File.WriteAllBytes(bom, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(Defaults.ReadEmbedded(Defaults.PlatformFile).Replace("\n", "\r\n", StringComparison.Ordinal))]);
        Assert.Equal(Defaults.Platform().Name, ProfileFiles.LoadPlatform(bom).Name);
    }

    [Fact]
    public void AFileNamedLikeABuiltInReplacesItWithANotice()
    {
        using var dir = new TempDir();
        var file = dir.Sub("lammps.json");
        File.WriteAllText(file, Defaults.ReadEmbedded("apps/lammps.json"));
        var notices = new List<string>();
        _ = StudyFiles.LoadWithNotices(null, [], [file], notices);
        Assert.Equal($"{file} replaces the built-in application 'lammps'", Assert.Single(notices));
    }

    [Fact]
    public void APredictionThatCannotBeRepresentedNamesTheScenario()
    {
        var study = Defaults.Study();
        var app = study.App["minife"] with { ComputePerIteration = Units.TimeInterval.FromSeconds(1e6) };
        var e = Assert.Throws<UnrepresentablePredictionException>(() => study.Predict(app, study.Os["linux"], 1));
        Assert.StartsWith("cannot predict minife on linux at 1 node: ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", e.Message, StringComparison.Ordinal);
    }
}
