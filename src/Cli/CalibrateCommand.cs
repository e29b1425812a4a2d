using System.CommandLine;
using PerfModel.Calibration.Published;
using System.Globalization;
using System.Text;
using PerfModel.Calibration.Benchmarks;
using PerfModel.Calibration.Fitting;
using PerfModel.Calibration.Io;
using PerfModel.Calibration.Measurements;
using PerfModel.Calibration.Synthesis;
using PerfModel.Profiles;
using PerfModel.Profiles.Files;
using PerfModel.Profiles.Json;
using PerfModel.Reports.Formats;
using Spectre.Console;

namespace PerfModel.Cli;

/// <summary><c>perfmodel calibrate</c>: run the micro-benchmarks on this Linux machine, fit a platform and a Linux OS
/// profile with 95% intervals, and write them with the raw measurements; <c>calibrate merge DIR</c> pools several nodes.</summary>
public static class CalibrateCommand
{
    /// <summary>The command (with its <c>merge</c> subcommand), writing results to <paramref name="output"/> and progress to <paramref name="errors"/>.</summary>
    public static Command Create(TextWriter output, TextWriter errors, Func<Action, int> run)
    {
        var cmd = new Command("calibrate", "Measure this Linux machine with real micro-benchmarks (FWQ noise, page faults, brk, TLB, memory bandwidth, " +
                                            "syscalls) and fit a platform profile and a Linux OS profile (with bootstrap 95% intervals) that predict --platform/--os-file accept. " +
                                            "Run it unchanged on every node of a cluster (srun, mpirun, pdsh): each node writes files named after its host; then 'calibrate merge DIR'.");
        var quick = new Option<bool>("--quick") { Description = "Short run: under 60 s on a 2-core machine." };
        var only = new Option<string?>("--only") { Description = "Comma-separated subset (at least one): fwq, faults, brk, tlb, bandwidth, syscall." };
        var outDir = new Option<string>("--out")
        {
            Description = "Output directory (created if missing). Checked before the benchmarks run: it must be a directory (or not exist yet) " +
                          "where files can be created. All files of a run are staged and renamed into place together: a failure leaves the previous files.",
            DefaultValueFactory = _ => "out/calibration",
        };
        var seed = CliLimits.Whole("--seed", "Seed of the bootstrap and the pointer-chase permutation.", int.MinValue, int.MaxValue, 1729);
        foreach (var o in new Option[] { quick, only, outDir, seed }) cmd.Options.Add(o);
        cmd.SetAction(pr => run(() => Calibrate(output, errors, pr.GetValue(quick), pr.GetValue(only), pr.GetValue(outDir)!, pr.GetValue(seed))));

        var merge = new Command("merge", "Pool the per-host profiles in DIR (written by calibrate on each node) into one profile and show how the nodes differ. " +
                                         "DIR/merged.platform.json and DIR/merged.linux.json are written together or not at all (each by the rules of --out of predict).");
        var dir = new Argument<string>("DIR") { Description = "Directory holding <host>.platform.json and <host>.linux.json files." };
        merge.Arguments.Add(dir);
        merge.SetAction(pr => run(() => Merge(output, pr.GetValue(dir)!)));
        cmd.Subcommands.Add(merge);
        cmd.Subcommands.Add(Import(output, errors, run));
        return cmd;
    }

    private static void Calibrate(TextWriter output, TextWriter errors, bool quick, string? only, string outDir, int seed)
    {
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException($"calibrate measures a Linux machine (page faults, brk, sched_setaffinity via libc); this is {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
        var benchmarks = only is null
            ? MicroBenchmarks.All
            : Benchmarks(only);
        var options = new BenchmarkOptions(quick, Scale: 1, Seed: seed);
        var host = HostName();
        CheckTargets(outDir, host);
        var date = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var estimate = TimeSpan.FromSeconds(benchmarks.Sum(b => b.Estimate(options).TotalSeconds));
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(errors) });
        console.MarkupLine($"calibrating [bold]{Markup.Escape(host)}[/] ({(quick ? "quick" : "full")}): {string.Join(", ", benchmarks.Select(b => b.Name))} — about {estimate.TotalSeconds:0} s");

