using System.Text.Json.Nodes;
using PerfModel.Descriptions;
using PerfModel.Profiles.Json;
using static PerfModel.Tests.Support.TestProfiles;

namespace PerfModel.Tests.Profiles.Json;

/// <summary>The JSON reader: valid documents give the in-code test profiles back, and every rule is reported as a
/// <see cref="ValidationError"/> naming the file and the JSON path. Structural errors (JSON types, missing and unknown
/// fields, provenance) are reported for all fields at once; each JSON object is then built through its record, which
/// reports the first rule it breaks.</summary>
public sealed class LoaderTests
{
    private const string PlatformFile = "data/platforms/knl-test.json";
    private const string OsFile = "data/os/lwk-test.json";
    private const string AppFile = "data/apps/stencil-test.json";
    private const string Source = "test: KNL-like value";

    // ---- valid documents ------------------------------------------------------------------------------------------

    [Fact]
    public void ValidPlatformParses()
    {
        var p = ProfileJson.ParsePlatform(PlatformJson().ToJsonString(), PlatformFile);
        Assert.Equal(Knl with { Provenance = p.Provenance, MemoryTiers = p.MemoryTiers, Tlb = p.Tlb }, p);
        Assert.Equal(Knl.MemoryTiers, p.MemoryTiers.AsEnumerable());
        Assert.Equal(Knl.Tlb, p.Tlb.AsEnumerable());
        Assert.Equal(Source, p.Provenance.RecordedSource("$.coresPerNode"));
        Assert.Equal(Source, p.Provenance.RecordedSource("$.memoryTiers[1].capacityBytes"));
    }

    [Fact]
    public void EstimateIsRecordedAsProvenance()
    {
        var j = PlatformJson();
        j["frequencyHz"] = new JsonObject { ["value"] = 1.4e9, ["estimate"] = "nominal clock" };
        var p = ProfileJson.ParsePlatform(j.ToJsonString(), PlatformFile);
        Assert.Equal("estimate: nominal clock", p.Provenance.RecordedSource("$.frequencyHz"));
    }

    [Fact]
    public void ValidOsParses()
    {
        var os = ProfileJson.ParseOs(OsJson().ToJsonString(), OsFile);
        Assert.Equal(LwkLike with { Provenance = os.Provenance, Noise = os.Noise }, os);
        Assert.Empty(os.Noise.Sources);

        var linux = ProfileJson.ParseOs(OsJson(LinuxLike).ToJsonString(), OsFile);
        Assert.Equal(LinuxLike.Noise.Sources, linux.Noise.Sources.AsEnumerable());
        Assert.Equal(LinuxLike with { Provenance = linux.Provenance, Noise = linux.Noise }, linux);
    }

    [Fact]
    public void ValidAppParses()
    {
        var app = ProfileJson.ParseApp(AppJson().ToJsonString(), AppFile);
        Assert.Equal(Stencil with { Provenance = app.Provenance, Collectives = app.Collectives, DefaultNodes = app.DefaultNodes }, app);
        Assert.Equal(Stencil.Collectives, app.Collectives.AsEnumerable());
        Assert.Equal(Stencil.DefaultNodes, app.DefaultNodes.AsEnumerable());
    }

    // ---- one test per rule ----------------------------------------------------------------------------------------

    [Fact]
    public void BareNumberHasNoProvenance()
    {
        var j = PlatformJson();
        j["coresPerNode"] = 68;
        AssertPlatformRejected(j, "$.coresPerNode", "bare number has no provenance");
    }

    [Fact]
    public void SourceAndEstimateTogetherAreRejected()
    {
        var j = PlatformJson();
        j["coresPerNode"]!["estimate"] = "a guess";
        AssertPlatformRejected(j, "$.coresPerNode", "exactly one of");
    }

    [Fact]
    public void MissingProvenanceIsRejected()
    {
        var j = PlatformJson();
        j["coresPerNode"]!.AsObject().Remove("source");
        AssertPlatformRejected(j, "$.coresPerNode", "exactly one of");
    }

    [Fact]
    public void MissingRequiredFieldIsRejected()
    {
        var j = PlatformJson();
        j.Remove("frequencyHz");
        AssertPlatformRejected(j, "$.frequencyHz", "required field is missing");
    }

