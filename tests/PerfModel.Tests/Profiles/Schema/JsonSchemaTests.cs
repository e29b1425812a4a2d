using PerfModel.Descriptions;
using System.Text.Json.Nodes;
using Json.Schema;
using PerfModel.Profiles;
using PerfModel.Profiles.Json;
using PerfModel.Profiles.Schema;

namespace PerfModel.Tests.Profiles.Schema;

/// <summary>The JSON Schemas in data/schemas are generated from the one schema table, every profile in data/ names its
/// schema and conforms to it (checked by an independent validator, JsonSchema.Net; the numbers' ranges exactly, with
/// doubles, by <see cref="JsonSchemaLimitTests"/>), and the schema catches the mistakes a hand-edited profile makes (a
/// typo in a field name, a bare number without provenance, a misspelt choice, a number outside its range).</summary>
public sealed class JsonSchemaTests
{
    private static string SchemaFile(ProfileKind kind) => Path.Combine(RepoPaths.DataDir, "schemas", JsonSchemaDocument.FileName(kind));

    public static TheoryData<string, ProfileKind> DataFiles()
    {
        var data = new TheoryData<string, ProfileKind>();
        foreach (var (dir, kind) in new[] { ("platforms", ProfileKind.Platform), ("os", ProfileKind.Os), ("apps", ProfileKind.App) })
            foreach (var f in Directory.GetFiles(Path.Combine(RepoPaths.DataDir, dir), "*.json").Order(StringComparer.Ordinal))
                data.Add(Path.GetRelativePath(RepoPaths.DataDir, f), kind);
        return data;
    }

    [Theory]
    [InlineData(ProfileKind.Platform)]
    [InlineData(ProfileKind.Os)]
    [InlineData(ProfileKind.App)]
    public void The_shipped_schema_is_the_generated_one(ProfileKind kind) =>
        GoldenFile.Verify(Path.Combine("..", "..", "data", "schemas", JsonSchemaDocument.FileName(kind)), JsonSchemaDocument.Generate(kind));

    [Theory]
    [InlineData(ProfileKind.Platform)]
    [InlineData(ProfileKind.Os)]
    [InlineData(ProfileKind.App)]
    public void The_schema_is_embedded_in_the_library(ProfileKind kind) =>
        Assert.Equal(File.ReadAllText(SchemaFile(kind)), Defaults.ReadEmbedded("schemas/" + JsonSchemaDocument.FileName(kind)));

