using System.Text.Json.Nodes;
using Json.Schema;
using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Profiles;
using PerfModel.Profiles.Json;
using PerfModel.Profiles.Schema;

namespace PerfModel.Tests.Profiles.Json;

/// <summary>The optional noise fields of an OS profile: a source's <c>"arrival"</c> (poisson when left out, or periodic)
/// and the profile's <c>"nodeClasses"</c> (none when left out), read, written back, described by the JSON Schema, and
/// their errors named by file, JSON path and rule.</summary>
public sealed class NoiseJsonTests
{
    private const string File = "data/os/noisy-test.json";
    private const string Src = "test: noise class";

    private static JsonObject Q(double value) => new() { ["value"] = value, ["source"] = Src };

    /// <summary>The hand-typed Linux profile (two Poisson sources of fixed durations, tests/…/hand-typed-linux.json) as the
    /// writer writes it, to edit.</summary>
    private static JsonObject Linux() => JsonNode.Parse(ProfileJsonWriter.Write(HandTypedLinux()))!.AsObject();

    private static OsProfile HandTypedLinux() => ProfileJson.ParseOs(System.IO.File.ReadAllText(Support.HandTypedDefaults.File("linux")), Support.HandTypedDefaults.File("linux"));

    private static JsonObject Noise(JsonObject os) => os["noise"]!.AsObject();

    private static JsonObject Class(double share, bool coScheduled, params JsonObject[] sources) => new()
    {
        ["share"] = Q(share),
        ["noise"] = new JsonObject { ["coScheduled"] = coScheduled, ["sources"] = new JsonArray([.. sources]) },
    };

    private static JsonObject FixedSource(string name, double rate, double seconds, string? arrival = null)
    {
        var s = new JsonObject { ["name"] = name };
        if (arrival is not null) s["arrival"] = arrival;
        s["ratePerSecond"] = Q(rate);
        s["durationSeconds"] = Q(seconds);
        return s;
    }

    private static ValidationError SingleError(JsonObject os)
    {
        var e = Assert.Throws<ProfileValidationException>(() => ProfileJson.ParseOs(os.ToJsonString(), File));
        var error = Assert.Single(e.Errors);
        Assert.Equal(File, error.File);
        return error;
    }

    // ---- arrival --------------------------------------------------------------------------------------------------

    [Fact]
    public void ArrivalLeftOutIsPoisson() =>
        Assert.All(ProfileJson.ParseOs(Linux().ToJsonString(), File).Noise.Sources, s => Assert.Equal(NoiseArrival.Poisson, s.Arrival));

    [Theory]
    [InlineData("periodic", NoiseArrival.Periodic)]
    [InlineData("poisson", NoiseArrival.Poisson)]
    public void ArrivalIsRead(string text, NoiseArrival arrival)
    {
        var j = Linux();
        Noise(j)["sources"]![0]!["arrival"] = text;
        var os = ProfileJson.ParseOs(j.ToJsonString(), File);
        Assert.Equal(arrival, os.Noise.Sources[0].Arrival);
        Assert.Equal(NoiseArrival.Poisson, os.Noise.Sources[1].Arrival);
    }

    [Theory]
    [InlineData("trace")]
    [InlineData("Periodic")]
    [InlineData("regular")]
    public void OtherArrivalsAreRejected(string text)
    {
        var j = Linux();
        Noise(j)["sources"]![1]!["arrival"] = text;
        var error = SingleError(j);
        Assert.Equal("$.noise.sources[1].arrival", error.JsonPath);
        Assert.Equal($"'{text}' is not one of: poisson, periodic", error.Rule);
    }

    [Fact]
    public void ArrivalMustBeAString()
    {
        var j = Linux();
        Noise(j)["sources"]![0]!["arrival"] = 1;
        var error = SingleError(j);
        Assert.Equal("$.noise.sources[0].arrival", error.JsonPath);
        Assert.Equal("must be a JSON string, found number", error.Rule);
    }

    [Fact]
    public void APeriodicSourceNeedsDetoursShorterThanItsPeriod()
    {
        var j = Linux();
        var s = Noise(j)["sources"]![0]!.AsObject();
        s["arrival"] = "periodic";
        s.Remove("durationSeconds");
        s["duration"] = new JsonObject { ["distribution"] = "exponential", ["meanSeconds"] = Q(7.3e-6) };
        var error = SingleError(j);
        Assert.Equal("$.noise.sources[0].duration", error.JsonPath);
        Assert.Contains("a periodic detour must end before the next starts", error.Rule, StringComparison.Ordinal);
    }

