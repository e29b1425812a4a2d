using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PerfModel.Descriptions;
using PerfModel.Profiles;
using PerfModel.Profiles.Json;
using PerfModel.Profiles.Schema;

namespace PerfModel.Tests.Profiles.Schema;

/// <summary>
/// The JSON Schemas state the range of every number, and it is the range the reader checks: each number field refers to
/// the definition of its <see cref="QuantityLimit"/> (one per kind of limit), whose bounds parse back to exactly the
/// limit's; every number in every default profile lies within the range its schema file states; and, reading the ranges
/// from the schema files (not from the table), a value just outside a stated range is refused by the reader while the
/// bounds themselves are accepted (an exclusive lower bound — a Pareto α &gt; 1 — is refused and the next double above it
/// accepted), and 0 is accepted wherever a stated range admits it (a distribution's scale or σ, which its record refuses
/// at 0, has a range without 0; only a machine's at-least-one-node is a record rule the schema leaves to the loader).
/// Ranges are checked here with doubles, as the reader and editors read numbers (the
/// decimal-based JsonSchema.Net cannot hold 1e-30 or 1e30).
/// </summary>
public sealed class JsonSchemaLimitTests
{
    private static readonly JsonDocumentOptions Comments = new() { CommentHandling = JsonCommentHandling.Skip };

