using System.Collections.Immutable;
using System.Reflection;
using PerfModel.Profiles;
using PerfModel.Serialization;

namespace PerfModel.Calibration.Profiles;

/// <summary>Loads profiles from files or from the default data embedded in this assembly (the repository's data/ folder).
/// Every failure, a missing file included, is a <see cref="ProfileValidationException"/> naming the file.</summary>
public static class ProfileLoader
{
    public const string DefaultPlatform = "platforms/oakforest-pacs-knl7250.json";
    public static readonly ImmutableArray<string> DefaultOses = ["linux", "mckernel", "mos"];
    public static readonly ImmutableArray<string> DefaultApps = ["amg2013", "ccs-qcd", "geofem", "hpcg", "lammps", "lulesh2", "milc", "minife"];

    /// <summary>The embedded default platform, the three OSes and the eight applications.</summary>
    public static ProfileSet LoadDefaults()
    {
        var platform = ProfileJson.ParsePlatform(ReadEmbedded(DefaultPlatform), "data/" + DefaultPlatform);
        var oses = DefaultOses.Select(DefaultOs).ToImmutableArray();
        var apps = DefaultApps.Select(a => ProfileJson.ParseApp(ReadEmbedded($"apps/{a}.json"), $"data/apps/{a}.json")).ToImmutableArray();
        ValidateAgainstPlatform(platform, apps);
        return new ProfileSet(platform, oses, apps);
    }

    /// <summary>A default OS profile by name ("linux", "mckernel", "mos").</summary>
    public static OsProfile DefaultOs(string name) => ProfileJson.ParseOs(ReadEmbedded($"os/{name}.json"), $"data/os/{name}.json");

    public static Platform LoadPlatform(string path) => ProfileJson.ParsePlatform(ReadFile(path), path);

    public static OsProfile LoadOs(string path) => ProfileJson.ParseOs(ReadFile(path), path);

    public static AppProfile LoadApp(string path) => ProfileJson.ParseApp(ReadFile(path), path);

    /// <summary>Checks rules that need both the platform and an application (ranks x threads within the app cores).</summary>
    public static void ValidateAgainstPlatform(Platform platform, IEnumerable<AppProfile> apps)
    {
        var errors = apps.SelectMany(a => a.Validate($"app '{a.Name}'", platform)).ToArray();
        if (errors.Length > 0) throw new ProfileValidationException(errors);
    }

    private static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var why = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : "cannot be read: " + e.Message;
            throw new ProfileValidationException([new ValidationError(path, "$", why)]);
        }
    }

    private static string ReadEmbedded(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("data/" + name)
            ?? throw new ProfileValidationException([new ValidationError("data/" + name, "$", "embedded default profile is missing from this build")]);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
