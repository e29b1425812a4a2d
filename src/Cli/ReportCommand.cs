using System.CommandLine;
using PerfModel.Reports.Content;
using PerfModel.Reports.Files;

namespace PerfModel.Cli;

/// <summary><c>perfmodel report</c>: the figures and tables of the model as one offline HTML page, CSV data and PNG/SVG images.</summary>
public static class ReportCommand
{
    /// <summary>The command.</summary>
    /// <param name="log">Progress lines and the summary.</param>
    /// <param name="run">Maps expected failures to exit codes (bad profile 1, bad option / I/O 2).</param>
    /// <param name="figures">The figure source: computes the report's figures from its data.</param>
    /// <returns>The command.</returns>
    public static Command Create(TextWriter log, Func<Action, int> run, Func<ReportData, IReadOnlyList<Figure>> figures)
    {
        var cmd = new Command("report", "Write the report: DIR/index.html (one self-contained page that opens offline: every figure with its caption, " +
                                        "Table I and the validation table), DIR/data/<name>.csv for every figure and table, and DIR/figures/<name>.png|svg " +
                                        "drawn by headless Chromium (/usr/bin/chromium; without it the HTML and CSV are still written). The directory is " +
                                        "built aside and moved into place only when complete.");
        var outDir = new Option<string>("--out") {
            Description = "Report directory (replaced if it holds a previous report; any other non-empty directory is refused). Checked before any work: " +
                          "a directory or nothing (a link is followed), no input file inside, a file can be created there. Missing parents are created, " +
                          "and removed again if the report fails.",
            DefaultValueFactory = _ => "out/report",
        };
        var platform = new Option<string?>("--platform") { Description = "Platform profile JSON to use instead of the embedded Oakforest-PACS KNL profile." };
        var osFiles = new Option<string[]>("--os-file") { Description = "OS profile JSON; replaces the default OS of the same name or adds a new one. Repeatable.", DefaultValueFactory = _ => [] };
        var appFiles = new Option<string[]>("--app-file") { Description = "Application profile JSON; replaces the default application of the same name or adds one. Repeatable.", DefaultValueFactory = _ => [] };
        var noImages = new Option<bool>("--no-images") { Description = "Skip the PNG/SVG images (no browser is started)." };
        var noSensitivity = new Option<bool>("--no-sensitivity") { Description = "Skip the knife-edge search of the validation table (parameters whose declared range flips a row; about 40 s on two cores, with progress on stderr)." };
        foreach (var o in new Option[] { outDir, platform, osFiles, appFiles, noImages, noSensitivity }) cmd.Options.Add(o);

        cmd.SetAction(pr => run(() =>
        {
            var dir = pr.GetValue(outDir)!;
            var inputs = new[] { pr.GetValue(platform) }.Concat(pr.GetValue(osFiles) ?? []).Concat(pr.GetValue(appFiles) ?? []).OfType<string>();
            OutputChecks.Named("--out", () => ReportWriter.CheckDestination(dir, inputs));
            var sel = ProfileSelection.Build(pr.GetValue(platform), pr.GetValue(osFiles) ?? [], pr.GetValue(appFiles) ?? [], null, null);
            foreach (var notice in sel.Notices) log.WriteLine("note: " + ErrorLine.Escape(notice));
            var data = ReportData.Compute(sel.Study);
            if (!pr.GetValue(noSensitivity))
            {
                log.WriteLine("looking for knife edges in the validation table (--no-sensitivity skips this) ...");
                data = data.WithKnifeEdges(new KnifeEdgeLog(log));
            }
            var figureList = figures(data);
            var tables = ReportTables.All(data);
            var intro = $"Model predictions for {sel.Study.Platform.Name}: {string.Join(", ", sel.Study.Oses.Select(o => o.DisplayName))}; " +
                        $"{string.Join(", ", sel.Study.Apps.Select(a => a.DisplayName))}. Profiles: the embedded defaults" +
                        (sel.InputFiles.Length == 0 ? "." : $", replaced or extended by {string.Join(", ", sel.InputFiles.Select(Path.GetFileName))}.");
            ReportWriter.Write(figureList, tables, dir, new ReportWriterOptions(Images: !pr.GetValue(noImages), Introduction: intro), log);
        }));
        return cmd;
    }
}
