using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PerfModel.Noise;
using PerfModel.Profiles;

namespace PerfModel.Calibration.Synthesis;

/// <summary>
/// Writes profiles as JSON in exactly the schema <see cref="PerfModel.Serialization.ProfileJson"/> reads. Every number is
/// <c>{"value": x, "source": "…"}</c> or, when its provenance (<see cref="Provenance.Of"/> at its JSON path, e.g.
/// <c>$.kernel.syscallSeconds</c>) starts with "estimate: ", <c>{"value": x, "estimate": "…"}</c> with that prefix removed.
/// Numbers without recorded provenance get the source "unspecified (set in code)". Doubles are written in invariant
/// culture with round-trip precision ("R"), so parsing the text gives back the same bits. Fixed detour durations are
/// written as <c>durationSeconds</c>; other distributions in their <c>duration</c> form (empirical: valuesSeconds and
/// weights arrays, the weights being the normalised probabilities, with the provenance of <c>…duration</c>).
/// </summary>
public static class ProfileJsonWriter
{
    private const string EstimatePrefix = "estimate: ";

    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The platform as profile JSON.</summary>
    public static string Write(Platform p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return Document(w =>
        {
            var prov = p.Provenance;
            w.WriteNumber("schemaVersion", PerfModel.Serialization.ProfileJson.SchemaVersion);
            w.WriteString("name", p.Name);
            Q(w, prov, "$", "coresPerNode", p.CoresPerNode);
            Q(w, prov, "$", "appCoresPerNode", p.AppCoresPerNode);
            Q(w, prov, "$", "osCoresPerNode", p.OsCoresPerNode);
            Q(w, prov, "$", "frequencyHz", p.FrequencyHz);
            w.WriteStartArray("memoryTiers");
            var tiers = p.MemoryTiers.IsDefault ? [] : p.MemoryTiers;
            for (var i = 0; i < tiers.Length; i++)
            {
                var t = tiers[i];
                var path = $"$.memoryTiers[{i}]";
                w.WriteStartObject();
                w.WriteString("name", t.Name);
                w.WriteString("kind", Kebab(t.Kind.ToString()));
                Q(w, prov, path, "capacityBytes", t.CapacityBytes);
                Q(w, prov, path, "bandwidthBytesPerSecond", t.BandwidthBytesPerSecond);
                Q(w, prov, path, "numaDomains", t.NumaDomains);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("tlb");
            var tlb = p.Tlb.IsDefault ? [] : p.Tlb;
            for (var i = 0; i < tlb.Length; i++)
            {
                var path = $"$.tlb[{i}]";
                w.WriteStartObject();
                Q(w, prov, path, "level", tlb[i].Level);
                Q(w, prov, path, "pageSizeBytes", tlb[i].PageSizeBytes);
                Q(w, prov, path, "entries", tlb[i].Entries);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            Q(w, prov, "$", "tlbL2HitSeconds", p.TlbL2HitSeconds);
            Q(w, prov, "$", "pageWalkCachedSeconds", p.PageWalkCachedSeconds);
            Q(w, prov, "$", "pageWalkMemorySeconds", p.PageWalkMemorySeconds);
            Q(w, prov, "$", "cacheBytesPerCore", p.CacheBytesPerCore);
            w.WriteStartObject("kernel");
            var k = p.Kernel;
            Q(w, prov, "$.kernel", "syscallSeconds", k.SyscallSeconds);
            Q(w, prov, "$.kernel", "schedYieldSeconds", k.SchedYieldSeconds);
            Q(w, prov, "$.kernel", "pageFault4KSeconds", k.PageFault4KSeconds);
            Q(w, prov, "$.kernel", "pageFault2MSeconds", k.PageFault2MSeconds);
            Q(w, prov, "$.kernel", "zeroingBytesPerSecondPerCore", k.ZeroingBytesPerSecondPerCore);
            Q(w, prov, "$.kernel", "faultContentionPerRank", k.FaultContentionPerRank);
            w.WriteEndObject();
            w.WriteStartObject("network");
            var n = p.Network;
            Q(w, prov, "$.network", "latencySeconds", n.LatencySeconds);
            Q(w, prov, "$.network", "overheadSeconds", n.OverheadSeconds);
            Q(w, prov, "$.network", "gapPerByteSeconds", n.GapPerByteSeconds);
            Q(w, prov, "$.network", "intraNodeLatencySeconds", n.IntraNodeLatencySeconds);
            Q(w, prov, "$.network", "intraNodeGapPerByteSeconds", n.IntraNodeGapPerByteSeconds);
            Q(w, prov, "$.network", "reduceSecondsPerByte", n.ReduceSecondsPerByte);
            w.WriteEndObject();
            Q(w, prov, "$", "machineNodes", p.MachineNodes);
        });
    }

    /// <summary>The OS profile as profile JSON.</summary>
    public static string Write(OsProfile os)
    {
        ArgumentNullException.ThrowIfNull(os);
        return Document(w =>
        {
            var prov = os.Provenance;
            w.WriteNumber("schemaVersion", PerfModel.Serialization.ProfileJson.SchemaVersion);
            w.WriteString("name", os.Name);
            w.WriteString("displayName", os.DisplayName);
            w.WriteBoolean("lightweightKernel", os.IsLightweightKernel);
            w.WriteStartObject("noise");
            w.WriteBoolean("coScheduled", os.Noise.CoScheduled);
            w.WriteStartArray("sources");
            var sources = os.Noise.Sources.IsDefault ? [] : os.Noise.Sources;
            for (var i = 0; i < sources.Length; i++)
            {
                var s = sources[i];
                var path = $"$.noise.sources[{i}]";
                w.WriteStartObject();
                w.WriteString("name", s.Name);
                Q(w, prov, path, "ratePerSecond", s.RatePerSecond);
                if (s.Duration is FixedDuration f && !prov.ByPath.ContainsKey(path + ".duration.seconds"))
                    Q(w, prov, path, "durationSeconds", f.Seconds);
                else
                {
                    w.WriteStartObject("duration");
                    Duration(w, prov, path + ".duration", s.Duration);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject("brk");
            var b = os.Brk;
            Q(w, prov, "$.brk", "alignmentBytes", b.AlignmentBytes);
            Q(w, prov, "$.brk", "growthStepBytes", b.GrowthStepBytes);
            w.WriteBoolean("shrinkReturnsMemory", b.ShrinkReturnsMemory);
            w.WriteBoolean("prefaultAtBrk", b.PrefaultAtBrk);
            Q(w, prov, "$.brk", "zeroBytesPerGrowthStep", b.ZeroBytesPerGrowthStep);
            Q(w, prov, "$.brk", "pageBytes", b.PageBytes);
            w.WriteBoolean("transparentHugePages", b.TransparentHugePages);
            w.WriteEndObject();
            w.WriteStartObject("pages");
            var pg = os.Pages;
            Q(w, prov, "$.pages", "mappingPageBytes", pg.MappingPageBytes);
            Q(w, prov, "$.pages", "mappingLargePageFraction", pg.MappingLargePageFraction);
            Q(w, prov, "$.pages", "staticPageBytes", pg.StaticPageBytes);
            w.WriteBoolean("prefaultMappings", pg.PrefaultMappings);
            w.WriteEndObject();
            w.WriteStartObject("placement");
            w.WriteString("policy", Kebab(os.Placement.Policy.ToString()));
            Q(w, prov, "$.placement", "hbmUsableFraction", os.Placement.HbmUsableFraction);
            Q(w, prov, "$.placement", "spillPenalty", os.Placement.SpillPenalty);
            w.WriteEndObject();
            w.WriteStartObject("syscalls");
            var sc = os.Syscalls;
            w.WriteBoolean("deviceCallsOffloaded", sc.DeviceCallsOffloaded);
            Q(w, prov, "$.syscalls", "offloadLatencySeconds", sc.OffloadLatencySeconds);
            w.WriteBoolean("schedYieldIgnored", sc.SchedYieldIgnored);
            w.WriteBoolean("sharedMemoryPremapped", sc.SharedMemoryPremapped);
            w.WriteEndObject();
        });
    }

    private static void Duration(Utf8JsonWriter w, Provenance prov, string path, DurationDistribution d)
    {
        switch (d)
        {
            case FixedDuration f:
                w.WriteString("distribution", "fixed");
                Q(w, prov, path, "seconds", f.Seconds);
                break;
            case ExponentialDuration e:
                w.WriteString("distribution", "exponential");
                Q(w, prov, path, "meanSeconds", e.Mean);
                break;
            case LogNormalDuration l:
                w.WriteString("distribution", "lognormal");
                Q(w, prov, path, "medianSeconds", l.Median);
                Q(w, prov, path, "sigma", l.Sigma);
                break;
            case ParetoDuration p:
                w.WriteString("distribution", "pareto");
                Q(w, prov, path, "scaleSeconds", p.Scale);
                Q(w, prov, path, "alpha", p.Alpha);
                break;
            case EmpiricalDuration emp:
                w.WriteString("distribution", "empirical");
                w.WriteStartArray("valuesSeconds");
                foreach (var v in emp.ValuesSeconds) w.WriteRawValue(Num(v, path + ".valuesSeconds"));
                w.WriteEndArray();
                w.WriteStartArray("weights");
                foreach (var v in emp.Probabilities) w.WriteRawValue(Num(v, path + ".weights"));
                w.WriteEndArray();
                ProvenanceField(w, prov.Of(path));
                break;
            default:
                throw new ArgumentException($"{path}: the schema has no form for {d.GetType().Name}", nameof(d));
        }
    }

    /// <summary>Writes <c>"name": {"value": x, "source"|"estimate": "…"}</c> with the provenance of path.name.</summary>
    private static void Q(Utf8JsonWriter w, Provenance prov, string path, string name, double value)
    {
        var full = $"{path}.{name}";
        w.WriteStartObject(name);
        w.WritePropertyName("value");
        w.WriteRawValue(Num(value, full));
        ProvenanceField(w, prov.Of(full));
        w.WriteEndObject();
    }

    private static void ProvenanceField(Utf8JsonWriter w, string text)
    {
        if (text.StartsWith(EstimatePrefix, StringComparison.Ordinal)) w.WriteString("estimate", text[EstimatePrefix.Length..]);
        else w.WriteString("source", text);
    }

    private static string Num(double v, string path)
    {
        if (!double.IsFinite(v)) throw new ArgumentException($"{path}: {v} cannot be written as a JSON number");
        return v.ToString("R", CultureInfo.InvariantCulture);
    }

    private static string Document(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>PascalCase enum name to the schema's kebab-case ("HbmIfFitsElseDdr" → "hbm-if-fits-else-ddr").</summary>
    private static string Kebab(string pascal)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0) sb.Append('-');
            sb.Append(char.ToLowerInvariant(pascal[i]));
        }
        return sb.ToString();
    }
}
