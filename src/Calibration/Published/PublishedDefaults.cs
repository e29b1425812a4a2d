using System.Collections.Immutable;
using System.Text.Json.Nodes;
using PerfModel.Calibration.Fitting;
using PerfModel.Descriptions;
using PerfModel.Profiles.Json;
using PerfModel.Profiles.Schema;

namespace PerfModel.Calibration.Published;

/// <summary>
/// The default profiles regenerated from published measurements — what <c>perfmodel calibrate import --from data/measured
/// --out data</c> writes: the platform (<see cref="PublishedPlatform"/>) and the Linux, McKernel and mOS noise
/// (<see cref="PublishedNoise"/>), each the template of the same name in the templates directory (every field the
/// measurements do not give, with its own provenance) completed with the fitted fields (<see cref="ProfileTemplate"/>).
/// The assumptions the derivations need are read from the templates directory's <c>assumptions.json</c>
/// (<see cref="ImportAssumptions"/>). Deterministic for a seed: the checked-in defaults are exactly this output
/// (tests/…/PublishedDefaultsTests).
/// </summary>
public static class PublishedDefaults
{
    /// <summary>The seed of every bootstrap of the checked-in defaults.</summary>
    public const int DefaultSeed = 1729;

    /// <summary>The platform file, relative to the output directory.</summary>
    public const string PlatformFile = "platforms/oakforest-pacs-knl7250.json";

    /// <summary>The OS profiles, by name; their files are <c>os/NAME.json</c> under the output directory.</summary>
    public static readonly ImmutableArray<string> OsNames = ["linux", "mckernel", "mos"];

    /// <summary>Fits every measurement in <paramref name="measuredDir"/> and completes the templates in
    /// <paramref name="templatesDir"/>.</summary>
    /// <exception cref="PublishedDataException">A measurement or template file is missing or malformed, or a completed
    /// profile breaks a profile rule (each error names the file).</exception>
    public static PublishedDefaultsResult Build(string measuredDir, string templatesDir, int seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(measuredDir);
        ArgumentNullException.ThrowIfNull(templatesDir);
        var assumptionsFile = Path.Combine(templatesDir, "assumptions.json");
        var assumptions = ImportAssumptions.Load(assumptionsFile);
        var inputs = ImmutableArray.CreateBuilder<string>();
        inputs.Add(assumptionsFile);

        var files = ImmutableArray.CreateBuilder<PublishedProfileFile>();
        var platform = PublishedPlatform.Fit(measuredDir, assumptions, seed);
        inputs.AddRange(PublishedPlatform.Inputs.Select(f => Path.Combine(measuredDir, f)));
        var platformTemplate = Path.Combine(templatesDir, "platform.json");
        files.Add(new PublishedProfileFile(PlatformFile, ProfileTemplate.CompletePlatform(Template(platformTemplate), platformTemplate, platform.Fields)));
        inputs.Add(platformTemplate);

        var (classes, noise) = PublishedNoise.Fit(measuredDir, assumptions, seed);
        inputs.AddRange(PublishedNoise.Inputs.Select(f => Path.Combine(measuredDir, f)));
        var fits = ImmutableArray.CreateBuilder<PublishedFit>();
        fits.AddRange(platform.Fits);
        var notes = ImmutableArray.CreateBuilder<string>();
        foreach (var os in OsNames)
        {
            var template = Path.Combine(templatesDir, os + ".json");
            var text = Template(template);
            var derived = noise.For(os);
            var estimates = derived.AllEstimates.ToArray();
            var node = NoiseNode(text, template, derived.Profile, estimates);
            files.Add(new PublishedProfileFile($"os/{os}.json", ProfileTemplate.CompleteOs(text, template, [new TemplateField("$.noise", node)])));
            inputs.Add(template);
            fits.AddRange(estimates.Select(e => new PublishedFit(os, e.JsonPath, e, e.Provenance ?? e.Method)));
            notes.AddRange(derived.Notes.Select(n => $"{os}: {n}"));
        }
        return new PublishedDefaultsResult(files.ToImmutable(), fits.ToImmutable(), notes.ToImmutable(), [.. inputs.Distinct(StringComparer.Ordinal)])
        {
            Platform = platform, NoiseClasses = classes, Noise = noise, Assumptions = assumptions,
        };
    }

    private static string Template(string path)
    {
        try
        {
            return Profiles.Files.InputFile.ReadText(path, Profiles.Files.InputFile.MaxProfileBytes, "profile template");
        }
        catch (ProfileValidationException e)
        {
            throw new PublishedDataException(path, null, "file", e.Errors.Count > 0 ? e.Errors[0].Rule : e.Message);
        }
    }

    /// <summary>
    /// The <c>noise</c> section of a profile as the project's writer writes it: the template is read with a quiet noise
    /// section, given <paramref name="noise"/> and, for every estimate with a path, its provenance text and 95% interval,
    /// written, and the section taken from the result (so the noise JSON follows the one writer, not a second one).
    /// </summary>
    private static JsonNode NoiseNode(string templateJson, string templateFile, NoiseProfile noise, IEnumerable<ParameterEstimate> estimates)
    {
        var quiet = ProfileTemplate.CompleteOs(templateJson, templateFile,
            [new TemplateField("$.noise", new JsonObject { ["coScheduled"] = false, ["sources"] = new JsonArray() })]);
        var os = ProfileJson.ParseOs(quiet, templateFile) with { Noise = noise };
        var byPath = os.Provenance.ByPath;
        foreach (var e in estimates)
        {
            if (e.JsonPath is null) continue;
            var value = ProfilePaths.At(os, e.JsonPath)
                ?? throw new PublishedDataException(templateFile, null, e.JsonPath, $"the derived noise has no field for the estimate '{e.Name}'");
            var entry = new ProvenanceEntry(e.Provenance ?? e.Method, value.Value);
            var v = Convert.ToDouble(value.Value, System.Globalization.CultureInfo.InvariantCulture);
            if (e.Lower95 < e.Upper95 && double.IsFinite(e.Lower95) && double.IsFinite(e.Upper95))
                entry = entry with { Range = new ValueRange(Math.Min(e.Lower95, v), Math.Max(e.Upper95, v)) };
            byPath = byPath.SetItem(e.JsonPath, entry);
        }
        var written = ProfileJsonWriter.Write(os with { Provenance = new Provenance(byPath) });
        return JsonNode.Parse(written)!["noise"]!.DeepClone();
    }
}
