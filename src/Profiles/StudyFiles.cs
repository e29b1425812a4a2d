using System.Collections.Immutable;
using PerfModel.Descriptions;
using PerfModel.Profiles.Files;

namespace PerfModel.Profiles;

/// <summary>A study from the defaults with profiles from files: a platform file replaces the default platform; each OS or
/// application file replaces the default of the same name or is added after them.</summary>
public static class StudyFiles
{
    /// <summary>Loads the study.</summary>
    /// <param name="platformFile">Platform file, or null for the default platform.</param>
    /// <param name="osFiles">OS files.</param>
    /// <param name="appFiles">Application files.</param>
    /// <exception cref="ProfileValidationException">A file is missing or breaks a rule, or an application needs more
    /// cores than the platform gives it (reported against the application's file).</exception>
    public static Study Load(string? platformFile, IEnumerable<string>? osFiles = null, IEnumerable<string>? appFiles = null)
    {
        var study = Defaults.Study();
        var errors = new List<ValidationError>();
        Platform? platform = null;
        if (platformFile is not null) Collect(errors, () => platform = ProfileFiles.LoadPlatform(platformFile));
        var oses = new List<OsProfile>();
        foreach (var f in osFiles ?? []) Collect(errors, () => oses.Add(ProfileFiles.LoadOs(f)));
        var apps = new List<(AppProfile App, string File)>();
        foreach (var f in appFiles ?? []) Collect(errors, () => apps.Add((ProfileFiles.LoadApp(f), f)));
        if (errors.Count > 0) throw new ProfileValidationException(errors);

        if (platform is not null) study = study with { Apps = [], Platform = platform };
        foreach (var os in oses) study = study.With(os);
        var allApps = Defaults.AppNames.Select(Defaults.App).Select(a => (App: a, File: $"data/apps/{a.Name}.json")).ToList();
        foreach (var (app, file) in apps)
        {
            var i = allApps.FindIndex(x => x.App.Name == app.Name);
            if (i >= 0) allApps[i] = (app, file); else allApps.Add((app, file));
        }
        foreach (var (app, file) in allApps)
        {
            var violation = Scenario.CoreViolation(study.Platform, app);
            if (violation is not null) errors.Add(new ValidationError(file, "$.ranksPerNode", violation));
        }
        if (errors.Count > 0) throw new ProfileValidationException(errors);
        return study with { Apps = [.. allApps.Select(a => a.App)] };
    }

    private static void Collect(List<ValidationError> errors, Action load)
    {
        try
        {
            load();
        }
        catch (ProfileValidationException e)
        {
            errors.AddRange(e.Errors);
        }
    }
}