    [Theory]
    [MemberData(nameof(DataFiles))]
    public void Every_default_profile_references_and_conforms_to_its_schema(string file, ProfileKind kind)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.DataDir, file)))!.AsObject();
        Assert.Equal($"../schemas/{JsonSchemaDocument.FileName(kind)}", (string?)json["$schema"]);
        var result = ForJsonSchemaNet(kind).Evaluate(json, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join("; ", result.Details.Where(d => d.HasErrors).Select(d => $"{d.InstanceLocation}: {string.Join(", ", d.Errors!.Values)}")));
    }

    [Theory]
    [InlineData("typo", "os/linux.json", ProfileKind.Os)]
    [InlineData("bare-number", "os/linux.json", ProfileKind.Os)]
    [InlineData("bad-choice", "os/mos.json", ProfileKind.Os)]
    [InlineData("no-provenance", "platforms/oakforest-pacs-knl7250.json", ProfileKind.Platform)]
    [InlineData("missing", "apps/minife.json", ProfileKind.App)]
    [InlineData("out-of-range", "platforms/oakforest-pacs-knl7250.json", ProfileKind.Platform)]
    public void The_schema_catches_hand_editing_mistakes(string mistake, string file, ProfileKind kind)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.DataDir, file)))!.AsObject();
        switch (mistake)
        {
            case "typo": json["nmae"] = "x"; break;
            case "bare-number": json["syscalls"]!["offloadLatencySeconds"] = 8e-6; break;
            case "bad-choice": json["placement"]!["policy"] = "per-rank"; break;
            case "no-provenance": json["coresPerNode"]!.AsObject().Remove("source"); break;
            case "missing": json.Remove("iterations"); break;
            case "out-of-range": json["kernel"]!["syscallSeconds"]!["value"] = 1e-13; break; // below a picosecond, not 0
        }
        Assert.False(ForJsonSchemaNet(kind).Evaluate(json).IsValid);
    }

    /// <summary>
    /// The shipped schema as JsonSchema.Net can load it. That validator holds minimum and maximum as decimal (±7.9e28, at
    /// best 1e-28), so the few bounds a double-based editor reads fine but decimal cannot hold (a figure-of-merit factor's
    /// 1e-30 and 1e30) are widened for it alone: a positive minimum below 1e-28 becomes exclusiveMinimum 0, a maximum
    /// above 7.9e28 is dropped. Every bound, these included, is checked exactly, with doubles as the reader reads them, by
    /// <see cref="JsonSchemaLimitTests"/>.
    /// </summary>
    internal static JsonSchema ForJsonSchemaNet(ProfileKind kind)
    {
        var schema = JsonNode.Parse(File.ReadAllText(SchemaFile(kind)))!;
        var pending = new Stack<JsonNode?>([schema]);
        while (pending.TryPop(out var node))
        {
            if (node is JsonArray array) foreach (var item in array) pending.Push(item);
            if (node is not JsonObject o) continue;
            if (o["minimum"] is JsonValue min && min.GetValue<double>() is > 0 and < 1e-28)
            {
                o.Remove("minimum");
                o["exclusiveMinimum"] = 0;
            }
            if (o["maximum"] is JsonValue max && max.GetValue<double>() > 7.9e28) o.Remove("maximum");
            foreach (var (_, value) in o) pending.Push(value);
        }
        return JsonSchema.FromText(schema.ToJsonString());
    }

    [Fact]
    public void The_table_names_every_property_of_the_profile_records()
    {
        // Every settable property of a profile record is in the schema table (so reader, writer and schema cover it),
        // apart from Provenance, which is written as the source of each number, and a noise source's recorded Trace,
        // which only noise specs load (trace(path)); a node class's noise is a noise profile without node classes.
        string[] notInFiles = ["Provenance", nameof(NoiseSource.Trace)];
        foreach (var schema in new[] { ProfileSchema.Platform, ProfileSchema.Os, ProfileSchema.App, ProfileSchema.KernelCosts, ProfileSchema.Interconnect,
                     ProfileSchema.MemoryTier, ProfileSchema.TlbLevel, ProfileSchema.Noise, ProfileSchema.NoiseSource, ProfileSchema.NodeNoiseClass, ProfileSchema.BrkPolicy,
                     ProfileSchema.PagePolicy, ProfileSchema.Placement, ProfileSchema.SyscallPolicy, ProfileSchema.HeapBehaviour, ProfileSchema.CollectiveCall,
                     ProfileSchema.HaloExchange, ProfileSchema.AppSyscalls, ProfileSchema.FigureOfMerit })
        {
            var settable = schema.Type.GetProperties().Where(p => p.SetMethod is not null && !notInFiles.Contains(p.Name)).Select(p => p.Name).Order();
            Assert.Equal(settable, schema.Fields.Select(f => f.Property).Order());
        }
        Assert.Equal(ProfileSchema.Noise.Fields.Select(f => f.Property).Where(p => p != nameof(NoiseProfile.NodeClasses)), ProfileSchema.NodeClassNoise.Fields.Select(f => f.Property));
    }

    [Theory]
    [InlineData("Kernel.Syscall", "$.kernel.syscallSeconds")]
    [InlineData("MemoryTiers[1].Bandwidth", "$.memoryTiers[1].bandwidthBytesPerSecond")]
    [InlineData("Tlb[0].Entries", "$.tlb[0].entries")]
    [InlineData("ClockFrequency", "$.frequencyHz")]
    [InlineData("NotAField", "$")]
    public void JsonPath_maps_record_properties_to_file_paths(string property, string path) =>
        Assert.Equal(path, ProfileSchema.JsonPath(ProfileSchema.Platform, property));

    [Fact]
    public void JsonPath_maps_nested_lists_and_node_counts()
    {
        Assert.Equal("$.noise.sources[0].ratePerSecond", ProfileSchema.JsonPath(ProfileSchema.Os, "Noise.Sources[0].Rate"));
        Assert.Equal("$.defaultNodes.values[2]", ProfileSchema.JsonPath(ProfileSchema.App, "DefaultNodes[2]"));
        Assert.Equal("$.heap.peakHeapBytes", ProfileSchema.JsonPath(ProfileSchema.App, "Heap.PeakHeap"));
    }
}
