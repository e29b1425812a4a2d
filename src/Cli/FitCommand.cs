using System.CommandLine;
using PerfModel.Calibration.Published;
using System.Globalization;
using System.Text;
using PerfModel.Calibration.Fitting;
using PerfModel.Descriptions;
using PerfModel.Profiles;
using PerfModel.Profiles.Files;
using PerfModel.Reports.Formats;
using PerfModel.Validation;

namespace PerfModel.Cli;

/// <summary><c>perfmodel fit</c>: re-run the documented fit of the parameters fitted to a published number
/// (<see cref="PaperFit"/>), show before/after, and optionally write the fitted values into a data directory.</summary>
public static class FitCommand
{
    /// <summary>The command, writing results to <paramref name="output"/> and messages to <paramref name="errors"/>.</summary>
    public static Command Create(TextWriter output, TextWriter errors, Func<Action, int> run)
    {
        var fitted = string.Join(", ", PaperTargets.All.Where(t => t.Fitted).Select(t => t.Id));
        var cmd = new Command("fit", "Fit the parameters a validation row names to that row's published number: one common scale factor, found by " +
                                     "bisection, stored to 3 significant digits. This is how every FITTED number in data/ was made; run it after a " +
                                     $"model change to refit. Fitted rows: {fitted}.");
        var rows = new Option<string[]>("--row") { Description = "Rows to fit, in order (repeat or comma-separate). Default: every fitted row, in table order (each fit sees the previous ones).", AllowMultipleArgumentsPerToken = true };
        var update = new Option<string?>("--update-data")
        {
            Description = "Data directory (e.g. data) whose profile files get the fitted values: only each \"value\" changes; the FITTED provenance text stays. " +
                          "Checked before the fit (an existing directory where files can be created); the changed files are written together or not at all, " +
                          "each atomically, and a profile that is a device, FIFO or directory is refused.",
        };
        var platform = new Option<string?>("--platform") { Description = "Platform profile JSON to use instead of the embedded one." };
        var osFiles = new Option<string[]>("--os-file") { Description = "OS profile JSON replacing the default of the same name. Repeatable.", DefaultValueFactory = _ => [] };
        var appFiles = new Option<string[]>("--app-file") { Description = "Application profile JSON replacing the default of the same name. Repeatable.", DefaultValueFactory = _ => [] };
        foreach (var o in new Option[] { rows, update, platform, osFiles, appFiles }) cmd.Options.Add(o);
        cmd.SetAction(pr => run(() =>
        {
            if (pr.GetValue(update) is { } dataDir)
            {
                OutputChecks.Directory(dataDir, [], "--update-data");
                if (!Directory.Exists(dataDir)) throw new IOException($"--update-data {dataDir}: no such directory (give the data directory whose profiles to update, e.g. data)");
            }
            var ids = PerfModelCommand.RowIds(pr.GetValue(rows));
            var targets = ids.Length == 0 ? PaperTargets.All.Where(t => t.Fitted).ToArray() : ids.Select(PaperTargets.Get).ToArray();
            foreach (var t in targets.Where(t => !t.Fitted))
                throw new FormatException($"--row {ErrorLine.Echo(t.Id)}: no parameter is fitted to row '{t.Id}'; fitted rows: {fitted}");
            var study = StudyFiles.Load(pr.GetValue(platform), pr.GetValue(osFiles) ?? [], pr.GetValue(appFiles) ?? []);
            var results = new List<PaperFitResult>();
            foreach (var t in targets)
            {
                errors.WriteLine($"fitting {t.Id} ...");
                var r = PaperFit.Fit(study, t);
                results.Add(r);
                study = r.Fitted;
            }
            output.Write(Render(results));
            if (pr.GetValue(update) is { } dir) Update(errors, dir, results);
        }));
        return cmd;
    }

