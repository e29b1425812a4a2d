using System.CommandLine;
using System.Globalization;
using System.CommandLine.Parsing;
using PerfModel.Descriptions;
using PerfModel.Profiles;
using PerfModel.Profiles.Files;
using PerfModel.Reports.Formats;
using PerfModel.Validation;

namespace PerfModel.Cli;

/// <summary>The perfmodel command line: report, predict, validate, noise, calibrate and fit.</summary>
public static class PerfModelCommand
{
    /// <summary>The root command writing results to <paramref name="stdout"/> and messages to <paramref name="stderr"/>
    /// (the console when null).</summary>
    public static RootCommand Create(TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var output = stdout ?? Console.Out;
        var errors = stderr ?? Console.Error;
        var root = new RootCommand("PerfModel: closed-form predictions of HPC application performance on Linux, IHK/McKernel and mOS " +
                                   "(Oakforest-PACS KNL by default), 1 to 2,048 nodes and beyond. Exit codes: 0 success, 1 invalid profile, " +
                                   "2 bad usage (an option's value, an unknown name) or an I/O failure, 70 internal error; each failure is one " +
                                   "line on standard error.");
        var verbose = new Option<bool>("--verbose") { Description = "On a failure, also print the full exception (type, message and stack trace).", Recursive = true };
        root.Options.Add(verbose);
        root.Subcommands.Add(Predict(output, errors));
        root.Subcommands.Add(Validate(output, errors));
        root.Subcommands.Add(NoiseCommand.Create(output, errors, Run));
        root.Subcommands.Add(CalibrateCommand.Create(output, errors, Run));
        root.Subcommands.Add(FitCommand.Create(output, errors, Run));
        root.Subcommands.Add(ReportCommand.Create(errors, Run, PerfModel.Reports.Figures.ReportFigures.All));
        GuardedAction.Install(root, errors, verbose);
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/> (response files off: an argument starting with @ is a value),
    /// with help and results on <paramref name="stdout"/> and messages on <paramref name="stderr"/> (the console when
    /// null); returns the exit code (<see cref="ExitCodes"/>).</summary>
    public static int Invoke(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var output = stdout ?? Console.Out;
        var errors = stderr ?? Console.Error;
        var parsed = Create(output, errors).Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = errors });
    }

    private sealed record CommonOptions(Option<string?> Platform, Option<string[]> OsFiles, Option<string[]> AppFiles, Option<string> Format, Option<string?> Out)
    {
        public static CommonOptions Add(Command c)
        {
            var o = new CommonOptions(
                new Option<string?>("--platform") { Description = "Platform profile JSON to use instead of the embedded Oakforest-PACS KNL profile." },
                new Option<string[]>("--os-file") { Description = "OS profile JSON; replaces the default OS of the same name or adds a new one. Repeatable.", AllowMultipleArgumentsPerToken = false, DefaultValueFactory = _ => [] },
                new Option<string[]>("--app-file") { Description = "Application profile JSON; replaces the default application of the same name or adds one. Repeatable.", DefaultValueFactory = _ => [] },
                CliLimits.Choice("--format", "Output format: table, csv or json.", "table", "table", "csv", "json"),
                new Option<string?>("--out") { Description = "Write the output to this file instead of standard output. " + OutputChecks.FileRules });
            c.Options.Add(o.Platform);
            c.Options.Add(o.OsFiles);
            c.Options.Add(o.AppFiles);
            c.Options.Add(o.Format);
            c.Options.Add(o.Out);
            return o;
        }

        /// <summary>Checks --out against the profile files given, before any work.</summary>
        public void CheckOut(ParseResult pr)
        {
            if (pr.GetValue(Out) is { } path)
                OutputChecks.File(path, new[] { pr.GetValue(Platform) }.Concat(pr.GetValue(OsFiles) ?? []).Concat(pr.GetValue(AppFiles) ?? []).OfType<string>());
        }
    }

    private static Command Predict(TextWriter output, TextWriter errors)
    {
        var cmd = new Command("predict", "Predict runtime, figure of merit, ratio to Linux and the breakdown by mechanism " +
                                         "(compute, memory, tlb, heap, noise, communication, syscall) for applications x OSes x node counts.");
        var app = new Option<string?>("--app") { Description = "Comma-separated applications (default: all eight): amg2013, ccs-qcd, geofem, hpcg, lammps, lulesh2, milc, minife." };
        var os = new Option<string?>("--os") { Description = "Comma-separated OSes (default: all): linux, mckernel, mos." };
        var nodes = new Option<string?>("--nodes")
        {
            Description = "Node counts: a list '1,2,4' and/or ranges '1-2048' (the powers of two in the range). Default: each application's paper node " +
                          string.Create(CultureInfo.InvariantCulture, $"counts (cubes 1..1728 for Lulesh, powers of two 1..2048 otherwise). Range: 1-{CliLimits.MaxNodes:N0} nodes, at most {CliLimits.MaxCounts} counts."),
        };
        var heap = new Option<string?>("--heap-policy-from") { Description = "What-if: give every selected OS the brk/heap policy of this OS (e.g. --os linux --heap-policy-from mos)." };
        var placement = new Option<string?>("--placement") { Description = "What-if: MCDRAM/DDR placement policy for every selected OS: hbm-if-fits-else-ddr, ddr-only, per-rank-split, demand-paging-fallback." };
        CliLimits.AcceptOnly(placement, "hbm-if-fits-else-ddr", "ddr-only", "per-rank-split", "demand-paging-fallback");
        cmd.Options.Add(app);
        cmd.Options.Add(os);
        cmd.Options.Add(nodes);
        cmd.Options.Add(heap);
        cmd.Options.Add(placement);
        var common = CommonOptions.Add(cmd);
        cmd.SetAction(pr => Run(() =>
        {
            common.CheckOut(pr);
            var nodeList = pr.GetValue(nodes) is { } n ? CliLimits.Counts(n, "--nodes", CliLimits.MaxNodes, "nodes") : null;
            var policy = pr.GetValue(placement) is { } p ? Enum.Parse<PlacementPolicy>(p.Replace("-", ""), ignoreCase: true) : (PlacementPolicy?)null;
            var sel = ProfileSelection.Build(pr.GetValue(common.Platform), pr.GetValue(common.OsFiles) ?? [], pr.GetValue(common.AppFiles) ?? [],
                pr.GetValue(app), pr.GetValue(os), pr.GetValue(heap), policy);
            foreach (var notice in sel.Notices) errors.WriteLine("note: " + ErrorLine.Escape(notice));
            CheckPredictionWork(sel.Study, sel.Apps, sel.Oses, nodeList);
            var rows = sel.Study.SweepOver(sel.Apps, sel.Oses, nodeList);
            var text = pr.GetValue(common.Format) switch
            {
                "csv" => PredictionTable.ToCsv(rows),
                "json" => PredictionTable.ToJson(rows),
                _ => PredictionTable.ToText(rows),
            };
            Emit(output, errors, text, pr.GetValue(common.Out), sel.InputFiles, $"{rows.Count} predictions");
            foreach (var note in rows.SelectMany(r => r.Prediction.Notes).Distinct()) errors.WriteLine("note: " + note);
        }));
        return cmd;
    }

    private static Command Validate(TextWriter output, TextWriter errors)
    {
        var cmd = new Command("validate", "Print every published number of the paper (P18; docs/sources.md#p18-targets) next to the model's, compared on the " +
                                          "size of the effect (ratio - 1 in percentage points, or a log ratio), with the effect error, the tolerance and why. " +
                                          "Rows a parameter was fitted to are marked 'fitted': they show the fit, not a prediction.");
        var rowsOption = new Option<string[]>("--row") { Description = "Only these rows (ids as in the first column; repeat or comma-separate). Default: all.", AllowMultipleArgumentsPerToken = true };
        cmd.Options.Add(rowsOption);
        var noSensitivity = new Option<bool>("--no-sensitivity") { Description = "Skip the knife-edge search (each parameter with a declared \"range\" moved to its ends, and bisected where a row's verdict flips; about 40 s for all rows on two cores, with progress on stderr)." };
        cmd.Options.Add(noSensitivity);
        var common = CommonOptions.Add(cmd);
        cmd.SetAction(pr => Run(() =>
        {
            common.CheckOut(pr);
            var ids = RowIds(pr.GetValue(rowsOption));
            var sel = ProfileSelection.Build(pr.GetValue(common.Platform), pr.GetValue(common.OsFiles) ?? [], pr.GetValue(common.AppFiles) ?? [], null, null);
            foreach (var notice in sel.Notices) errors.WriteLine("note: " + ErrorLine.Escape(notice));
            var results = ids.Length == 0 ? PaperValidation.Evaluate(sel.Study) : PaperValidation.Evaluate(sel.Study, ids);
            if (!pr.GetValue(noSensitivity))
            {
                errors.WriteLine($"looking for knife edges: {ProfileParameters.Ranged(sel.Study).Count} parameters with a declared range ... (--no-sensitivity skips this)");
                results = Sensitivity.Annotate(sel.Study, results, new KnifeEdgeLog(errors));
            }
            var text = pr.GetValue(common.Format) switch
            {
                "csv" => ValidationTable.ToCsv(results),
                "json" => ValidationTable.ToJson(results),
                _ => ValidationTable.ToText(results),
            };
            Emit(output, errors, text, pr.GetValue(common.Out), sel.InputFiles, $"{results.Length} published numbers compared");
        }));
        return cmd;
    }

    /// <summary>Refuses, before any work, a sweep whose estimated computing time (<see cref="CliLimits.PredictionSeconds"/> per
    /// prediction, the baseline OS's included) is above <see cref="CliLimits.MaxPredictionSeconds"/>.</summary>
    private static void CheckPredictionWork(Study study, IReadOnlyList<AppProfile> apps, IReadOnlyList<OsProfile> oses, IReadOnlyList<int>? nodes)
    {
        var all = oses.Any(o => o.Name == study.Baseline) ? oses : [.. oses, study.BaselineOs];
        var perApp = all.Sum(o => CliLimits.PredictionSeconds(o.Noise));
        var estimate = apps.Sum(a => (nodes?.Count ?? a.DefaultNodes.Length) * perApp);
        if (estimate > CliLimits.MaxPredictionSeconds)
        {
            var counts = apps.Sum(a => (nodes?.Count ?? a.DefaultNodes.Length) * all.Count);
            throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                $"--nodes: {counts} predictions would compute for about {estimate:F0} s, more than the {CliLimits.MaxPredictionSeconds:F0} s one command may take (a prediction's noise model grows as the square of its grid, which the OS profiles' noise tails set); give fewer --nodes, --app or --os"));
        }
    }

    private static void Emit(TextWriter output, TextWriter errors, string text, string? outFile, IEnumerable<string> inputs, string what)
    {
        if (outFile is null)
        {
            output.Write(text);
            return;
        }
        AtomicFile.WriteAllText(outFile, text, inputs);
        errors.WriteLine($"wrote {what} to {ErrorLine.Escape(outFile)}");
    }

    /// <summary>Runs a command's work; its failures are reported by <see cref="GuardedAction"/>.</summary>
    private static int Run(Action action)
    {
        action();
        return ExitCodes.Ok;
    }

    /// <summary>The validation rows named by --row (repeated or comma-separated), none when --row is not given.</summary>
    /// <exception cref="FormatException">--row was given but names nothing.</exception>
    /// <exception cref="KeyNotFoundException">A name is not a row's (checked before any work).</exception>
    internal static string[] RowIds(string[]? values)
    {
        if (values is null || values.Length == 0) return [];
        var known = string.Join(", ", PaperTargets.All.Select(t => t.Id));
        return [.. values.SelectMany(v => CliLimits.Names(v, "--row", known)).Distinct().Select(id => PaperTargets.Get(id).Id)];
    }
}
