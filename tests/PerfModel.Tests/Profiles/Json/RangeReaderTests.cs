using System.Text.Json.Nodes;
using PerfModel.Descriptions;
using PerfModel.Profiles;
using PerfModel.Profiles.Json;

namespace PerfModel.Tests.Profiles.Json;

/// <summary>The optional <c>"range": [low, high]</c> of a quantity: kept in the value's provenance when valid; otherwise
/// every broken rule is reported with the file, the JSON path of the range (or of its item) and the rule.</summary>
public sealed class RangeReaderTests
{
    private const string OsFile = "data/os/mckernel-test.json";
    private const string PlatformFile = "data/platforms/knl-test.json";
    private const string Latency = "$.syscalls.offloadLatencySeconds";

    [Fact]
    public void A_valid_range_is_kept_in_the_provenance_of_the_value()
    {
        var os = ProfileJson.ParseOs(Mckernel(new JsonArray(4e-6, 12e-6)).ToJsonString(), OsFile);
        Assert.Equal(new ValueRange(4e-6, 12e-6), os.Provenance.ByPath[Latency].Range);
        Assert.StartsWith("estimate: ", os.Provenance.RecordedSource(Latency), StringComparison.Ordinal);
        // A value at an end of its range is inside it.
        var atEnd = ProfileJson.ParseOs(Mckernel(new JsonArray(8e-6, 12e-6)).ToJsonString(), OsFile);
        Assert.Equal(8e-6, atEnd.Provenance.ByPath[Latency].Range!.Low);
    }

    [Fact]
    public void A_quantity_without_a_range_has_none() =>
        Assert.Null(ProfileJson.ParseOs(Mckernel(null).ToJsonString(), OsFile).Provenance.ByPath[Latency].Range);

    [Theory]
    [InlineData("\"4e-6 to 12e-6\"", Latency + ".range", "must be a JSON array [low, high], found string")]
    [InlineData("{\"low\": 4e-6, \"high\": 12e-6}", Latency + ".range", "must be a JSON array [low, high], found object")]
    [InlineData("[]", Latency + ".range", "must hold exactly two numbers [low, high], found 0 item(s)")]
    [InlineData("[4e-6]", Latency + ".range", "must hold exactly two numbers [low, high], found 1 item(s)")]
    [InlineData("[4e-6, 8e-6, 12e-6]", Latency + ".range", "must hold exactly two numbers [low, high], found 3 item(s)")]
    [InlineData("[4e-6, \"12e-6\"]", Latency + ".range[1]", "must be a finite number, found string")]
    [InlineData("[null, 12e-6]", Latency + ".range[0]", "must be a finite number, found null")]
    [InlineData("[4e-6, 1e999]", Latency + ".range[1]", "must be a finite number, found 1e999")]
    [InlineData("[12e-6, 4e-6]", Latency + ".range", "low 1.2E-05 must be < high 4E-06")]
    [InlineData("[8e-6, 8e-6]", Latency + ".range", "low 8E-06 must be < high 8E-06")]
    [InlineData("[1e-6, 2e-6]", Latency + ".range", "value 8E-06 must lie within the range [1E-06, 2E-06]")]
    [InlineData("[9e-6, 12e-6]", Latency + ".range", "value 8E-06 must lie within the range [9E-06, 1.2E-05]")]
    public void A_bad_range_names_file_path_and_rule(string range, string path, string rule)
    {
        var json = Mckernel(null);
        json["syscalls"]!["offloadLatencySeconds"]!["range"] = JsonNode.Parse(range);
        var ex = Assert.Throws<ProfileValidationException>(() => ProfileJson.ParseOs(json.ToJsonString(), OsFile));
        var error = Assert.Single(ex.Errors);
        Assert.Equal((OsFile, path, rule), (error.File, error.JsonPath, error.Rule));
        Assert.Contains($"{OsFile}: {path}: {rule}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_whole_number_field_needs_whole_range_ends()
    {
        var json = JsonNode.Parse(Defaults.ReadEmbedded(Defaults.PlatformFile))!.AsObject();
        json["machineNodes"]!["range"] = new JsonArray(8000.5, 8300);
        var ex = Assert.Throws<ProfileValidationException>(() => ProfileJson.ParsePlatform(json.ToJsonString(), PlatformFile));
        var error = Assert.Single(ex.Errors);
        Assert.Equal(("$.machineNodes.range", "[8000.5, 8300] must hold whole numbers (the field is a whole number)"), (error.JsonPath, error.Rule));

        json["machineNodes"]!["range"] = new JsonArray(8000, 8300);
        var platform = ProfileJson.ParsePlatform(json.ToJsonString(), PlatformFile);
        Assert.Equal(new ValueRange(8000, 8300), platform.Provenance.ByPath["$.machineNodes"].Range);
    }

    [Fact]
    public void Every_bad_range_of_a_file_is_reported_at_once()
    {
        // Three broken ranges in different objects (one on a distribution parameter of the noise): all three are reported.
        var json = Mckernel(new JsonArray(1e-6, 2e-6));
        json["noise"]!["sources"]![0]!["duration"]!["sigma"]!["range"] = new JsonArray(1);
        json["placement"]!["hbmUsableFraction"]!["range"] = new JsonArray(1.0, 0.5);
        var ex = Assert.Throws<ProfileValidationException>(() => ProfileJson.ParseOs(json.ToJsonString(), OsFile));
        Assert.Equal(
            ["$.noise.sources[0].duration.sigma.range", "$.placement.hbmUsableFraction.range", Latency + ".range"],
            ex.Errors.Select(e => e.JsonPath).Order(StringComparer.Ordinal));
        Assert.All(ex.Errors, e => Assert.Equal(OsFile, e.File));
    }

    [Fact]
    public void A_range_is_only_known_on_numbers()
    {
        // Node lists and empirical distributions carry one provenance for many numbers: "range" is an unknown field there.
        var app = JsonNode.Parse(Defaults.ReadEmbedded("apps/minife.json"))!.AsObject();
        app["defaultNodes"]!["range"] = new JsonArray(1, 2);
        var ex = Assert.Throws<ProfileValidationException>(() => ProfileJson.ParseApp(app.ToJsonString(), "data/apps/minife-test.json"));
        Assert.Contains(ex.Errors, e => e.JsonPath == "$.defaultNodes.range" && e.Rule.StartsWith("unknown field", StringComparison.Ordinal));
    }

    /// <summary>The embedded mckernel profile with the offload latency's range replaced (null: no range).</summary>
    private static JsonObject Mckernel(JsonArray? range)
    {
        var json = JsonNode.Parse(Defaults.ReadEmbedded("os/mckernel.json"))!.AsObject();
        var latency = json["syscalls"]!["offloadLatencySeconds"]!.AsObject();
        // The cases were written around a value of 8 us (the fixed round trip the profile carried before the mechanism was
        // modelled); pinning it keeps them independent of the default.
        latency["value"] = 8e-6;
        latency.Remove("range");
        if (range is not null) latency["range"] = range;
        return json;
    }
}
