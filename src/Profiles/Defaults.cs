using System.Collections.Immutable;
using System.Reflection;
using PerfModel.Descriptions;
using PerfModel.Profiles.Json;
using PerfModel.Validation;

namespace PerfModel.Profiles;

/// <summary>
/// The default profiles, embedded in this assembly (the repository's data/ folder): the Oakforest-PACS KNL platform, the
/// paper's three OSes and its eight applications, every number with its source. <see cref="Study"/> puts them together
/// with Linux as the baseline:
/// <code>
/// var study = Defaults.Study();
/// var sweep = study.Sweep(apps: ["minife"], nodes: Nodes.PowersOfTwo(1, 2048));
/// </code>
/// Nothing is cached: every call parses the embedded text again (a few milliseconds) and returns new immutable objects.
/// </summary>
public static class Defaults
{
    /// <summary>The embedded platform file.</summary>
    public const string PlatformFile = "platforms/oakforest-pacs-knl7250.json";

    /// <summary>The default OSes, in display order; the first is the baseline.</summary>
    public static readonly ImmutableArray<string> OsNames = [PaperTargets.Linux, PaperTargets.McKernel, PaperTargets.Mos];

    /// <summary>The default applications, in display order.</summary>
    public static readonly ImmutableArray<string> AppNames = ["amg2013", "ccs-qcd", "geofem", "hpcg", "lammps", "lulesh2", "milc", "minife"];

    /// <summary>The default platform: an Oakforest-PACS node (Xeon Phi 7250 KNL, MCDRAM + DDR4, SNC-4).</summary>
    public static Platform Platform() => ProfileJson.ParsePlatform(ReadEmbedded(PlatformFile), "data/" + PlatformFile);

    /// <summary>The data file of a default profile, relative to data/: "platforms/oakforest-pacs-knl7250.json" (whatever
    /// the name), "os/{name}.json", "apps/{name}.json".</summary>
    public static string FileOf(ProfileKind kind, string name) => kind switch
    {
        ProfileKind.Platform => PlatformFile,
        ProfileKind.Os => $"os/{name}.json",
        ProfileKind.App => $"apps/{name}.json",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a profile kind"),
    };

    /// <summary>A default OS by name ("linux", "mckernel", "mos").</summary>
    /// <exception cref="KeyNotFoundException">Not a default OS; the message lists them.</exception>
    public static OsProfile Os(string name) => OsNames.Contains(name)
        ? ProfileJson.ParseOs(ReadEmbedded(FileOf(ProfileKind.Os, name)), "data/" + FileOf(ProfileKind.Os, name))
        : throw new KeyNotFoundException($"unknown default OS '{name}'; known: {string.Join(", ", OsNames)}");

    /// <summary>A default application by name.</summary>
    /// <exception cref="KeyNotFoundException">Not a default application; the message lists them.</exception>
    public static AppProfile App(string name) => AppNames.Contains(name)
        ? ProfileJson.ParseApp(ReadEmbedded(FileOf(ProfileKind.App, name)), "data/" + FileOf(ProfileKind.App, name))
        : throw new KeyNotFoundException($"unknown default application '{name}'; known: {string.Join(", ", AppNames)}");

    /// <summary>The default study: the platform, the three OSes, the eight applications, Linux as the baseline, the default predictor.</summary>
    public static Study Study() => new()
    {
        Platform = Platform(),
        Oses = [.. OsNames.Select(Os)],
        Apps = [.. AppNames.Select(App)],
        Baseline = PaperTargets.Linux,
    };

    /// <summary>The text of an embedded data file ("os/linux.json", "schemas/os.schema.json").</summary>
    /// <exception cref="ProfileValidationException">Not embedded in this build.</exception>
    public static string ReadEmbedded(string name)
    {
        using var stream = typeof(Defaults).Assembly.GetManifestResourceStream("data/" + name)
            ?? throw new ProfileValidationException([new ValidationError("data/" + name, "$", "embedded default data file is missing from this build")]);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