    // ---- node classes ---------------------------------------------------------------------------------------------

    [Fact]
    public void NodeClassesAreRead()
    {
        var j = Linux();
        Noise(j)["nodeClasses"] = new JsonArray(
            Class(0.01, false, FixedSource("daemon", 1, 0.01)),
            Class(0.5, true, FixedSource("tick", 1000, 2e-6, "periodic")));
        var os = ProfileJson.ParseOs(j.ToJsonString(), File);
        var classes = os.Noise.NodeClasses;
        Assert.Equal([0.01, 0.5], classes.Select(c => c.Share));
        Assert.Equal(new NoiseProfile([new NoiseSource("daemon", EventRate.FromPerSecond(1), TimeInterval.FromSeconds(0.01))]), classes[0].Noise);
        Assert.True(classes[1].Noise.CoScheduled);
        Assert.Equal(NoiseArrival.Periodic, classes[1].Noise.Sources[0].Arrival);
        Assert.Equal(HandTypedLinux().Noise.Sources.ToArray(), os.Noise.Sources.ToArray());
        Assert.Equal(Src, os.Provenance.RecordedSource("$.noise.nodeClasses[0].share"));
        Assert.Equal(Src, os.Provenance.RecordedSource("$.noise.nodeClasses[1].noise.sources[0].ratePerSecond"));
    }

