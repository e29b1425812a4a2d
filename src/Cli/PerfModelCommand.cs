using System.CommandLine;
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
                                   "(Oakforest-PACS KNL by default), 1 to 2,048 nodes and beyond.");
        root.Subcommands.Add(Predict(output, errors));
        root.Subcommands.Add(Validate(output, errors));
        root.Subcommands.Add(NoiseCommand.Create(output, errors, action => Run(errors, action)));
        root.Subcommands.Add(CalibrateCommand.Create(output, errors, action => Run(errors, action)));
        root.Subcommands.Add(FitCommand.Create(output, errors, action => Run(errors, action)));
        root.Subcommands.Add(ReportCommand.Create(errors, action => Run(errors, action), PerfModel.Reports.Figures.ReportFigures.All));
        return root;
    }

    private sealed record CommonOptions(Option<string?> Platform, Option<string[]> OsFiles, Option<string[]> AppFiles, Option<string> Format, Option<string?> Out)
    {
        public static CommonOptions Add(Command c)
        {
            var o = new CommonOptions(
                new Option<string?>("--platform") { Description = "Platform profile JSON to use instead of the embedded Oakforest-PACS KNL profile." },
                new Option<string[]>("--os-file") { Description = "OS profile JSON; replaces the default OS of the same name or adds a new one. Repeatable.", AllowMultipleArgumentsPerToken = false, DefaultValueFactory = _ => [] },
                new Option<string[]>("--app-file") { Description = "Application profile JSON; replaces the default application of the same name or adds one. Repeatable.", DefaultValueFactory = _ => [] },
                new Option<string>("--format") { Description = "Output format: table, csv or json.", DefaultValueFactory = _ => "table" },
                new Option<string?>("--out") { Description = "Write the output to this file (atomically) instead of standard output." });
            o.Format.AcceptOnlyFromAmong("table", "csv", "json");
            c.Options.Add(o.Platform);
            c.Options.Add(o.OsFiles);
            c.Options.Add(o.AppFiles);
            c.Options.Add(o.Format);
            c.Options.Add(o.Out);
            return o;
        }
    }

    private static Command Predict(TextWriter output, TextWriter errors)
    {
        var cmd = new Command("predict", "Predict runtime, figure of merit, ratio to Linux and the breakdown by mechanism " +
                                         "(compute, memory, tlb, heap, noise, communication, syscall) for applications x OSes x node counts.");
        var app = new Option<string?>("--app") { Description = "Comma-separated applications (default: all eight): amg2013, ccs-qcd, geofem, hpcg, lammps, lulesh2, milc, minife." };
        var os = new Option<string?>("--os") { Description = "Comma-separated OSes (default: all): linux, mckernel, mos." };
        var nodes = new Option<string?>("--nodes") { Description = "Node counts: a list '1,2,4' and/or ranges '1-2048' (the powers of two in the range). Default: each application's paper node counts (cubes 1..1728 for Lulesh, powers of two 1..2048 otherwise)." };
        var heap = new Option<string?>("--heap-policy-from") { Description = "What-if: give every selected OS the brk/heap policy of this OS (e.g. --os linux --heap-policy-from mos)." };
        var placement = new Option<string?>("--placement") { Description = "What-if: MCDRAM/DDR placement policy for every selected OS: hbm-if-fits-else-ddr, ddr-only, per-rank-split, demand-paging-fallback." };
        placement.AcceptOnlyFromAmong("hbm-if-fits-else-ddr", "ddr-only", "per-rank-split", "demand-paging-fallback");
        cmd.Options.Add(app);
        cmd.Options.Add(os);
        cmd.Options.Add(nodes);
        cmd.Options.Add(heap);
        cmd.Options.Add(placement);
        var common = CommonOptions.Add(cmd);
        cmd.SetAction(pr => Run(errors, () =>
        {
            var nodeList = pr.GetValue(nodes) is { } n ? Nodes.Parse(n, "--nodes") : null;
            var policy = pr.GetValue(placement) is { } p ? Enum.Parse<PlacementPolicy>(p.Replace("-", ""), ignoreCase: true) : (PlacementPolicy?)null;
            var sel = ProfileSelection.Build(pr.GetValue(common.Platform), pr.GetValue(common.OsFiles) ?? [], pr.GetValue(common.AppFiles) ?? [],
                pr.GetValue(app), pr.GetValue(os), pr.GetValue(heap), policy);
            foreach (var notice in sel.Notices) errors.WriteLine("note: " + notice);
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
        var noSensitivity = new Option<bool>("--no-sensitivity") { Description = "Skip the knife-edge search (each parameter with a declared \"range\" moved to its ends, and bisected where a row's verdict flips; about 10 s for all rows)." };
        cmd.Options.Add(noSensitivity);
        var common = CommonOptions.Add(cmd);
        cmd.SetAction(pr => Run(errors, () =>
        {
            var sel = ProfileSelection.Build(pr.GetValue(common.Platform), pr.GetValue(common.OsFiles) ?? [], pr.GetValue(common.AppFiles) ?? [], null, null);
            foreach (var notice in sel.Notices) errors.WriteLine("note: " + notice);
            var ids = (pr.GetValue(rowsOption) ?? []).SelectMany(r => r.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
            var results = ids.Length == 0 ? PaperValidation.Evaluate(sel.Study) : PaperValidation.Evaluate(sel.Study, ids);
            if (!pr.GetValue(noSensitivity))
            {
                errors.WriteLine($"looking for knife edges: {ProfileParameters.Ranged(sel.Study).Count} parameters with a declared range ... (--no-sensitivity skips this)");
                results = Sensitivity.Annotate(sel.Study, results);
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

    private static void Emit(TextWriter output, TextWriter errors, string text, string? outFile, IEnumerable<string> inputs, string what)
    {
        if (outFile is null)
        {
            output.Write(text);
            return;
        }
        AtomicFile.WriteAllText(outFile, text, inputs);
        errors.WriteLine($"wrote {what} to {outFile}");
    }

    /// <summary>Runs an action, turning expected failures into a one-paragraph message and a non-zero exit code.</summary>
    private static int Run(TextWriter errors, Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (ProfileValidationException e)
        {
            errors.WriteLine($"perfmodel: error: invalid profile ({e.Errors.Count} problem{(e.Errors.Count == 1 ? "" : "s")}):");
            foreach (var err in e.Errors) errors.WriteLine("  " + err);
            return 1;
        }
        catch (Exception e) when (e is FormatException or KeyNotFoundException or IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException
                                       or PerfModel.Calibration.Fitting.CalibrationException or NotSupportedException)
        {
            errors.WriteLine("perfmodel: error: " + e.Message);
            return 2;
        }
    }
}