    [Fact]
    public void UnknownFieldIsRejectedWithTheExpectedNames()
    {
        var j = PlatformJson();
        var value = j["cacheBytesPerCore"]!;
        j.Remove("cacheBytesPerCore");
        j["cacheBytesPerCor"] = value; // typo
        var errors = AssertPlatformRejected(j, "$.cacheBytesPerCor", "unknown field");
        Assert.Contains(errors, e => e.JsonPath == "$.cacheBytesPerCor" && e.Rule.Contains("cacheBytesPerCore", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.JsonPath == "$.cacheBytesPerCore" && e.Rule.Contains("required field is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void StringWhereANumberBelongsIsRejected()
    {
        var j = PlatformJson();
        j["coresPerNode"]!["value"] = "68";
        AssertPlatformRejected(j, "$.coresPerNode.value", "must be a JSON number, found string");
    }

    [Fact]
    public void NegativeCapacityIsRejected()
    {
        var j = PlatformJson();
        j["memoryTiers"]![1]!["capacityBytes"]!["value"] = -1.0;
        AssertPlatformRejected(j, "$.memoryTiers[1].capacityBytes", "value -1 B must be > 0");
    }

    [Fact]
    public void PageSizeMustBeAPowerOfTwo()
    {
        var j = PlatformJson();
        j["tlb"]![2]!["pageSizeBytes"]!["value"] = 3e6;
        AssertPlatformRejected(j, "$.tlb[2].pageSizeBytes", "must be a power of two");
    }

    [Fact]
    public void AppAndOsCoresMustFitTheNode()
    {
        var j = PlatformJson();
        j["osCoresPerNode"]!["value"] = 8; // 64 + 8 > 68
        AssertPlatformRejected(j, "$.appCoresPerNode", "must not exceed coresPerNode");
    }

    [Fact]
    public void UnsupportedSchemaVersionIsRejected()
    {
        var j = PlatformJson();
        j["schemaVersion"] = 2;
        AssertPlatformRejected(j, "$.schemaVersion", "not supported");
    }

    [Fact]
    public void InvalidJsonReportsTheLine()
    {
        // The missing comma after line 3 is detected at the next token, on line 4.
        const string json = "{\n  \"schemaVersion\": 1,\n  \"name\": \"knl-test\"\n  \"coresPerNode\": {\"value\": 68, \"source\": \"x\"}\n}\n";
        var ex = Assert.Throws<ProfileValidationException>(() => ProfileJson.ParsePlatform(json, PlatformFile));
        var error = Assert.Single(ex.Errors);
        Assert.Equal(PlatformFile, error.File);
        Assert.Contains("line 4", error.JsonPath, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", error.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void EnumValueMustBeOneOfTheAllowedNames()
    {
        var j = PlatformJson();
        j["memoryTiers"]![0]!["kind"] = "mcdram";
        var errors = AssertPlatformRejected(j, "$.memoryTiers[0].kind", "'mcdram' is not one of");
        var rule = errors.First(e => e.JsonPath == "$.memoryTiers[0].kind").Rule;
        Assert.Contains("hbm", rule, StringComparison.Ordinal);
        Assert.Contains("ddr", rule, StringComparison.Ordinal);
    }

    [Fact]
    public void OsZeroedBytesMustNotExceedTheGrowthStep()
    {
        var j = OsJson();
        j["brk"]!["zeroBytesPerGrowthStep"]!["value"] = 4 * MiB; // > 2 MiB step
        AssertRejected(() => ProfileJson.ParseOs(j.ToJsonString(), OsFile), OsFile, "$.brk.zeroBytesPerGrowthStep", "must not exceed growthStepBytes");
    }

    [Fact]
    public void AppHeapAndMappingFractionsMustNotExceedOne()
    {
        var j = AppJson();
        j["heapFraction"]!["value"] = 0.6;
        j["mappingFraction"]!["value"] = 0.6;
        AssertRejected(() => ProfileJson.ParseApp(j.ToJsonString(), AppFile), AppFile, "$.mappingFraction", "must not exceed 1");
    }

    [Fact]
    public void AppDefaultNodesMustBePositive()
    {
        var j = AppJson();
        j["defaultNodes"]!["values"] = new JsonArray(1, 0, 8);
        AssertRejected(() => ProfileJson.ParseApp(j.ToJsonString(), AppFile), AppFile, "$.defaultNodes.values[1]", "must be >= 1");
    }

    [Fact]
    public void EveryErrorCarriesTheFileName()
    {
        // Several structural errors at once (bare number, missing field, unknown field, bad enum): all are reported, each
        // tagged with the file name given to the parser, and the message names the file too.
        var j = PlatformJson();
        j["coresPerNode"] = 68;
        j.Remove("machineNodes");
        j["colour"] = "blue";
        j["memoryTiers"]![0]!["kind"] = "fast";
        var ex = Assert.Throws<ProfileValidationException>(() => ProfileJson.ParsePlatform(j.ToJsonString(), PlatformFile));
        Assert.True(ex.Errors.Count >= 4, string.Join(Environment.NewLine, ex.Errors));
        Assert.All(ex.Errors, e => Assert.Equal(PlatformFile, e.File));
        Assert.Contains(PlatformFile, ex.Message, StringComparison.Ordinal);

        // Semantic errors (rules the records check when they are made) carry it as well: one per broken object, here the
        // heap and the halo of an application.
        var app = AppJson();
        app["heap"]!["touchedFraction"]!["value"] = 2.0;
        app["halo"]!["neighbours"]!["value"] = 27.0;
        var appEx = Assert.Throws<ProfileValidationException>(() => ProfileJson.ParseApp(app.ToJsonString(), AppFile));
        Assert.Equal(["$.heap.touchedFraction", "$.halo.neighbours"], appEx.Errors.Select(e => e.JsonPath));
        Assert.All(appEx.Errors, e => Assert.Equal(AppFile, e.File));
    }

    [Fact]
    public void An_object_reports_the_first_rule_it_breaks()
    {
        // Both fields of the application object break a rule; the object is built through AppProfile, which stops at the
        // first one (iterations is set before heapFraction), so the file gets one error for this object.
        var app = AppJson();
        app["heapFraction"]!["value"] = 2.0;
        app["iterations"]!["value"] = 0.0;
        var errors = AssertRejected(() => ProfileJson.ParseApp(app.ToJsonString(), AppFile), AppFile, "$.iterations", "must be a finite number > 0");
        Assert.Single(errors);
    }

    [Fact]
    public void The_placement_fields_name_their_path_and_rule_when_wrong()
    {
        // A per-domain bandwidth given for one direction only: the tier needs both (or neither).
        var one = PlatformJson();
        one["memoryTiers"]![1]!["domainLocalBandwidthBytesPerSecond"] = Q(20.8e9);
        AssertPlatformRejected(one, "$.memoryTiers[1].domainRemoteBandwidthBytesPerSecond", "must both be 0 (not measured) or both > 0");
        // Both given: read as the measured numbers.
        var both = PlatformJson();
        both["memoryTiers"]![1]!["domainLocalBandwidthBytesPerSecond"] = Q(20.8e9);
        both["memoryTiers"]![1]!["domainRemoteBandwidthBytesPerSecond"] = Q(19.1e9);
        both["cacheWays"] = Q(16);
        both["coresPerCache"] = Q(2);
        var platform = ProfileJson.ParsePlatform(both.ToJsonString(), PlatformFile);
        Assert.Equal(19.1e9, platform.Ddr.DomainRemoteBandwidth.BytesPerSecond);
        Assert.Equal((16, 2), (platform.CacheWays, platform.CoresPerCache));
        // A remote share above 1 and a negative cache-blocked share.
        var os = OsJson();
        os["placement"]!["remoteFraction"] = Q(1.5);
        AssertRejected(() => ProfileJson.ParseOs(os.ToJsonString(), OsFile), OsFile, "$.placement.remoteFraction", "must be in [0, 1]");
        var app = AppJson();
        app["cacheBlockedShare"] = Q(-0.1);
        AssertRejected(() => ProfileJson.ParseApp(app.ToJsonString(), AppFile), AppFile, "$.cacheBlockedShare", ">= 0");
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static IReadOnlyList<ValidationError> AssertPlatformRejected(JsonObject json, string path, string fragment) =>
        AssertRejected(() => ProfileJson.ParsePlatform(json.ToJsonString(), PlatformFile), PlatformFile, path, fragment);

    private static IReadOnlyList<ValidationError> AssertRejected(Func<object> parse, string file, string path, string fragment)
    {
        var ex = Assert.Throws<ProfileValidationException>(parse);
        var all = string.Join(Environment.NewLine, ex.Errors);
        Assert.True(ex.Errors.Any(e => e.JsonPath == path && e.Rule.Contains(fragment, StringComparison.Ordinal)),
            $"no error at {path} containing \"{fragment}\"; errors were:{Environment.NewLine}{all}");
        Assert.All(ex.Errors, e => Assert.Equal(file, e.File));
        return ex.Errors;
    }

    private static JsonObject Q(double value) => new() { ["value"] = value, ["source"] = Source };

    private static JsonObject PlatformJson()
    {
        var p = Knl;
        var tiers = new JsonArray();
        foreach (var t in p.MemoryTiers)
            tiers.Add(new JsonObject
            {
                ["name"] = t.Name,
                ["kind"] = t.Kind == MemoryKind.Hbm ? "hbm" : "ddr",
                ["capacityBytes"] = Q(t.Capacity.Bytes),
                ["bandwidthBytesPerSecond"] = Q(t.Bandwidth.BytesPerSecond),
                ["numaDomains"] = Q(t.NumaDomains),
            });
        var tlb = new JsonArray();
        foreach (var t in p.Tlb)
            tlb.Add(new JsonObject { ["level"] = Q(t.Level), ["pageSizeBytes"] = Q(t.PageSize.Bytes), ["entries"] = Q(t.Entries) });
        var k = p.Kernel;
        var n = p.Network;
        return new JsonObject
        {
            ["schemaVersion"] = 1,
            ["description"] = "test platform",
            ["name"] = p.Name,
            ["coresPerNode"] = Q(p.CoresPerNode),
            ["appCoresPerNode"] = Q(p.AppCoresPerNode),
            ["osCoresPerNode"] = Q(p.OsCoresPerNode),
            ["frequencyHz"] = Q(p.ClockFrequency.Hertz),
            ["memoryTiers"] = tiers,
            ["tlb"] = tlb,
            ["tlbL2HitSeconds"] = Q(p.TlbL2Hit.Seconds),
            ["pageWalkCachedSeconds"] = Q(p.PageWalkCached.Seconds),
            ["pageWalkMemorySeconds"] = Q(p.PageWalkMemory.Seconds),
            ["cacheBytesPerCore"] = Q(p.CachePerCore.Bytes),
            ["kernel"] = new JsonObject
            {
                ["syscallSeconds"] = Q(k.Syscall.Seconds),
                ["crossCoreInterruptSeconds"] = Q(k.CrossCoreInterrupt.Seconds),
                ["wakeupSeconds"] = Q(k.Wakeup.Seconds),
                ["schedYieldSeconds"] = Q(k.SchedYield.Seconds),
                ["pageFault4KSeconds"] = Q(k.PageFault4K.Seconds),
                ["pageFault2MSeconds"] = Q(k.PageFault2M.Seconds),
                ["zeroingBytesPerSecondPerCore"] = Q(k.ZeroingBandwidthPerCore.BytesPerSecond),
                ["faultContentionPerRank"] = Q(k.FaultContentionPerRank),
            },
            ["network"] = new JsonObject
            {
                ["latencySeconds"] = Q(n.Latency.Seconds),
                ["overheadSeconds"] = Q(n.Overhead.Seconds),
                ["gapPerByteSeconds"] = Q(n.GapPerByte.Seconds),
                ["intraNodeLatencySeconds"] = Q(n.IntraNodeLatency.Seconds),
                ["intraNodeGapPerByteSeconds"] = Q(n.IntraNodeGapPerByte.Seconds),
                ["reduceSecondsPerByte"] = Q(n.ReducePerByte.Seconds),
            },
            ["machineNodes"] = Q(p.MachineNodes),
        };
    }

    private static JsonObject OsJson(OsProfile? profile = null)
    {
        var os = profile ?? LwkLike;
        var sources = new JsonArray();
        foreach (var s in os.Noise.Sources)
            sources.Add(new JsonObject { ["name"] = s.Name, ["ratePerSecond"] = Q(s.Rate.PerSecond), ["durationSeconds"] = Q(s.Duration.MeanSeconds) });
        return new JsonObject
        {
            ["schemaVersion"] = 1,
            ["name"] = os.Name,
            ["displayName"] = os.DisplayName,
            ["lightweightKernel"] = os.IsLightweightKernel,
            ["noise"] = new JsonObject { ["sources"] = sources, ["coScheduled"] = os.Noise.CoScheduled },
            ["brk"] = new JsonObject
            {
                ["alignmentBytes"] = Q(os.Brk.Alignment.Bytes),
                ["growthStepBytes"] = Q(os.Brk.GrowthStep.Bytes),
                ["shrinkReturnsMemory"] = os.Brk.ShrinkReturnsMemory,
                ["prefaultAtBrk"] = os.Brk.PrefaultAtBrk,
                ["zeroBytesPerGrowthStep"] = Q(os.Brk.ZeroPerGrowthStep.Bytes),
                ["pageBytes"] = Q(os.Brk.Page.Bytes),
                ["transparentHugePages"] = os.Brk.TransparentHugePages,
            },
            ["pages"] = new JsonObject
            {
                ["mappingPageBytes"] = Q(os.Pages.MappingPage.Bytes),
                ["mappingLargePageFraction"] = Q(os.Pages.MappingLargePageFraction),
                ["staticPageBytes"] = Q(os.Pages.StaticPage.Bytes),
                ["prefaultMappings"] = os.Pages.PrefaultMappings,
            },
            ["placement"] = new JsonObject
            {
                ["policy"] = os.Placement.Policy switch
                {
                    PlacementPolicy.HbmIfFitsElseDdr => "hbm-if-fits-else-ddr",
                    PlacementPolicy.DdrOnly => "ddr-only",
                    PlacementPolicy.PerRankSplit => "per-rank-split",
                    _ => "demand-paging-fallback",
                },
                ["hbmUsableFraction"] = Q(os.Placement.HbmUsableFraction),
                ["spillPenalty"] = Q(os.Placement.SpillPenalty),
            },
            ["syscalls"] = new JsonObject
            {
                ["deviceCallsOffloaded"] = os.Syscalls.DeviceCallsOffloaded,
                ["offloadLatencySeconds"] = Q(os.Syscalls.OffloadLatency.Seconds),
                ["schedYieldIgnored"] = os.Syscalls.SchedYieldIgnored,
                ["sharedMemoryPremapped"] = os.Syscalls.SharedMemoryPremapped,
            },
        };
    }

    private static JsonObject AppJson()
    {
        var a = Stencil;
        var collectives = new JsonArray();
        foreach (var c in a.Collectives)
            collectives.Add(new JsonObject { ["kind"] = c.Kind.ToString().ToLowerInvariant(), ["bytes"] = Q(c.Size.Bytes), ["perIteration"] = Q(c.PerIteration) });
        var nodes = new JsonArray();
        foreach (var n in a.DefaultNodes) nodes.Add(n);
        return new JsonObject
        {
            ["schemaVersion"] = 1,
            ["name"] = a.Name,
            ["displayName"] = a.DisplayName,
            ["scaling"] = a.Scaling == ScalingMode.Weak ? "weak" : "strong",
            ["ranksPerNode"] = Q(a.RanksPerNode),
            ["threadsPerRank"] = Q(a.ThreadsPerRank),
            ["iterations"] = Q(a.Iterations),
            ["computeSecondsPerIteration"] = Q(a.ComputePerIteration.Seconds),
            ["memoryBytesPerIteration"] = Q(a.MemoryTrafficPerIteration.Bytes),
            ["footprintBytesPerRank"] = Q(a.FootprintPerRank.Bytes),
            ["heapFraction"] = Q(a.HeapFraction),
            ["mappingFraction"] = Q(a.MappingFraction),
            ["randomAccessFraction"] = Q(a.RandomAccessFraction),
            ["heap"] = new JsonObject
            {
                ["queriesPerIteration"] = Q(a.Heap.QueriesPerIteration),
                ["growthsPerIteration"] = Q(a.Heap.GrowthsPerIteration),
                ["shrinksPerIteration"] = Q(a.Heap.ShrinksPerIteration),
                ["grownBytesPerIteration"] = Q(a.Heap.GrownPerIteration.Bytes),
                ["peakHeapBytes"] = Q(a.Heap.PeakHeap.Bytes),
                ["touchedFraction"] = Q(a.Heap.TouchedFraction),
            },
            ["collectives"] = collectives,
            ["halo"] = new JsonObject
            {
                ["neighbours"] = Q(a.Halo.Neighbours),
                ["bytesPerNeighbour"] = Q(a.Halo.PerNeighbour.Bytes),
                ["exchangesPerIteration"] = Q(a.Halo.ExchangesPerIteration),
            },
            ["syscalls"] = new JsonObject
            {
                ["deviceCallsPerInterNodeMessage"] = Q(a.Syscalls.DeviceCallsPerInterNodeMessage),
                ["schedYieldsPerIteration"] = Q(a.Syscalls.SchedYieldsPerIteration),
                ["sharedMemoryFaultsPerIteration"] = Q(a.Syscalls.SharedMemoryFaultsPerIteration),
            },
            ["fom"] = new JsonObject
            {
                ["name"] = a.Fom.Name,
                ["unit"] = a.Fom.Unit,
                ["workPerRankPerIteration"] = Q(a.Fom.WorkPerRankPerIteration),
                ["scale"] = Q(a.Fom.Scale),
                ["higherIsBetter"] = a.Fom.HigherIsBetter,
            },
            ["defaultNodes"] = new JsonObject { ["values"] = nodes, ["source"] = Source },
        };
    }
}