    [Fact]
    public void AnEmptyListOfNodeClassesIsNoClasses()
    {
        var j = Linux();
        Noise(j)["nodeClasses"] = new JsonArray();
        Assert.Empty(ProfileJson.ParseOs(j.ToJsonString(), File).Noise.NodeClasses);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    public void AShareOutsideZeroToOneIsAnErrorAtItsPath(double share)
    {
        var j = Linux();
        Noise(j)["nodeClasses"] = new JsonArray(Class(0.1, false), Class(share, false));
        var error = SingleError(j);
        Assert.Equal("$.noise.nodeClasses[1].share", error.JsonPath);
        Assert.EndsWith("must be in (0, 1]", error.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void SharesAddingUpToMoreThanOneAreAnError()
    {
        var j = Linux();
        Noise(j)["nodeClasses"] = new JsonArray(Class(0.6, false), Class(0.5, false));
        var error = SingleError(j);
        Assert.Equal("$.noise.nodeClasses", error.JsonPath);
        Assert.Equal("value 1.1 the shares of the node classes must add up to at most 1", error.Rule);
    }

    [Fact]
    public void ABareShareHasNoProvenance()
    {
        var j = Linux();
        var c = Class(0.1, false);
        c["share"] = 0.1;
        Noise(j)["nodeClasses"] = new JsonArray(c);
        var e = Assert.Throws<ProfileValidationException>(() => ProfileJson.ParseOs(j.ToJsonString(), File));
        Assert.All(e.Errors, x => Assert.Equal((File, "$.noise.nodeClasses[0].share"), (x.File, x.JsonPath)));
        Assert.Contains(e.Errors, x => x.Rule.StartsWith("a bare number has no provenance", StringComparison.Ordinal));
    }

    [Fact]
    public void AClassNeedsItsNoiseAndCannotNestClasses()
    {
        var j = Linux();
        var nested = Class(0.1, false);
        nested["noise"]!["nodeClasses"] = new JsonArray(Class(0.5, false));
        Noise(j)["nodeClasses"] = new JsonArray(new JsonObject { ["share"] = Q(0.1) }, nested);
        var e = Assert.Throws<ProfileValidationException>(() => ProfileJson.ParseOs(j.ToJsonString(), File));
        Assert.Equal(["$.noise.nodeClasses[0].noise", "$.noise.nodeClasses[1].noise.nodeClasses"], e.Errors.Select(x => x.JsonPath));
        Assert.Equal("required field is missing", e.Errors[0].Rule);
        Assert.Equal("unknown field; expected one of: coScheduled, sources", e.Errors[1].Rule);
    }

    [Fact]
    public void NodeClassesMustBeAnArrayOfObjects()
    {
        var j = Linux();
        Noise(j)["nodeClasses"] = new JsonObject();
        Assert.Equal(("$.noise.nodeClasses", "must be a JSON array, found object"), (SingleError(j).JsonPath, SingleError(j).Rule));
        Noise(j)["nodeClasses"] = new JsonArray(1);
        Assert.Equal(("$.noise.nodeClasses[0]", "must be a JSON object, found number"), (SingleError(j).JsonPath, SingleError(j).Rule));
    }

    // ---- writing --------------------------------------------------------------------------------------------------

    [Fact]
    public void ArrivalAndNodeClassesRoundTripThroughTheWriter()
    {
        var linux = HandTypedLinux();
        var os = linux with
        {
            Noise = new NoiseProfile(
            [
                new NoiseSource("tick", EventRate.FromPerSecond(250), new FixedDuration(TimeInterval.FromSeconds(3e-6)), NoiseArrival.Periodic),
                linux.Noise.Sources[1],
            ])
            {
                NodeClasses =
                [
                    new NodeNoiseClass(0.02, new NoiseProfile([new NoiseSource("bad", EventRate.FromPerSecond(1), new ExponentialDuration(TimeInterval.FromSeconds(1e-3)))], coScheduled: true)),
                    new NodeNoiseClass(0.1 + 0.2, NoiseProfile.None),
                ],
            },
        };
        var text = ProfileJsonWriter.Write(os);
        Assert.Contains("\"arrival\": \"periodic\"", text, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "\"arrival\""));   // the Poisson sources leave it out
        var back = ProfileJson.ParseOs(text, "written");
        Assert.Equal(os.Noise, back.Noise);
        Assert.Equal(0.1 + 0.2, back.Noise.NodeClasses[1].Share);                          // bit for bit
        Assert.Equal("what-if, set in code", back.Provenance.RecordedSource("$.noise.nodeClasses[0].share"));
        // Written again from what was read: the same text.
        Assert.Equal(text, ProfileJsonWriter.Write(back));
        // The provenance of a share read from a file is written back with it.
        var j = Linux();
        Noise(j)["nodeClasses"] = new JsonArray(Class(0.01, false, FixedSource("daemon", 1, 0.01)));
        var read = ProfileJson.ParseOs(j.ToJsonString(), File);
        Assert.Equal(Src, ProfileJson.ParseOs(ProfileJsonWriter.Write(read), "again").Provenance.RecordedSource("$.noise.nodeClasses[0].share"));
    }

    [Fact]
    public void ProfilesWithoutTheNewFieldsAreWrittenAsBefore()
    {
        foreach (var name in Defaults.OsNames)
        {
            var text = ProfileJsonWriter.Write(Defaults.Os(name));
            Assert.DoesNotContain("\"arrival\"", text, StringComparison.Ordinal);
            // Linux's defaults have a class of noisy cores (docs/sources.md#os-noise-noisy-core), which writes its scope;
            // the LWKs have no class, so no nodeClasses.
            if (name == "linux") Assert.Contains("\"scope\": \"core\"", text, StringComparison.Ordinal);
            else Assert.DoesNotContain("\"nodeClasses\"", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ATraceSourceCannotBeWritten()
    {
        var trace = new DetourTrace([0.0], [1e-5], TimeInterval.FromSeconds(0.1));
        var os = Defaults.Os("linux") with { Noise = new NoiseProfile([NoiseSource.FromTrace("kvm", trace)]) };
        var e = Assert.Throws<ArgumentException>(() => ProfileJsonWriter.Write(os));
        Assert.StartsWith("$.noise.sources[0].arrival: 'trace' cannot be written to a profile file, whose arrival is one of: poisson, periodic", e.Message, StringComparison.Ordinal);
    }

    // ---- paths, differences, parameters ---------------------------------------------------------------------------

    [Theory]
    [InlineData("Noise.Sources[0].Arrival", "$.noise.sources[0].arrival")]
    [InlineData("Noise.NodeClasses", "$.noise.nodeClasses")]
    [InlineData("Noise.NodeClasses[1].Share", "$.noise.nodeClasses[1].share")]
    [InlineData("Noise.NodeClasses[0].Noise.Sources[2].Rate", "$.noise.nodeClasses[0].noise.sources[2].ratePerSecond")]
    [InlineData("Noise.NodeClasses[0].Noise.CoScheduled", "$.noise.nodeClasses[0].noise.coScheduled")]
    public void JsonPathsOfTheNewFields(string property, string path) => Assert.Equal(path, ProfileSchema.JsonPath(ProfileSchema.Os, property));

    [Fact]
    public void DifferencesListAChangedArrival()
    {
        var linux = HandTypedLinux();
        var periodic = linux with { Noise = linux.Noise with { Sources = [linux.Noise.Sources[0] with { Arrival = NoiseArrival.Periodic }, linux.Noise.Sources[1]] } };
        var d = Assert.Single(ProfilePaths.Differences(linux, periodic));
        Assert.Equal(("$.noise.sources[0].arrival", (object?)NoiseArrival.Poisson, (object?)NoiseArrival.Periodic), (d.Path, d.Baseline, d.Changed));
    }

    [Fact]
    public void ParametersInsideNodeClassesCanBeSet()
    {
        var linux = Defaults.Os("linux");
        var os = linux with
        {
            Noise = new NoiseProfile([new NoiseSource("tick", EventRate.FromPerSecond(250), TimeInterval.FromSeconds(3e-6)) { Arrival = NoiseArrival.Periodic }])
            {
                NodeClasses = [new NodeNoiseClass(0.01, new NoiseProfile([new NoiseSource("bad", EventRate.FromPerSecond(1), TimeInterval.FromSeconds(1e-3))]))],
            },
        };
        var study = Defaults.Study().With(os);
        var share = ProfileParameters.With(study, new ProfileParameter(ProfileKind.Os, "linux", "Noise.NodeClasses[0].Share"), 0.02).Os["linux"].Noise;
        Assert.Equal(0.02, share.NodeClasses[0].Share);
        Assert.Equal(NoiseArrival.Periodic, share.Sources[0].Arrival);
        var rate = ProfileParameters.With(study, new ProfileParameter(ProfileKind.Os, "linux", "Noise.Sources[0].Rate"), 100).Os["linux"].Noise;
        Assert.Equal(NoiseArrival.Periodic, rate.Sources[0].Arrival);      // the rebuilt source keeps its arrival
        Assert.Equal(os.Noise.NodeClasses.ToArray(), rate.NodeClasses.ToArray());              // and the profile its node classes
        Assert.Equal(1e-3, ProfileParameters.Get(study, new ProfileParameter(ProfileKind.Os, "linux", "Noise.NodeClasses[0].Noise.Sources[0].Duration")));
    }

    // ---- the JSON Schema ------------------------------------------------------------------------------------------

    [Fact]
    public void TheSchemaDocumentsArrivalAndNodeClasses()
    {
        var schema = JsonNode.Parse(JsonSchemaDocument.Generate(ProfileKind.Os))!;
        var source = schema["$defs"]!["noiseSource"]!;
        Assert.Equal(["poisson", "periodic"], source["properties"]!["arrival"]!["enum"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("poisson", (string?)source["properties"]!["arrival"]!["default"]);
        Assert.DoesNotContain("arrival", source["required"]!.AsArray().Select(n => (string?)n));
        var noise = schema["$defs"]!["noiseProfile"]!;
        Assert.Equal("#/$defs/nodeNoiseClass", (string?)noise["properties"]!["nodeClasses"]!["items"]!["$ref"]);
        Assert.Equal(["coScheduled", "sources"], noise["required"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(["share", "noise"], schema["$defs"]!["nodeNoiseClass"]!["required"]!.AsArray().Select(n => (string?)n));
        Assert.Null(schema["$defs"]!["nodeClassNoise"]!["properties"]!["nodeClasses"]);
    }

    [Theory]
    [InlineData("valid", true)]
    [InlineData("trace-arrival", false)]
    [InlineData("nested-classes", false)]
    [InlineData("bare-share", false)]
    public void TheSchemaChecksTheNewFields(string edit, bool valid)
    {
        var j = Linux();
        j["$schema"] = "../schemas/os.schema.json";
        Noise(j)["sources"]![0]!["arrival"] = "periodic";
        var c = Class(0.01, false, FixedSource("daemon", 1, 0.01, "poisson"));
        Noise(j)["nodeClasses"] = new JsonArray(c);
        switch (edit)
        {
            case "trace-arrival": Noise(j)["sources"]![1]!["arrival"] = "trace"; break;
            case "nested-classes": c["noise"]!["nodeClasses"] = new JsonArray(); break;
            case "bare-share": c["share"] = 0.01; break;
        }
        var schema = JsonSchema.FromText(JsonSchemaDocument.Generate(ProfileKind.Os));
        Assert.Equal(valid, schema.Evaluate(j).IsValid);
        if (valid) Assert.Single(ProfileJson.ParseOs(j.ToJsonString(), File).Noise.NodeClasses);
    }
}
