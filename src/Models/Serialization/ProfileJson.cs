using System.Collections.Immutable;
using System.Text.Json;
using PerfModel.Profiles;

namespace PerfModel.Serialization;

/// <summary>Parses profile JSON text into validated, immutable profiles. Pure: text in, profile out; the caller reads files.
/// Any broken rule throws <see cref="ProfileValidationException"/> listing every error with file, JSON path and rule.</summary>
public static class ProfileJson
{
    /// <summary>The schema version this build reads.</summary>
    public const int SchemaVersion = 1;

    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false };

    public static Platform ParsePlatform(string json, string file) => Parse(json, file, ReadPlatform);

    public static OsProfile ParseOs(string json, string file) => Parse(json, file, ReadOs);

    public static AppProfile ParseApp(string json, string file) => Parse(json, file, ReadApp);

    private static T Parse<T>(string json, string file, Func<JsonFieldReader, JsonElement, T> read)
    {
        var scope = new ValidationScope(file);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            scope.Add($"$ (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})", "is not valid JSON: " + FirstSentence(e.Message));
            throw new ProfileValidationException(scope.Errors.ToArray());
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                scope.Add("$", "the top level must be a JSON object");
                scope.ThrowIfAny();
            }
            var r = new JsonFieldReader(scope);
            if (r.TryGet(root, "schemaVersion", "$", JsonValueKind.Number, out var ver) && ver.GetDouble() != SchemaVersion)
                scope.Add("$.schemaVersion", $"version {ver.GetRawText()} is not supported; this build reads version {SchemaVersion}");
            var result = read(r, root);
            scope.ThrowIfAny();
            return result;
        }
    }

    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(". ", StringComparison.Ordinal);
        return i > 0 ? message[..(i + 1)] : message;
    }

    private static Platform ReadPlatform(JsonFieldReader r, JsonElement root)
    {
        r.OnlyKnown(root, "$", "schemaVersion", "description", "name", "coresPerNode", "appCoresPerNode", "osCoresPerNode", "frequencyHz",
            "memoryTiers", "tlb", "tlbL2HitSeconds", "pageWalkCachedSeconds", "pageWalkMemorySeconds", "cacheBytesPerCore", "kernel", "network", "machineNodes");
        var tiers = r.Array(root, "memoryTiers", "$").Select(t =>
        {
            r.OnlyKnown(t.Item, t.Path, "name", "kind", "capacityBytes", "bandwidthBytesPerSecond", "numaDomains");
            return new MemoryTier(r.String(t.Item, "name", t.Path), r.Enum<MemoryKind>(t.Item, "kind", t.Path),
                r.Number(t.Item, "capacityBytes", t.Path), r.Number(t.Item, "bandwidthBytesPerSecond", t.Path), r.Integer(t.Item, "numaDomains", t.Path));
        }).ToImmutableArray();
        var tlb = r.Array(root, "tlb", "$").Select(t =>
        {
            r.OnlyKnown(t.Item, t.Path, "level", "pageSizeBytes", "entries");
            return new TlbLevel(r.Integer(t.Item, "level", t.Path), r.Number(t.Item, "pageSizeBytes", t.Path), r.Integer(t.Item, "entries", t.Path));
        }).ToImmutableArray();
        var k = r.Object(root, "kernel", "$");
        r.OnlyKnown(k, "$.kernel", "syscallSeconds", "schedYieldSeconds", "pageFault4KSeconds", "pageFault2MSeconds", "zeroingBytesPerSecondPerCore", "faultContentionPerRank");
        var kernel = new KernelCosts(r.Number(k, "syscallSeconds", "$.kernel"), r.Number(k, "schedYieldSeconds", "$.kernel"),
            r.Number(k, "pageFault4KSeconds", "$.kernel"), r.Number(k, "pageFault2MSeconds", "$.kernel"),
            r.Number(k, "zeroingBytesPerSecondPerCore", "$.kernel"), r.Number(k, "faultContentionPerRank", "$.kernel"));
        var n = r.Object(root, "network", "$");
        r.OnlyKnown(n, "$.network", "latencySeconds", "overheadSeconds", "gapPerByteSeconds", "intraNodeLatencySeconds", "intraNodeGapPerByteSeconds", "reduceSecondsPerByte");
        var net = new Interconnect(r.Number(n, "latencySeconds", "$.network"), r.Number(n, "overheadSeconds", "$.network"),
            r.Number(n, "gapPerByteSeconds", "$.network"), r.Number(n, "intraNodeLatencySeconds", "$.network"),
            r.Number(n, "intraNodeGapPerByteSeconds", "$.network"), r.Number(n, "reduceSecondsPerByte", "$.network"));
        var p = new Platform(r.String(root, "name", "$"), r.Integer(root, "coresPerNode", "$"), r.Integer(root, "appCoresPerNode", "$"),
            r.Integer(root, "osCoresPerNode", "$"), r.Number(root, "frequencyHz", "$"), tiers, tlb, r.Number(root, "tlbL2HitSeconds", "$"),
            r.Number(root, "pageWalkCachedSeconds", "$"), r.Number(root, "pageWalkMemorySeconds", "$"), r.Number(root, "cacheBytesPerCore", "$"),
            kernel, net, r.Integer(root, "machineNodes", "$"));
        if (r.Scope.Errors.Count == 0) foreach (var e in p.Validate(r.Scope.File)) r.Scope.Add(e.JsonPath, e.Rule);
        return p with { Provenance = r.Provenance };
    }

    private static OsProfile ReadOs(JsonFieldReader r, JsonElement root)
    {
        r.OnlyKnown(root, "$", "schemaVersion", "description", "name", "displayName", "lightweightKernel", "noise", "brk", "pages", "placement", "syscalls");
        var no = r.Object(root, "noise", "$");
        r.OnlyKnown(no, "$.noise", "sources", "coScheduled");
        var sources = r.Array(no, "sources", "$.noise").Select(s =>
        {
            r.OnlyKnown(s.Item, s.Path, "name", "ratePerSecond", "durationSeconds", "duration");
            var name = r.String(s.Item, "name", s.Path);
            var rate = r.Number(s.Item, "ratePerSecond", s.Path);
            var hasFixed = s.Item.TryGetProperty("durationSeconds", out _);
            var hasDist = s.Item.TryGetProperty("duration", out _);
            if (hasFixed == hasDist)
            {
                r.Scope.Add(s.Path, "needs exactly one of \"durationSeconds\" (fixed detours) or \"duration\" (a distribution)");
                return new NoiseSource(name, rate, 0.0);
            }
            return hasFixed
                ? new NoiseSource(name, rate, r.Number(s.Item, "durationSeconds", s.Path))
                : new NoiseSource(name, rate, ReadDuration(r, r.Object(s.Item, "duration", s.Path), s.Path + ".duration"));
        }).ToImmutableArray();
        var noise = new NoiseProfile(sources, r.Bool(no, "coScheduled", "$.noise"));
        var b = r.Object(root, "brk", "$");
        r.OnlyKnown(b, "$.brk", "alignmentBytes", "growthStepBytes", "shrinkReturnsMemory", "prefaultAtBrk", "zeroBytesPerGrowthStep", "pageBytes", "transparentHugePages");
        var brk = new BrkPolicy(r.Number(b, "alignmentBytes", "$.brk"), r.Number(b, "growthStepBytes", "$.brk"), r.Bool(b, "shrinkReturnsMemory", "$.brk"),
            r.Bool(b, "prefaultAtBrk", "$.brk"), r.Number(b, "zeroBytesPerGrowthStep", "$.brk"), r.Number(b, "pageBytes", "$.brk"),
            r.Bool(b, "transparentHugePages", "$.brk"));
        var pg = r.Object(root, "pages", "$");
        r.OnlyKnown(pg, "$.pages", "mappingPageBytes", "mappingLargePageFraction", "staticPageBytes", "prefaultMappings");
        var pages = new PagePolicy(r.Number(pg, "mappingPageBytes", "$.pages"), r.Number(pg, "mappingLargePageFraction", "$.pages"),
            r.Number(pg, "staticPageBytes", "$.pages"), r.Bool(pg, "prefaultMappings", "$.pages"));
        var pl = r.Object(root, "placement", "$");
        r.OnlyKnown(pl, "$.placement", "policy", "hbmUsableFraction", "spillPenalty");
        var placement = new MemoryPlacement(r.Enum<PlacementPolicy>(pl, "policy", "$.placement"), r.Number(pl, "hbmUsableFraction", "$.placement"),
            r.Number(pl, "spillPenalty", "$.placement"));
        var sc = r.Object(root, "syscalls", "$");
        r.OnlyKnown(sc, "$.syscalls", "deviceCallsOffloaded", "offloadLatencySeconds", "schedYieldIgnored", "sharedMemoryPremapped");
        var sys = new SyscallPolicy(r.Bool(sc, "deviceCallsOffloaded", "$.syscalls"), r.Number(sc, "offloadLatencySeconds", "$.syscalls"),
            r.Bool(sc, "schedYieldIgnored", "$.syscalls"), r.Bool(sc, "sharedMemoryPremapped", "$.syscalls"));
        var os = new OsProfile(r.String(root, "name", "$"), r.String(root, "displayName", "$"), r.Bool(root, "lightweightKernel", "$"),
            noise, brk, pages, placement, sys);
        if (r.Scope.Errors.Count == 0) foreach (var e in os.Validate(r.Scope.File)) r.Scope.Add(e.JsonPath, e.Rule);
        return os with { Provenance = r.Provenance };
    }

    /// <summary>A duration distribution: {"distribution": "fixed", "seconds": q}, "exponential" (meanSeconds),
    /// "lognormal" (medianSeconds, sigma), "pareto" (scaleSeconds, alpha) or "empirical" (valuesSeconds and weights:
    /// arrays of plain numbers, with "source" or "estimate" on the object).</summary>
    private static Noise.DurationDistribution ReadDuration(JsonFieldReader r, JsonElement d, string path)
    {
        var kind = r.String(d, "distribution", path);
        switch (kind)
        {
            case "fixed":
                r.OnlyKnown(d, path, "distribution", "seconds");
                return new Noise.FixedDuration(r.Number(d, "seconds", path));
            case "exponential":
                r.OnlyKnown(d, path, "distribution", "meanSeconds");
                return new Noise.ExponentialDuration(r.Number(d, "meanSeconds", path));
            case "lognormal":
                r.OnlyKnown(d, path, "distribution", "medianSeconds", "sigma");
                return new Noise.LogNormalDuration(r.Number(d, "medianSeconds", path), r.Number(d, "sigma", path));
            case "pareto":
                r.OnlyKnown(d, path, "distribution", "scaleSeconds", "alpha");
                return new Noise.ParetoDuration(r.Number(d, "scaleSeconds", path), r.Number(d, "alpha", path));
            case "empirical":
            {
                r.OnlyKnown(d, path, "distribution", "valuesSeconds", "weights", "source", "estimate");
                if (d.TryGetProperty("source", out _) == d.TryGetProperty("estimate", out _))
                    r.Scope.Add(path, "needs exactly one of \"source\" or \"estimate\"");
                var values = PlainNumbers(r, d, "valuesSeconds", path);
                var weights = PlainNumbers(r, d, "weights", path);
                if (values.Length == 0 || values.Length != weights.Length)
                {
                    r.Scope.Add(path + ".weights", $"needs one weight per value ({values.Length} values, {weights.Length} weights; at least one)");
                    return new Noise.FixedDuration(0);
                }
                if (values.Any(v => v < 0) || weights.Any(w => w < 0) || weights.Sum() <= 0)
                {
                    r.Scope.Add(path, "values and weights must be >= 0 and the weights must not all be 0");
                    return new Noise.FixedDuration(0);
                }
                return new Noise.EmpiricalDuration(values, weights);
            }
            case "":
                return new Noise.FixedDuration(0);
            default:
                r.Scope.Add(path + ".distribution", $"'{kind}' is not one of: fixed, exponential, lognormal, pareto, empirical");
                return new Noise.FixedDuration(0);
        }
    }

    private static double[] PlainNumbers(JsonFieldReader r, JsonElement obj, string name, string path)
    {
        if (!r.TryGet(obj, name, path, JsonValueKind.Array, out var arr)) return [];
        var list = new List<double>();
        var i = 0;
        foreach (var e in arr.EnumerateArray())
        {
            if (e.ValueKind == JsonValueKind.Number && double.IsFinite(e.GetDouble())) list.Add(e.GetDouble());
            else r.Scope.Add($"{path}.{name}[{i}]", "must be a finite number");
            i++;
        }
        return [.. list];
    }

    private static AppProfile ReadApp(JsonFieldReader r, JsonElement root)
    {
        r.OnlyKnown(root, "$", "schemaVersion", "description", "name", "displayName", "scaling", "ranksPerNode", "threadsPerRank", "iterations",
            "computeSecondsPerIteration", "memoryBytesPerIteration", "footprintBytesPerRank", "heapFraction", "mappingFraction", "randomAccessFraction",
            "heap", "collectives", "halo", "syscalls", "fom", "defaultNodes");
        var h = r.Object(root, "heap", "$");
        r.OnlyKnown(h, "$.heap", "queriesPerIteration", "growthsPerIteration", "shrinksPerIteration", "grownBytesPerIteration", "peakHeapBytes", "touchedFraction");
        var heap = new HeapBehaviour(r.Number(h, "queriesPerIteration", "$.heap"), r.Number(h, "growthsPerIteration", "$.heap"),
            r.Number(h, "shrinksPerIteration", "$.heap"), r.Number(h, "grownBytesPerIteration", "$.heap"),
            r.Number(h, "peakHeapBytes", "$.heap"), r.Number(h, "touchedFraction", "$.heap"));
        var collectives = r.Array(root, "collectives", "$").Select(c =>
        {
            r.OnlyKnown(c.Item, c.Path, "kind", "bytes", "perIteration");
            return new CollectiveCall(r.Enum<CollectiveKind>(c.Item, "kind", c.Path), r.Number(c.Item, "bytes", c.Path), r.Number(c.Item, "perIteration", c.Path));
        }).ToImmutableArray();
        var ha = r.Object(root, "halo", "$");
        r.OnlyKnown(ha, "$.halo", "neighbours", "bytesPerNeighbour", "exchangesPerIteration");
        var halo = new HaloExchange(r.Number(ha, "neighbours", "$.halo"), r.Number(ha, "bytesPerNeighbour", "$.halo"), r.Number(ha, "exchangesPerIteration", "$.halo"));
        var s = r.Object(root, "syscalls", "$");
        r.OnlyKnown(s, "$.syscalls", "deviceCallsPerInterNodeMessage", "schedYieldsPerIteration", "sharedMemoryFaultsPerIteration");
        var sys = new AppSyscalls(r.Number(s, "deviceCallsPerInterNodeMessage", "$.syscalls"), r.Number(s, "schedYieldsPerIteration", "$.syscalls"),
            r.Number(s, "sharedMemoryFaultsPerIteration", "$.syscalls"));
        var f = r.Object(root, "fom", "$");
        r.OnlyKnown(f, "$.fom", "name", "unit", "workPerRankPerIteration", "scale", "higherIsBetter");
        var fom = new FigureOfMerit(r.String(f, "name", "$.fom"), r.String(f, "unit", "$.fom"), r.Number(f, "workPerRankPerIteration", "$.fom"),
            r.Number(f, "scale", "$.fom"), r.Bool(f, "higherIsBetter", "$.fom"));
        var nodes = ImmutableArray.CreateBuilder<int>();
        var nodesEl = r.Object(root, "defaultNodes", "$");
        if (nodesEl.ValueKind == JsonValueKind.Object)
        {
            r.OnlyKnown(nodesEl, "$.defaultNodes", "values", "source", "estimate");
            var hasProv = nodesEl.TryGetProperty("source", out _) ^ nodesEl.TryGetProperty("estimate", out _);
            if (!hasProv) r.Scope.Add("$.defaultNodes", "needs exactly one of \"source\" or \"estimate\"");
            if (r.TryGet(nodesEl, "values", "$.defaultNodes", JsonValueKind.Array, out var arr))
            {
                var i = 0;
                foreach (var e in arr.EnumerateArray())
                {
                    if (e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var n)) nodes.Add(n);
                    else r.Scope.Add($"$.defaultNodes.values[{i}]", "must be a whole number");
                    i++;
                }
            }
        }
        var app = new AppProfile(r.String(root, "name", "$"), r.String(root, "displayName", "$"), r.Enum<ScalingMode>(root, "scaling", "$"),
            r.Integer(root, "ranksPerNode", "$"), r.Integer(root, "threadsPerRank", "$"), r.Number(root, "iterations", "$"),
            r.Number(root, "computeSecondsPerIteration", "$"), r.Number(root, "memoryBytesPerIteration", "$"), r.Number(root, "footprintBytesPerRank", "$"),
            r.Number(root, "heapFraction", "$"), r.Number(root, "mappingFraction", "$"), r.Number(root, "randomAccessFraction", "$"),
            heap, collectives, halo, sys, fom, nodes.ToImmutable());
        if (r.Scope.Errors.Count == 0)
            foreach (var e in app.Validate(r.Scope.File))
                r.Scope.Add(e.JsonPath.StartsWith("$.defaultNodes[", StringComparison.Ordinal) ? e.JsonPath.Replace("$.defaultNodes[", "$.defaultNodes.values[", StringComparison.Ordinal) : e.JsonPath, e.Rule);
        return app with { Provenance = r.Provenance };
    }
}