        var results = new List<BenchmarkResult>();
        var started = DateTime.UtcNow;
        if (console.Profile.Capabilities.Interactive)
        {
            console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    foreach (var b in benchmarks)
                    {
                        var task = ctx.AddTask(b.Name, maxValue: 1.0);
                        results.Add(b.Run(options, new TaskProgress(task)));
                        task.Value = 1.0;
                    }
                });
        }
        else
        {
            foreach (var b in benchmarks)
            {
                errors.WriteLine($"  {b.Name} (about {b.Estimate(options).TotalSeconds:0} s) ...");
                var t0 = DateTime.UtcNow;
                var r = b.Run(options);
                results.Add(r);
                errors.WriteLine($"  {b.Name}: {(r.Skipped ? "skipped: " + r.SkipReason : $"{r.Series.Sum(s => s.Count)} points")} in {(DateTime.UtcNow - t0).TotalSeconds:0.0} s");
            }
        }

        var defaults = Defaults.Study();
        var calibrated = CalibratedProfiles.Build(defaults.Platform, defaults.BaselineOs, results, host, date, seed);
        var rawDir = Path.Combine(outDir, host, "raw");
        var platformFile = Path.Combine(outDir, host + ".platform.json");
        var osFile = Path.Combine(outDir, host + ".linux.json");
        using (var files = new AtomicFileSet())
        {
            foreach (var r in results) files.WriteAllText(Path.Combine(rawDir, r.Benchmark + ".csv"), SeriesCsv.Write(r));
            var fwq = results.FirstOrDefault(r => r.Benchmark == "fwq" && !r.Skipped);
            if (fwq is not null) files.WriteAllText(Path.Combine(rawDir, "fwq-trace.csv"), FwqBenchmark.TraceCsv(fwq));
            files.WriteAllText(platformFile, ProfileJsonWriter.Write(calibrated.Platform));
            files.WriteAllText(osFile, ProfileJsonWriter.Write(calibrated.Os));
            files.WriteAllText(Path.Combine(outDir, host + ".estimates.csv"), EstimatesCsv(calibrated.Estimates));
            files.Commit();
        }

        foreach (var r in results.Where(r => r.Skipped)) errors.WriteLine($"note: {r.Benchmark} skipped: {r.SkipReason}");
        foreach (var n in calibrated.Notes) errors.WriteLine("note: " + n);
        var table = new Table().AddColumns("parameter", "value", "95% interval", "unit", "method");
        foreach (var e in calibrated.Estimates)
            table.AddRow(Markup.Escape(e.Name), G(e.Value), $"[{G(e.Lower95)}, {G(e.Upper95)}]".Replace("[", "[[").Replace("]", "]]"), Markup.Escape(e.Unit), Markup.Escape(e.Method));
        var stdout = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No });
        stdout.Profile.Width = Math.Max(stdout.Profile.Width, 160);
        stdout.Write(table);
        output.WriteLine($"wrote {ErrorLine.Escape(platformFile)}, {ErrorLine.Escape(osFile)}, {ErrorLine.Escape(host)}.estimates.csv and raw measurements in {ErrorLine.Escape(rawDir)} ({(DateTime.UtcNow - started).TotalSeconds:0} s)");
        output.WriteLine($"next: perfmodel predict --platform {ErrorLine.Escape(platformFile)} --os-file {ErrorLine.Escape(osFile)}");
    }

    /// <summary>Checks, before the benchmarks, the output directory and the files a run writes into it (one rule for all:
    /// <see cref="AtomicFile"/>).</summary>
    private static void CheckTargets(string outDir, string host)
    {
        OutputChecks.Directory(outDir, []);
        foreach (var name in new[] { host + ".platform.json", host + ".linux.json", host + ".estimates.csv" })
            OutputChecks.File(Path.Combine(outDir, name), []);
        var raw = Path.Combine(outDir, host, "raw");
        OutputChecks.Directory(raw, []);
    }

    /// <summary>The benchmarks --only names (at least one, each a benchmark's name).</summary>
    private static IMicroBenchmark[] Benchmarks(string only)
    {
        var known = string.Join(", ", MicroBenchmarks.All.Select(b => b.Name));
        return [.. CliLimits.Names(only, "--only", known).Select(n =>
            MicroBenchmarks.All.FirstOrDefault(b => string.Equals(b.Name, n, StringComparison.OrdinalIgnoreCase))
            ?? throw new FormatException(CliLimits.Message("--only", only, $"unknown benchmark {ErrorLine.Echo(n)}; known: {known}")))];
    }

    /// <summary><c>calibrate import</c>: the default profiles regenerated from published measurements.</summary>
    private static Command Import(TextWriter output, TextWriter errors, Func<Action, int> run)
    {
        var import = new Command("import", "Regenerate the default platform and OS profiles from published third-party measurements: fit STREAM triad " +
                                           "(memory tiers), CPUID leaf 2 (TLB levels), OSU latency and osu_mbw_mr (LogGP L, o, G) and the osjitter per-core " +
                                           "statistics (noise classes, then Linux, McKernel and mOS noise), each with a 95% interval written as the field's range " +
                                           "and provenance naming the file and the method, and complete the templates (every field the measurements do not give) " +
                                           "with them. The checked-in data/ defaults are exactly its output for the default seed.");
        var from = new Option<string>("--from") { Description = "Directory of the measurements (origins and licences in its README.md).", DefaultValueFactory = _ => "data/measured" };
        var templates = new Option<string?>("--templates")
        {
            Description = "Directory of the profile templates and assumptions.json (the assumptions the derivations need, each with a plausible range and its reason). Default: 'templates' next to --from.",
        };
        var outDir = new Option<string>("--out")
        {
            Description = $"Directory to write {PublishedDefaults.PlatformFile} and os/{{linux,mckernel,mos}}.json under: all four files or none, " +
                          "never over an input. Checked before the fits run.",
            DefaultValueFactory = _ => "data",
        };
        var seed = CliLimits.Whole("--seed", "Seed of every bootstrap (the checked-in defaults use the default).", int.MinValue, int.MaxValue, PublishedDefaults.DefaultSeed);
        var figures = new Option<string?>("--figures")
        {
            Description = "Also write the goodness-of-fit figures (memory tiers, interconnect, noise classes: measured against fitted) as standalone HTML pages into this directory.",
        };
        foreach (var o in new Option[] { from, templates, outDir, seed, figures }) import.Options.Add(o);
        import.SetAction(pr => run(() =>
        {
            var measured = pr.GetValue(from)!;
            var templateDir = pr.GetValue(templates) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(measured)) ?? ".", "templates");
            var dir = pr.GetValue(outDir)!;
            var targets = new[] { PublishedDefaults.PlatformFile }.Concat(PublishedDefaults.OsNames.Select(o => $"os/{o}.json")).Select(f => Path.Combine(dir, f)).ToArray();
            foreach (var t in targets) OutputChecks.File(t, [], "calibrate import:");
            if (pr.GetValue(figures) is { } figureDir) OutputChecks.Directory(figureDir, [], "--figures");
            var result = PublishedDefaults.Build(measured, templateDir, pr.GetValue(seed));
            foreach (var t in targets) OutputChecks.File(t, result.Inputs, "calibrate import:");
            using (var files = new AtomicFileSet(result.Inputs))
            {
                foreach (var f in result.Files) files.WriteAllText(Path.Combine(dir, f.RelativePath), f.Json);
                files.Commit();
            }
            var rows = new List<string[]> { new[] { "profile", "field", "estimate", "95% interval", "unit" } };
            foreach (var f in result.Fits)
                rows.Add([f.Profile, f.JsonPath ?? "(" + f.Estimate.Name + ")", G(f.Estimate.Value), $"[{G(f.Estimate.Lower95)}, {G(f.Estimate.Upper95)}]", f.Estimate.Unit]);
            output.Write(TextTable.Render(rows, leftAligned: 2));
            foreach (var n in result.Notes) output.WriteLine("note: " + n);
            foreach (var a in result.Assumptions.ByName.Values.OrderBy(a => a.Name, StringComparer.Ordinal))
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"assumption: {a.Name} = {a.Value:G4} (plausible {a.Low:G4}-{a.High:G4})"));
            output.WriteLine($"wrote {string.Join(", ", targets.Select(ErrorLine.Escape))}");
            if (pr.GetValue(figures) is { } dirOfFigures)
                output.WriteLine($"wrote {string.Join(", ", PerfModel.Reports.Figures.CalibrationFitFigures.WriteHtml(result, dirOfFigures).Select(ErrorLine.Escape))}");
        }));
        return import;
    }

    /// <summary>Pools the per-host calibrations in <paramref name="dir"/> (<see cref="CalibrationMerge"/>), prints every host
    /// against the median and writes DIR/merged.platform.json and DIR/merged.linux.json, both or neither (an
    /// <see cref="AtomicFileSet"/>; the host files are its inputs, so a merged file that links to one is refused).</summary>
    private static void Merge(TextWriter output, string dir)
    {
        var hosts = CalibrationMerge.Load(dir);
        var inputs = hosts.SelectMany(h => new[] { Path.Combine(dir, h.Host + CalibrationMerge.PlatformSuffix), Path.Combine(dir, h.Host + CalibrationMerge.LinuxSuffix) }).ToArray();
        var platformFile = Path.Combine(dir, CalibrationMerge.MergedName + CalibrationMerge.PlatformSuffix);
        var osFile = Path.Combine(dir, CalibrationMerge.MergedName + CalibrationMerge.LinuxSuffix);
        OutputChecks.File(platformFile, inputs, "calibrate merge:");
        OutputChecks.File(osFile, inputs, "calibrate merge:");
        var merged = CalibrationMerge.Merge(hosts);
        var header = new[] { "host" }.Concat(CalibrationMerge.Parameters.Select(p => p.Name)).Append("stands out").ToArray();
        var rows = new List<string[]> { header };
        foreach (var h in merged.Hosts)
            rows.Add([h.Host, .. h.Values.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Value:G4} ({v.Deviation:+0%;-0%;0%})")), string.Join(" ", h.Flagged)]);
        using (var files = new AtomicFileSet(inputs))
        {
            files.WriteAllText(platformFile, ProfileJsonWriter.Write(merged.Platform));
            files.WriteAllText(osFile, ProfileJsonWriter.Write(merged.Os));
            files.Commit();
        }
        output.Write(TextTable.Render(rows, leftAligned: 1));
        output.WriteLine($"merged {merged.Hosts.Length} hosts into {ErrorLine.Escape(platformFile)} and {ErrorLine.Escape(osFile)} (medians; noise of {ErrorLine.Escape(merged.Typical.Host)})");
    }

    internal static string EstimatesCsv(IEnumerable<ParameterEstimate> estimates)
    {
        var sb = new StringBuilder("name,value,lower95,upper95,unit,method\n");
        foreach (var e in estimates)
            sb.Append(string.Join(',', e.Name, R(e.Value), R(e.Lower95), R(e.Upper95), e.Unit, "\"" + e.Method.Replace("\"", "\"\"") + "\"")).Append('\n');
        return sb.ToString();
    }

    internal static string HostName()
    {
        var h = Environment.MachineName;
        var clean = new string(h.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
        return clean.Length == 0 ? "host" : clean;
    }

    private static string G(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private sealed class TaskProgress(ProgressTask task) : IProgress<double>
    {
        public void Report(double value) => task.Value = Math.Clamp(value, 0, 1);
    }
}