    private static JsonObject SchemaDocument(ProfileKind kind) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.DataDir, "schemas", JsonSchemaDocument.FileName(kind))))!.AsObject();

    private static JsonObject Profile(ProfileKind kind, string name) =>
        JsonNode.Parse(Defaults.ReadEmbedded(Defaults.FileOf(kind, name)), documentOptions: Comments)!.AsObject();

    // ---- The generated definitions follow the table -------------------------------------------------------------------

    [Theory]
    [InlineData(ProfileKind.Platform)]
    [InlineData(ProfileKind.Os)]
    [InlineData(ProfileKind.App)]
    public void Each_number_field_refers_to_the_definition_of_its_limit(ProfileKind kind)
    {
        var document = SchemaDocument(kind);
        var used = new Dictionary<string, QuantityLimit>();
        CheckObject(ProfileSchema.Of(kind), document, document, used);

        // One definition per kind of limit in use (CheckNumber: a definition names one limit, a limit has one definition
        // per JSON type), and no other number definitions.
        var numberDefinitions = document["$defs"]!.AsObject().Select(d => d.Key).Where(IsNumberDefinition).Order(StringComparer.Ordinal);
        Assert.Equal(used.Keys.Order(StringComparer.Ordinal), numberDefinitions);
        foreach (var (name, limit) in used)
        {
            var description = (string)document["$defs"]![name]!["description"]!;
            Assert.StartsWith(char.ToUpperInvariant(limit.What[0]) + limit.What[1..], description, StringComparison.Ordinal);
            if (limit.Unit.Length > 0) Assert.Contains(", " + limit.Unit + ":", description, StringComparison.Ordinal);
        }
    }

    private static bool IsNumberDefinition(string name) => name.StartsWith("quantity", StringComparison.Ordinal) || name.StartsWith("integer", StringComparison.Ordinal);

    private static void CheckObject(ObjectSchema schema, JsonObject node, JsonObject document, Dictionary<string, QuantityLimit> used)
    {
        var properties = node["properties"]!.AsObject();
        foreach (var f in schema.Fields)
            switch (f.Kind)
            {
                case FieldKind.Quantity or FieldKind.Integer:
                    CheckNumber(properties[f.Json]!.AsObject(), f.Limit!, f.Kind == FieldKind.Integer ? "integer" : "number", document, used);
                    break;
                case FieldKind.Object:
                    CheckObject(f.Item!, Resolve(properties[f.Json]!.AsObject(), document).Node, document, used);
                    break;
                case FieldKind.ObjectArray:
                    CheckObject(f.Item!, Resolve(properties[f.Json]!["items"]!.AsObject(), document).Node, document, used);
                    break;
                case FieldKind.Duration:
                    CheckNumber(properties[DurationSchema.FixedField]!.AsObject(), DurationSchema.LimitOf(DurationSchema.FixedField), "number", document, used);
                    var forms = properties[DurationSchema.DistributionField]!["oneOf"]!.AsArray().Select(n => n!.AsObject()).ToArray();
                    JsonObject Form(string name) => Assert.Single(forms, n => (string?)n["properties"]![DurationSchema.KindField]!["const"] == name)["properties"]!.AsObject();
                    foreach (var form in DurationSchema.Forms)
                        foreach (var (json, _) in form.Parameters)
                            CheckNumber(Form(form.Name)[json]!.AsObject(), DurationSchema.LimitOf(json), "number", document, used);
                    foreach (var json in new[] { DurationSchema.ValuesField, DurationSchema.WeightsField })
                        AssertStates(Form(DurationSchema.Empirical)[json]!["items"]!.AsObject(), DurationSchema.LimitOf(json), "number");
                    break;
                case FieldKind.NodeList:
                    AssertStates(properties[f.Json]!["properties"]!["values"]!["items"]!.AsObject(), ProfileSchema.NodeCount, "integer");
                    break;
            }
    }

    private static void CheckNumber(JsonObject field, QuantityLimit limit, string type, JsonObject document, Dictionary<string, QuantityLimit> used)
    {
        var (definition, name) = Resolve(field, document);
        Assert.NotNull(name);
        Assert.True(IsNumberDefinition(name), name);
        Assert.StartsWith(type == "integer" ? "integer" : "quantity", name, StringComparison.Ordinal);
        // A definition names one limit, and a limit has one definition per JSON type.
        if (used.TryGetValue(name, out var before)) Assert.Same(before, limit);
        else
        {
            Assert.DoesNotContain(used, u => ReferenceEquals(u.Value, limit) && u.Key.StartsWith(type == "integer" ? "integer" : "quantity", StringComparison.Ordinal));
            used[name] = limit;
        }
        AssertStates(definition["properties"]!["value"]!.AsObject(), limit, type);
    }

    /// <summary>The value schema states exactly the limit: 0 (when allowed) or [Min, Max] ((Min, Max] when the lower bound
    /// is exclusive), bounds that parse back to exactly the limit's doubles.</summary>
    private static void AssertStates(JsonObject values, QuantityLimit limit, string type)
    {
        Assert.Equal(type, (string?)values["type"]);
        Assert.Equal((limit.ZeroAllowed, limit.Min, limit.MinExclusive, limit.Max), StatedRange(values));
    }

    [Fact]
    public void The_bounds_are_written_to_parse_back_exactly()
    {
        foreach (var kind in new[] { ProfileKind.Platform, ProfileKind.Os, ProfileKind.App })
        {
            var text = File.ReadAllText(Path.Combine(RepoPaths.DataDir, "schemas", JsonSchemaDocument.FileName(kind)));
            Assert.Contains("\"maximum\": 1152921504606846976", text, StringComparison.Ordinal); // 2^60 in full, not 1.152921504606847E+18
            Assert.Contains("\"minimum\": 1E-12", text, StringComparison.Ordinal);
        }
        Assert.Contains("\"minimum\": 1E-30", File.ReadAllText(Path.Combine(RepoPaths.DataDir, "schemas", "app.schema.json")), StringComparison.Ordinal);
    }

    // ---- Every default profile lies within the stated ranges --------------------------------------------------------

    public static TheoryData<string, ProfileKind> DataFiles() => JsonSchemaTests.DataFiles();

    [Theory]
    [MemberData(nameof(DataFiles))]
    public void Every_number_in_every_default_profile_lies_within_its_stated_range(string file, ProfileKind kind)
    {
        var profile = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.DataDir, file)), documentOptions: Comments)!.AsObject();
        var leaves = Numbers(profile, SchemaDocument(kind)).ToArray();
        Assert.NotEmpty(leaves);
        foreach (var leaf in leaves)
        {
            if (leaf.IsLimited) Assert.True(HasRange(leaf.Values), $"{file}: {leaf.Path} has no stated range");
            Assert.True(Admits(leaf.Values, leaf.Value), $"{file}: {leaf.Path} = {leaf.Value.ToString("R", CultureInfo.InvariantCulture)} is outside {leaf.Values.ToJsonString()}");
        }
    }

    // ---- The stated ranges agree with the reader ------------------------------------------------------------------

    /// <summary>A field per kind of number the schemas define, in a default profile, with the edits that let its bounds
    /// through the record's other rules (a rate of 10^9/s needs detours short enough to fit). Where the stated range
    /// admits 0, the reader must accept it (<paramref name="RecordAdmitsZero"/>) unless refusing it is a rule of the record
    /// the schema leaves to the loader (<paramref name="ZeroIsARecordRule"/>: a machine has at least one node).</summary>
    private sealed record Sample(ProfileKind Kind, string Name, string Path, bool RecordAdmitsZero, Action<JsonObject>? Prepare = null, bool ZeroIsARecordRule = false);

    private static readonly Dictionary<string, Sample> Samples = new()
    {
        ["time"] = new(ProfileKind.Platform, "", "kernel.syscallSeconds", true),
        ["time per byte"] = new(ProfileKind.Platform, "", "network.reduceSecondsPerByte", true),
        ["bandwidth"] = new(ProfileKind.Platform, "", "kernel.zeroingBytesPerSecondPerCore", false),
        ["frequency"] = new(ProfileKind.Platform, "", "frequencyHz", false),
        ["whole number"] = new(ProfileKind.Platform, "", "machineNodes", false, ZeroIsARecordRule: true), // a machine has at least one node
        ["factor"] = new(ProfileKind.Platform, "", "kernel.faultContentionPerRank", true),
        ["run-to-run log-sd"] = new(ProfileKind.Platform, "", "network.runToRunLogSd", true),
        ["size"] = new(ProfileKind.App, "minife", "halo.bytesPerNeighbour", true),
        ["count"] = new(ProfileKind.App, "minife", "heap.queriesPerIteration", true),
        ["figure-of-merit factor"] = new(ProfileKind.App, "minife", "fom.scale", false),
        ["node count"] = new(ProfileKind.App, "minife", "defaultNodes.values[0]", false, p => p["defaultNodes"]!["values"] = new JsonArray(8)),
        ["rate"] = new(ProfileKind.Os, "linux", "noise.sources[0].ratePerSecond", true, p => { FixedDuration(p, 1e-12); }),
        ["detour duration"] = new(ProfileKind.Os, "linux", "noise.sources[0].durationSeconds", true, p => { FixedDuration(p, 1e-5); Set(p, Segments("noise.sources[0].ratePerSecond.value"), 1e-9); }),
        // A distribution's parameters: its scale (> 0) and shape (σ > 0, α > 1), each at the ends of the stated range with
        // the other parameter and the rate chosen so that rate × mean duration stays < 1 (a σ of 1000 gives an infinite
        // mean: only a source that never fires takes it).
        ["Pareto scale"] = new(ProfileKind.Os, "linux", "noise.sources[0].duration.scaleSeconds", false, p => { Pareto(p, 1e-6, 2.5); Set(p, Segments("noise.sources[0].ratePerSecond.value"), 1e-9); }),
        ["Pareto tail index"] = new(ProfileKind.Os, "linux", "noise.sources[0].duration.alpha", false, p => { Pareto(p, 1e-12, 2.5); Set(p, Segments("noise.sources[0].ratePerSecond.value"), 1e-9); }),
        ["log-normal median"] = new(ProfileKind.Os, "linux", "noise.sources[0].duration.medianSeconds", false, p => { LogNormal(p, 2e-6, 0.5); Set(p, Segments("noise.sources[0].ratePerSecond.value"), 1e-9); }),
        ["log-normal sigma"] = new(ProfileKind.Os, "linux", "noise.sources[0].duration.sigma", false, p => { LogNormal(p, 2e-6, 0.5); Set(p, Segments("noise.sources[0].ratePerSecond.value"), 0); }),
    };

    public static TheoryData<string> SampleNames() => [.. Samples.Keys];

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Just_outside_the_stated_range_the_reader_refuses_and_at_its_bounds_it_accepts(string sample)
    {
        var s = Samples[sample];
        var profile = Profile(s.Kind, s.Name);
        s.Prepare?.Invoke(profile);
        var leaf = Leaf(profile, s.Kind, s.Path);
        var range = StatedRange(leaf.Values);

        foreach (var outside in Outside(range))
        {
            Assert.False(Admits(leaf.Values, outside));
            AssertRefused(s.Kind, profile, leaf, outside);
        }
        // An exclusive lower bound's nearest admitted value is the next double above it.
        var bounds = new List<double> { range.MinExclusive ? Math.BitIncrement(range.Min) : range.Min, range.Max };
        if (range.Zero && s.RecordAdmitsZero) bounds.Add(0);
        else Assert.False(range.Zero && !s.ZeroIsARecordRule, $"{leaf.Path}: the schema states 0, which the reader refuses");
        foreach (var bound in bounds)
        {
            Assert.True(Admits(leaf.Values, bound));
            var edited = profile.DeepClone().AsObject();
            Set(edited, leaf.Segments, bound);
            var errors = Errors(s.Kind, edited);
            Assert.True(errors.Count == 0, $"{leaf.Path} = {bound.ToString("R", CultureInfo.InvariantCulture)} (a bound the schema states) was refused: {string.Join("; ", errors)}");
        }
    }

    [Fact]
    public void The_samples_cover_every_kind_of_number_the_schemas_define()
    {
        var sampled = Samples.Values.Select(s =>
        {
            var profile = Profile(s.Kind, s.Name);
            s.Prepare?.Invoke(profile);
            return Leaf(profile, s.Kind, s.Path).Definition;
        }).ToHashSet();
        foreach (var kind in new[] { ProfileKind.Platform, ProfileKind.Os, ProfileKind.App })
            foreach (var name in SchemaDocument(kind)["$defs"]!.AsObject().Select(d => d.Key).Where(IsNumberDefinition))
                Assert.True(sampled.Contains(name), $"no sample of {name} ({JsonSchemaDocument.FileName(kind)})");
    }

    /// <summary>Profiles with every form a number can take in a file: the defaults, and an OS profile whose sources use each
    /// duration distribution (lognormal σ, Pareto α, empirical values and weights) and a node class (its share).</summary>
    public static TheoryData<string> Profiles() => ["platform", "os:linux", "os:distributions", "app:minife"];

    private static (ProfileKind Kind, JsonObject Json) ProfileNamed(string name)
    {
        switch (name)
        {
            case "platform": return (ProfileKind.Platform, Profile(ProfileKind.Platform, ""));
            case "app:minife": return (ProfileKind.App, Profile(ProfileKind.App, "minife"));
            case "os:linux": return (ProfileKind.Os, Profile(ProfileKind.Os, "linux"));
        }
        var os = Profile(ProfileKind.Os, "linux");
        var sources = os["noise"]!["sources"]!.AsArray();
        JsonObject Source(string label, JsonObject duration)
        {
            var source = sources[0]!.DeepClone().AsObject();
            source["name"] = label;
            source.Remove("arrival");
            source.Remove(DurationSchema.FixedField);
            source[DurationSchema.DistributionField] = duration;
            return source;
        }
        JsonObject Estimated(double value) => new() { ["value"] = value, ["estimate"] = "test" };
        sources[0] = Source("lognormal", new() { ["distribution"] = "lognormal", ["medianSeconds"] = Estimated(2e-6), ["sigma"] = Estimated(0.5) });
        sources.Add(Source("pareto", new() { ["distribution"] = "pareto", ["scaleSeconds"] = Estimated(1e-6), ["alpha"] = Estimated(2.5) }));
        var classSources = new JsonArray(
            Source("exponential", new() { ["distribution"] = "exponential", ["meanSeconds"] = Estimated(1e-6) }),
            Source("fixed", new() { ["distribution"] = "fixed", ["seconds"] = Estimated(1e-6) }),
            Source("empirical", new() { ["distribution"] = "empirical", ["valuesSeconds"] = new JsonArray(1e-6, 3e-6), ["weights"] = new JsonArray(3, 1), ["estimate"] = "test" }));
        os["noise"]!["nodeClasses"] = new JsonArray(new JsonObject
        {
            ["share"] = Estimated(0.01),
            ["noise"] = new JsonObject { ["coScheduled"] = false, ["sources"] = classSources },
        });
        return (ProfileKind.Os, os);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Every_number_field_refuses_values_just_outside_its_stated_range(string name)
    {
        var (kind, profile) = ProfileNamed(name);
        Assert.Empty(Errors(kind, profile));
        var leaves = Numbers(profile, SchemaDocument(kind)).Where(l => l.IsLimited).ToArray();
        Assert.True(leaves.Length >= 10, $"{leaves.Length} numbers");
        foreach (var leaf in leaves)
            foreach (var outside in Outside(StatedRange(leaf.Values)))
            {
                Assert.False(Admits(leaf.Values, outside), $"{leaf.Path}: the schema admits {outside}");
                AssertRefused(kind, profile, leaf, outside);
            }
    }

    /// <summary>Values just outside a stated range: the next double below the lower bound (the bound itself when it is
    /// exclusive) and above the upper, a negative one, and 0 when the range leaves it out.</summary>
    private static IEnumerable<double> Outside((bool Zero, double Min, bool MinExclusive, double Max) range)
    {
        yield return range.MinExclusive ? range.Min : Math.BitDecrement(range.Min);
        yield return Math.BitIncrement(range.Max);
        yield return -range.Min;
        if (!range.Zero) yield return 0;
    }

    private static void AssertRefused(ProfileKind kind, JsonObject profile, NumberLeaf leaf, double value)
    {
        var edited = profile.DeepClone().AsObject();
        Set(edited, leaf.Segments, value);
        var errors = Errors(kind, edited);
        // Refused at the number, its field, or the object holding it (an empirical distribution's rule) — never elsewhere.
        Assert.True(errors.Any(e => e.JsonPath != "$" && (leaf.Path == e.JsonPath || leaf.Path.StartsWith(e.JsonPath + ".", StringComparison.Ordinal)
                || leaf.Path.StartsWith(e.JsonPath + "[", StringComparison.Ordinal))),
            $"{leaf.Path} = {value.ToString("R", CultureInfo.InvariantCulture)} (outside the stated range) was not refused there: {(errors.Count == 0 ? "accepted" : string.Join("; ", errors))}");
    }

    private static IReadOnlyList<ValidationError> Errors(ProfileKind kind, JsonObject profile)
    {
        var text = profile.ToJsonString();
        try
        {
            _ = kind switch
            {
                ProfileKind.Platform => (object)ProfileJson.ParsePlatform(text, "p.json"),
                ProfileKind.Os => ProfileJson.ParseOs(text, "p.json"),
                _ => ProfileJson.ParseApp(text, "p.json"),
            };
            return [];
        }
        catch (ProfileValidationException e)
        {
            return e.Errors;
        }
    }

    // ---- Reading the schema files ---------------------------------------------------------------------------------

    /// <summary>A number in a profile and the schema its file states for it.</summary>
    /// <param name="Path">Its JSON path as the reader names it ("$.kernel.syscallSeconds.value").</param>
    /// <param name="Segments">Property names and array indices from the root.</param>
    /// <param name="Value">The number.</param>
    /// <param name="Values">The schema of the number itself.</param>
    /// <param name="Definition">The definition last referred to on the way ("quantitySeconds"), or null.</param>
    private sealed record NumberLeaf(string Path, IReadOnlyList<object> Segments, double Value, JsonObject Values, string? Definition)
    {
        /// <summary>A number a limit applies to: a quantity's value, a node count, an empirical distribution's value or
        /// weight (not the format version, nor the ends of a declared uncertainty range).</summary>
        public bool IsLimited => Segments[^1] is "value" || Segments.Count >= 2 && Segments[^2] is "values" or "valuesSeconds" or "weights";
    }

    private static NumberLeaf Leaf(JsonObject profile, ProfileKind kind, string path)
    {
        var segments = Segments(path);
        var full = segments[^1] is int ? segments : [.. segments, "value"];
        return Assert.Single(Numbers(profile, SchemaDocument(kind)), l => l.Segments.SequenceEqual(full));
    }

    /// <summary>Every number of <paramref name="profile"/> with the schema it lies under, walking the schema file
    /// alongside (references, properties, items, and a duration's form chosen by its "distribution").</summary>
    private static IEnumerable<NumberLeaf> Numbers(JsonObject profile, JsonObject document)
    {
        var pending = new Stack<(JsonNode? Node, JsonObject Schema, List<object> Segments, string? Definition)>();
        pending.Push((profile, document, [], null));
        while (pending.TryPop(out var item))
        {
            var (schema, name) = Resolve(item.Schema, document);
            var definition = name ?? item.Definition;
            switch (item.Node)
            {
                case JsonObject o:
                    if (schema["properties"] is null && schema["oneOf"] is JsonArray forms)
                        schema = Assert.Single(forms, f => (string?)f!["properties"]?[DurationSchema.KindField]?["const"] == (string?)o[DurationSchema.KindField])!.AsObject();
                    var properties = schema["properties"]!.AsObject();
                    foreach (var (key, value) in o)
                    {
                        Assert.True(properties.ContainsKey(key), $"{PathOf(item.Segments)}: the schema has no property {key}");
                        pending.Push((value, properties[key]!.AsObject(), [.. item.Segments, key], definition));
                    }
                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++) pending.Push((a[i], schema["items"]!.AsObject(), [.. item.Segments, i], definition));
                    break;
                case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                    yield return new NumberLeaf(PathOf(item.Segments), item.Segments, Bound(v), schema, definition);
                    break;
            }
        }
    }

    private static (JsonObject Node, string? Definition) Resolve(JsonObject schema, JsonObject document)
    {
        string? name = null;
        while (schema["$ref"] is JsonValue reference)
        {
            name = ((string)reference!)["#/$defs/".Length..];
            schema = document["$defs"]![name]!.AsObject();
        }
        return (schema, name);
    }

    private static bool HasRange(JsonObject values) => values.ContainsKey("minimum") || values.ContainsKey("exclusiveMinimum") || values.ContainsKey("anyOf");

    /// <summary>The range a number's schema states: whether 0 is allowed, and [Min, Max] or (Min, Max] — read from
    /// <c>anyOf: [{const: 0}, {minimum, maximum}]</c> or <c>minimum, maximum</c>, with <c>exclusiveMinimum</c> in place of
    /// <c>minimum</c> for an exclusive lower bound.</summary>
    private static (bool Zero, double Min, bool MinExclusive, double Max) StatedRange(JsonObject values)
    {
        if (values["anyOf"] is JsonArray anyOf)
        {
            Assert.Equal(2, anyOf.Count);
            Assert.Equal(0, Bound(anyOf[0]!["const"]));
            var (min, exclusive) = Lower(anyOf[1]!.AsObject());
            return (true, min, exclusive, Bound(anyOf[1]!["maximum"]));
        }
        var (low, open) = Lower(values);
        return (false, low, open, Bound(values["maximum"]));

        static (double Min, bool Exclusive) Lower(JsonObject bounds)
        {
            Assert.False(bounds.ContainsKey("minimum") && bounds.ContainsKey("exclusiveMinimum"), bounds.ToJsonString());
            return bounds["exclusiveMinimum"] is { } exclusive ? (Bound(exclusive), true) : (Bound(bounds["minimum"]), false);
        }
    }

    /// <summary>A number of a schema or profile as the reader reads the same text: its nearest double.</summary>
    private static double Bound(JsonNode? node)
    {
        Assert.NotNull(node);
        return double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>Whether a number's schema admits <paramref name="value"/> (the keywords the generator writes for numbers;
    /// any other fails the test, so that nothing is silently skipped).</summary>
    private static bool Admits(JsonObject values, double value)
    {
        foreach (var (keyword, node) in values)
        {
            var ok = keyword switch
            {
                "type" => (string?)node switch { "number" => true, "integer" => value == Math.Floor(value), var t => throw new InvalidOperationException($"type {t} for a number") },
                "const" => value == Bound(node),
                "minimum" => value >= Bound(node),
                "maximum" => value <= Bound(node),
                "exclusiveMinimum" => value > Bound(node),
                "exclusiveMaximum" => value < Bound(node),
                "anyOf" => node!.AsArray().Any(branch => Admits(branch!.AsObject(), value)),
                "description" => true,
                _ => throw new InvalidOperationException($"keyword {keyword} in the schema of a number"),
            };
            if (!ok) return false;
        }
        return true;
    }

    // ---- JSON paths -------------------------------------------------------------------------------------------------

    private static List<object> Segments(string path)
    {
        var segments = new List<object>();
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            if (bracket < 0) { segments.Add(part); continue; }
            segments.Add(part[..bracket]);
            segments.Add(int.Parse(part[(bracket + 1)..^1], CultureInfo.InvariantCulture));
        }
        return segments;
    }

    private static string PathOf(IEnumerable<object> segments) =>
        "$" + string.Concat(segments.Select(s => s is int i ? $"[{i}]" : "." + s));

    /// <summary>Gives Linux's first noise source a fixed duration (the published defaults' is a Pareto distribution, whose
    /// parameters the rate and duration samples do not exercise).</summary>
    private static void FixedDuration(JsonObject p, double seconds)
    {
        var source = p["noise"]!["sources"]![0]!.AsObject();
        source.Remove("duration");
        source["durationSeconds"] = new JsonObject { ["value"] = seconds, ["estimate"] = "test" };
    }

    /// <summary>Gives Linux's first noise source a Pareto duration of scale <paramref name="scale"/> and tail index
    /// <paramref name="alpha"/> (whatever the published defaults' distribution is).</summary>
    private static void Pareto(JsonObject p, double scale, double alpha) => Distribution(p, new()
    {
        ["distribution"] = "pareto",
        ["scaleSeconds"] = new JsonObject { ["value"] = scale, ["estimate"] = "test" },
        ["alpha"] = new JsonObject { ["value"] = alpha, ["estimate"] = "test" },
    });

    /// <summary>Gives Linux's first noise source a log-normal duration of median <paramref name="median"/> and σ
    /// <paramref name="sigma"/>.</summary>
    private static void LogNormal(JsonObject p, double median, double sigma) => Distribution(p, new()
    {
        ["distribution"] = "lognormal",
        ["medianSeconds"] = new JsonObject { ["value"] = median, ["estimate"] = "test" },
        ["sigma"] = new JsonObject { ["value"] = sigma, ["estimate"] = "test" },
    });

    private static void Distribution(JsonObject p, JsonObject duration)
    {
        var source = p["noise"]!["sources"]![0]!.AsObject();
        source.Remove("durationSeconds");
        source["duration"] = duration;
    }

    /// <summary>Sets the number at <paramref name="segments"/>; a quantity loses its declared uncertainty range, which
    /// belongs to the value it replaces.</summary>
    private static void Set(JsonObject profile, IReadOnlyList<object> segments, double value)
    {
        JsonNode node = profile;
        foreach (var s in segments.Take(segments.Count - 1)) node = s is int i ? node[i]! : node[(string)s]!;
        if (segments[^1] is int index) node[index] = value;
        else
        {
            node[(string)segments[^1]] = value;
            node.AsObject().Remove(JsonFieldReader.RangeField);
        }
    }
}