    private static string Render(IReadOnlyList<PaperFitResult> results)
    {
        var rows = new List<string[]> { new[] { "row", "parameter", "before", "after", "scale", "effect error before", "after" } };
        foreach (var r in results)
            foreach (var v in r.Values)
                rows.Add([r.Target.Id, v.Parameter.ToString(), G(v.Before), G(v.After), r.Scale.ToString("0.0000", CultureInfo.InvariantCulture), r.Before.ErrorText, r.After.ErrorText]);
        var sb = new StringBuilder(TextTable.Render(rows, leftAligned: 2));
        var changed = results.Count(r => !r.Unchanged);
        sb.Append('\n').Append(changed == 0 ? "Every fitted value is already the fit (each rounds to its stored value)." : $"{changed} of {results.Count} rows changed their fitted values.").Append('\n');
        return sb.ToString();
    }

    /// <summary>
    /// Writes the fitted values into the data directory. Application profiles are patched in place (only each "value"
    /// changes). The platform and OS profiles are made by <c>calibrate import</c> from the templates in
    /// <c>DIR/templates</c>: there the template is patched and the four generated profiles are made again from
    /// <c>DIR/measured</c> with the default seed, so that they stay exactly the import's output. All files are written
    /// together or not at all.
    /// </summary>
    private static void Update(TextWriter errors, string dataDir, IReadOnlyList<PaperFitResult> results)
    {
        var last = new Dictionary<(ProfileKind, string, string), FittedValue>();
        foreach (var v in results.SelectMany(r => r.Values)) last[(v.Parameter.Kind, v.Parameter.Profile, v.JsonPath)] = v;
        var templates = Path.Combine(dataDir, "templates");
        string Target(FittedValue v) => v.Parameter.Kind == ProfileKind.App
            ? Path.Combine(dataDir, Defaults.FileOf(v.Parameter.Kind, v.Parameter.Profile))
            : Path.Combine(templates, v.Parameter.Kind == ProfileKind.Platform ? "platform.json" : v.Parameter.Profile + ".json");
        var groups = last.Values.Where(v => v.Before != v.After).GroupBy(Target).ToArray();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var file = group.Key;
            // Checked before it is read: a FIFO or device in its place would block or never end.
            OutputChecks.File(file, [], "--update-data");
            if (!File.Exists(file)) throw new FileNotFoundException($"{file}: no such profile file in the data directory {dataDir}", file);
            texts[file] = group.Aggregate(ProfileFiles.Read(file), (t, v) => ProfileFilePatch.SetValue(t, v.JsonPath, v.After, file));
        }
        using (var files = new AtomicFileSet())
        {
            foreach (var (file, text) in texts) files.WriteAllText(file, text);
            if (groups.Any(g => g.First().Parameter.Kind != ProfileKind.App))
            {
                // The generated profiles, made again from the patched templates (read from the staged texts).
                var staged = Directory.CreateTempSubdirectory("perfmodel-templates-");
                try
                {
                    foreach (var f in Directory.GetFiles(templates)) File.Copy(f, Path.Combine(staged.FullName, Path.GetFileName(f)));
                    foreach (var (file, text) in texts.Where(t => Path.GetDirectoryName(t.Key) == templates))
                        File.WriteAllText(Path.Combine(staged.FullName, Path.GetFileName(file)), text);
                    var made = PublishedDefaults.Build(Path.Combine(dataDir, "measured"), staged.FullName);
                    foreach (var f in made.Files) files.WriteAllText(Path.Combine(dataDir, f.RelativePath), f.Json);
                }
                finally
                {
                    staged.Delete(recursive: true);
                }
            }
            files.Commit();
        }
        foreach (var group in groups)
            errors.WriteLine($"updated {group.Key}: {string.Join(", ", group.Select(v => $"{v.JsonPath} = {G(v.After)}"))}");
        if (groups.Any(g => g.First().Parameter.Kind != ProfileKind.App))
            errors.WriteLine($"made the platform and OS profiles in {dataDir} again from its templates (calibrate import)");
    }

    private static string G(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
