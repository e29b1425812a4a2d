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
    public static Study Load(string? platformFile, IEnumerable<string>? osFiles = null, IEnumerable<string>? appFiles = null) =>
        LoadWithNotices(platformFile, osFiles, appFiles, null);

    /// <summary>Loads the study as <see cref="Load(string?, IEnumerable{string}?, IEnumerable{string}?)"/>, and adds to
    /// <paramref name="notices"/> one line per file that replaces a built-in profile of the same name ("x.json replaces
    /// the built-in application 'lammps'"): replacing is what a file of a built-in's name does, so it is said, not
    /// silent — a front end shows these lines (the command line on standard error).</summary>
    /// <exception cref="ProfileValidationException">As the other overload.</exception>
    public static Study LoadWithNotices(string? platformFile, IEnumerable<string>? osFiles, IEnumerable<string>? appFiles, ICollection<string>? notices)
    {
        var study = Defaults.Study();
        var errors = new List<ValidationError>();
        Platform? platform = null;
        if (platformFile is not null) Collect(errors, () => platform = ProfileFiles.LoadPlatform(platformFile));
        var oses = new List<(OsProfile Os, string File)>();
        foreach (var f in osFiles ?? []) Collect(errors, () => oses.Add((ProfileFiles.LoadOs(f), f)));
        var apps = new List<(AppProfile App, string File)>();
        foreach (var f in appFiles ?? []) Collect(errors, () => apps.Add((ProfileFiles.LoadApp(f), f)));
        if (errors.Count > 0) throw new ProfileValidationException(errors);

        if (platform is not null) study = study with { Apps = [], Platform = platform };
        foreach (var (os, file) in oses)
        {
            if (Defaults.OsNames.Contains(os.Name)) notices?.Add($"{file} replaces the built-in OS '{os.Name}'");
            study = study.With(os);
        }
        var allApps = Defaults.AppNames.Select(Defaults.App).Select(a => (App: a, File: $"data/apps/{a.Name}.json")).ToList();
        foreach (var (app, file) in apps)
        {
            var i = allApps.FindIndex(x => x.App.Name == app.Name);
            if (i >= 0 && Defaults.AppNames.Contains(app.Name) && allApps[i].File == $"data/apps/{app.Name}.json")
                notices?.Add($"{file} replaces the built-in application '{app.Name}'");
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
