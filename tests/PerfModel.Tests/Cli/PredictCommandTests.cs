using System.Globalization;
using PerfModel.Descriptions;
using PerfModel.Profiles.Schema;

namespace PerfModel.Tests.Cli;

public sealed class PredictCommandTests
{
    /// <summary>"$.brk.alignmentBytes": the JSON path of the brk alignment in an OS profile.</summary>
    internal static readonly string AlignmentPath = ProfileSchema.JsonPath(ProfileSchema.Os, nameof(OsProfile.Brk) + "." + nameof(BrkPolicy.Alignment));

    [Fact]
    public void Csv_has_the_documented_columns_and_one_row_per_app_os_node()
    {
        var (code, output, _) = CliRunner.Run("predict", "--app", "minife,lulesh2", "--os", "linux,mckernel", "--nodes", "1-2048", "--format", "csv");
        Assert.Equal(0, code);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal("app,os,nodes,cores,ranks,runtime_s,fom,fom_unit,relative_to_linux,run_min_s,run_median_s,run_max_s,compute_s,memory_s,tlb_s,heap_s,noise_s,communication_s,syscall_s", lines[0]);
        Assert.Equal(1 + 2 * 2 * 12, lines.Length);
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            Assert.Equal(19, cells.Length);
            var runtime = double.Parse(cells[5], CultureInfo.InvariantCulture);
            // The expected fastest, median and slowest of five runs are in order.
            var (min, median, max) = (double.Parse(cells[9], CultureInfo.InvariantCulture), double.Parse(cells[10], CultureInfo.InvariantCulture), double.Parse(cells[11], CultureInfo.InvariantCulture));
            Assert.True(min <= median && median <= max, line);
            var parts = cells.Skip(12).Sum(c => double.Parse(c, CultureInfo.InvariantCulture));
            // The breakdown sums to the runtime up to floating-point rounding of seven additions.
            Assert.Equal(runtime, parts, runtime * 1e-12);
            if (cells[1] == "linux") Assert.Equal("1", cells[8]);
        }
    }

    [Fact]
    public void Output_is_deterministic()
    {
        var a = CliRunner.Run("predict", "--format", "json");
        var b = CliRunner.Run("predict", "--format", "json");
        Assert.Equal(0, a.Code);
        Assert.Equal(a.Out, b.Out);
    }

    [Fact]
    public void Default_table_covers_all_apps_and_oses()
    {
        var (code, output, _) = CliRunner.Run("predict");
        Assert.Equal(0, code);
        foreach (var app in new[] { "amg2013", "ccs-qcd", "geofem", "hpcg", "lammps", "lulesh2", "milc", "minife" })
            Assert.Contains("\n" + app + " ", output);
        Assert.Contains(" 1728 ", output); // Lulesh's cube node counts
    }

    [Fact]
    public void Out_writes_the_file_atomically_and_refuses_to_overwrite_an_input()
    {
        var dir = Directory.CreateTempSubdirectory("perfmodel-test-");
        try
        {
            var outFile = Path.Combine(dir.FullName, "sub", "pred.csv");
            var (code, output, err) = CliRunner.Run("predict", "--app", "hpcg", "--nodes", "1,2", "--format", "csv", "--out", outFile);
            Assert.Equal(0, code);
            Assert.Equal("", output);
            Assert.Contains("wrote", err);
            Assert.StartsWith("app,os,nodes", File.ReadAllText(outFile));
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(outFile)!)); // no temporary file left behind

            var input = Path.Combine(RepoPaths.DataDir, "os", "linux.json");
            var copy = Path.Combine(dir.FullName, "linux.json");
            File.Copy(input, copy);
            var before = File.ReadAllText(copy);
            var refused = CliRunner.Run("predict", "--os-file", copy, "--out", copy);
            Assert.NotEqual(0, refused.Code);
            Assert.Contains("inputs are never overwritten", refused.Err);
            Assert.Equal(before, File.ReadAllText(copy));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_bad_profile_fails_with_file_path_and_rule_and_no_output()
    {
        var dir = Directory.CreateTempSubdirectory("perfmodel-test-");
        try
        {
            var bad = Path.Combine(dir.FullName, "mos.json");
            var text = File.ReadAllText(Path.Combine(RepoPaths.DataDir, "os", "mos.json"))
                .Replace("\"value\": 2097152", "\"value\": 3000000");
            File.WriteAllText(bad, text);
            var outFile = Path.Combine(dir.FullName, "out.csv");
            var (code, output, err) = CliRunner.Run("predict", "--os-file", bad, "--out", outFile);
            Assert.Equal(1, code);
            Assert.Equal("", output);
            Assert.Contains(bad + ": " + AlignmentPath + ": value " + ByteSize.FromBytes(3_000_000) + " must be a power of two", err);
            Assert.False(File.Exists(outFile));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Unknown_names_list_the_known_ones()
    {
        var (code, _, err) = CliRunner.Run("predict", "--os", "windows");
        Assert.Equal(2, code);
        Assert.Contains("unknown OS 'windows'; known: linux, mckernel, mos", err);
    }

    [Theory]
    [InlineData("--nodes", "0")]
    [InlineData("--nodes", "64-2")]
    [InlineData("--nodes", "1,,2")]
    public void Bad_node_lists_exit_2_with_the_option_named_and_no_output(string option, string value)
    {
        var (code, output, err) = CliRunner.Run("predict", "--app", "hpcg", option, value);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains($"{option} '{value}'", err);
    }

    [Fact]
    public void Heap_policy_what_if_gives_linux_the_lwk_heap()
    {
        // Linux with mOS's brk policy must lose its heap time: prefaulted 2 MiB steps, shrink ignored.
        var plain = CliRunner.Run("predict", "--app", "lulesh2", "--os", "linux", "--nodes", "1", "--format", "csv");
        var whatIf = CliRunner.Run("predict", "--app", "lulesh2", "--os", "linux", "--nodes", "1", "--format", "csv", "--heap-policy-from", "mos");
        Assert.Equal(0, whatIf.Code);
        // The heap column found by its name (the run_min_s, run_median_s and run_max_s columns come before the breakdown).
        double Heap(string csv)
        {
            var lines = csv.Split('\n');
            return double.Parse(lines[1].Split(',')[Array.IndexOf(lines[0].Split(','), "heap_s")], CultureInfo.InvariantCulture);
        }
        Assert.Contains("linux+mos-heap", whatIf.Out);
        Assert.True(Heap(whatIf.Out) < 0.05 * Heap(plain.Out), $"{Heap(whatIf.Out)} vs {Heap(plain.Out)}");
    }

    [Fact]
    public void Validate_lists_every_published_target_and_marks_fits()
    {
        // Without the knife-edge search (about 90 s; the search has tests of its own, and `report` in CI runs it).
        var (code, output, _) = CliRunner.Run("validate", "--no-sensitivity", "--format", "csv");
        Assert.Equal(0, code);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(string.Join(',', PerfModel.Reports.Formats.ValidationTable.Columns.Select(c => c.Name)), lines[0]);
        Assert.Equal(PerfModel.Validation.PaperTargets.All.Length + 1, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("table1-linux,", StringComparison.Ordinal) && l.Contains(",fitted,"));
        Assert.Contains(lines, l => l.StartsWith("minife-mckernel-1024,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("median-gain,", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_text_shows_the_effect_error_the_tolerance_and_why()
    {
        var (code, output, _) = CliRunner.Run("validate", "--row", "table1-mos,minife-mos-1024");
        Assert.Equal(0, code);
        var header = output.Split('\n')[0];
        Assert.Contains("effect error", header);
        Assert.Contains("tolerance", header);
        Assert.Contains("table1-mos ", output);
        Assert.Contains("minife-mos-1024 ", output);
        Assert.DoesNotContain("median-gain", output);
        Assert.Contains(PerfModel.Validation.PaperTargets.MiniFeMos1024.ToleranceReason, output);
    }

    [Fact]
    public void Validate_flags_the_offload_latency_knife_edge_of_the_lammps_crossover()
    {
        // On the hand-typed defaults the McKernel offload latency (8 us, declared range 4-12 us) decides whether LAMMPS keeps a
        // gain at 2,048 nodes (with the published defaults it no longer flips inside its range).
        string[] handTyped = ["--platform", Support.HandTypedDefaults.File("platform"), "--os-file", Support.HandTypedDefaults.File("linux"),
            "--os-file", Support.HandTypedDefaults.File("mckernel"), "--os-file", Support.HandTypedDefaults.File("mos")];
        var (code, output, errors) = CliRunner.Run(["validate", "--row", "lammps-mckernel-crossover", .. handTyped]);
        Assert.Equal(0, code);
        Assert.Contains("Knife edges", output);
        Assert.Contains("lammps-mckernel-crossover: os mckernel Syscalls.OffloadLatency = 8E-06 in [4E-06, 1.2E-05] flips at", output);
        // Progress on stderr: the parameter that flips the row as its search ends, and a count at each quarter.
        Assert.Contains("  os mckernel Syscalls.OffloadLatency: its range flips 1 row(s) (", errors);
        var quarters = errors.Split('\n').Where(l => l.Contains(" parameters searched (", StringComparison.Ordinal)).ToArray();
        Assert.Equal(4, quarters.Length);
        Assert.Matches(@"^  (\d+)/\1 parameters searched \(\d+ s\)$", quarters[^1].TrimEnd('\r'));
        var (_, quiet, _) = CliRunner.Run(["validate", "--row", "lammps-mckernel-crossover", "--no-sensitivity", .. handTyped]);
        Assert.DoesNotContain("Knife edges", quiet);
    }

    [Fact]
    public void Validate_names_an_unknown_row()
    {
        var (code, _, errors) = CliRunner.Run("validate", "--row", "table9");
        Assert.Equal(2, code);
        Assert.Contains("unknown validation row 'table9'", errors);
    }
    [Fact]
    public void A_sweep_whose_noise_would_take_minutes_is_refused_before_it_starts()
    {
        // Linux's profile with its noise replaced by 16 heavy-tailed sources: each prediction's grid is about 2.5 times
        // longer and its windows carry 16 sources, about 0.5 s per prediction; 8 applications x 32 node counts x 2 OSes
        // (the Linux baseline included) are refused at once, naming what to change. Two applications at their own counts pass.
        var dir = Directory.CreateTempSubdirectory("perfmodel-heavy-");
        try
        {
            var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Support.RepoPaths.DataDir, "os", "linux.json")))!.AsObject();
            json["name"] = "heavyos";
            var sources = new System.Text.Json.Nodes.JsonArray();
            for (var k = 0; k < 16; k++)
                sources.Add(new System.Text.Json.Nodes.JsonObject
                {
                    ["name"] = $"s{k}",
                    ["ratePerSecond"] = new System.Text.Json.Nodes.JsonObject { ["value"] = k + 1, ["estimate"] = "test" },
                    ["duration"] = new System.Text.Json.Nodes.JsonObject
                    {
                        ["distribution"] = "pareto",
                        ["scaleSeconds"] = new System.Text.Json.Nodes.JsonObject { ["value"] = (k + 5) * 1e-6, ["estimate"] = "test" },
                        ["alpha"] = new System.Text.Json.Nodes.JsonObject { ["value"] = 1 + (k + 1) / 100.0, ["estimate"] = "test" },
                    },
                });
            json["noise"]!["sources"] = sources;
            // Linux's class of noisy cores would bring the profile to 18 sources, above the 16 a profile may have.
            json["noise"]!.AsObject().Remove("nodeClasses");
            var file = Path.Combine(dir.FullName, "heavyos.json");
            File.WriteAllText(file, json.ToJsonString());
            var nodes = string.Join(",", Enumerable.Range(1000, 32));
            var (code, output, err) = CliRunner.Run("predict", "--os-file", file, "--os", "heavyos", "--nodes", nodes);
            Assert.Equal(2, code);
            Assert.Equal("", output);
            Assert.Contains("--nodes: 512 predictions would compute for about", err, StringComparison.Ordinal);
            Assert.Contains("give fewer --nodes, --app or --os", err, StringComparison.Ordinal);
            var within = CliRunner.Run("predict", "--os-file", file, "--os", "heavyos", "--app", "lulesh2", "--nodes", "8,27", "--format", "csv");
            Assert.True(within.Code == 0, within.Err);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
