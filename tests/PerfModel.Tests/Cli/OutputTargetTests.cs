using PerfModel.Calibration.Synthesis;
using PerfModel.Profiles;
using PerfModel.Profiles.Files;
using PerfModel.Profiles.Json;

namespace PerfModel.Tests.Cli;

/// <summary>
/// Every command's output option, end to end: checked before the work (a refusal comes before any progress line),
/// special files and inputs refused and left as they were (a trace file of --noise included, under any name), links
/// written through, multi-file outputs all or nothing, and each refusal one line on stderr naming the option, the path
/// and the rule.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class OutputTargetTests : IDisposable
{
    private const string Error = "perfmodel: error: ";
    private readonly TempDir tmp = new();

    public void Dispose() => tmp.Dispose();

    /// <summary>The one line of a refusal (no stack trace, no .NET parameter name).</summary>
    private static string OneLine(int code, string err)
    {
        Assert.Equal(2, code);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, "expected one line on stderr:\n" + err);
        Assert.StartsWith(Error, lines[0]);
        Assert.DoesNotContain("Parameter", lines[0]);
        Assert.DoesNotContain("Exception", lines[0]);
        return lines[0][Error.Length..];
    }

    private string Trace()
    {
        var t = tmp.Sub("t.csv");
        File.Copy(Path.Combine(RepoPaths.DataDir, "noise", "kvm-2core-fwq.csv"), t);
        return t;
    }

    [Fact]
    public void A_trace_of_noise_is_an_input_under_any_name()
    {
        var t = Trace();
        var before = File.ReadAllBytes(t);
        Directory.CreateDirectory(tmp.Sub("x"));
        File.CreateSymbolicLink(tmp.Sub("alias.csv"), "t.csv");
        foreach (var name in new[] { t, tmp.Sub("x", "..", "t.csv"), tmp.Sub("alias.csv") })
        {
            var (code, output, err) = CliRunner.Run("noise", "--noise", $"trace({t})", "--format", "csv", "--out", name);
            Assert.Equal("", output);
            Assert.EndsWith("is one of the input files" + (name == t ? "" : $" ({t})") + "; inputs are never overwritten", OneLine(code, err));
            Assert.Equal(before, File.ReadAllBytes(t));
        }
        // Named by another path in the spec, the same file is still recognised.
        var (c2, _, e2) = CliRunner.Run("noise", "--noise", $"trace({tmp.Sub("x", "..", "t.csv")})", "--format", "csv", "--out", tmp.Sub("alias.csv"));
        Assert.Contains("inputs are never overwritten", OneLine(c2, e2));
        Assert.Equal(before, File.ReadAllBytes(t));
    }

    [Fact]
    public void A_full_device_is_refused_by_every_command_before_its_work_and_stays_a_device()
    {
        var full = SpecialFiles.FullDevice(tmp.Path);
        var expected = $"--out {full} is a character device, not a regular file: it is not replaced (outputs are written only to regular files)";
        foreach (var args in new[]
                 {
                     new[] { "predict", "--app", "hpcg", "--os", "linux", "--nodes", "1" },
                     ["validate"], // with the knife-edge search: refused before its progress line
                     ["noise", "--os", "linux", "--ranks", "64"],
                 })
        {
            var (code, output, err) = CliRunner.Run([.. args, "--out", full]);
            Assert.Equal("", output);
            Assert.Equal(expected, OneLine(code, err));
            Assert.Equal(FileKind.CharacterDevice, SpecialFiles.Kind(full));
        }
    }

    [Fact]
    public void Null_devices_fifos_and_directories_are_refused_and_not_replaced()
    {
        var fifo = SpecialFiles.Fifo(tmp.Path);
        Directory.CreateDirectory(tmp.Sub("dir"));
        foreach (var (path, kind) in new[] { (SpecialFiles.NullDevice(tmp.Path), FileKind.CharacterDevice), (fifo, FileKind.Fifo), (tmp.Sub("dir"), FileKind.Directory) })
        {
            var (code, _, err) = CliRunner.Run("predict", "--app", "hpcg", "--os", "linux", "--nodes", "1", "--out", path);
            Assert.StartsWith($"--out {path} is {FileKinds.Describe(kind)}, not a regular file", OneLine(code, err));
            Assert.Equal(kind, SpecialFiles.Kind(path));
        }
    }

    [Fact]
    public void A_link_is_written_through_and_kept()
    {
        File.WriteAllText(tmp.Sub("target.csv"), "old");
        File.CreateSymbolicLink(tmp.Sub("link.csv"), "target.csv");
        var (code, _, err) = CliRunner.Run("predict", "--app", "hpcg", "--os", "linux", "--nodes", "1", "--format", "csv", "--out", tmp.Sub("link.csv"));
        Assert.True(code == 0, err);
        Assert.StartsWith("app,", File.ReadAllText(tmp.Sub("target.csv")));
        Assert.Equal(FileKind.SymbolicLink, SpecialFiles.Kind(tmp.Sub("link.csv")));
    }

    [Theory]
    [InlineData("", "--out '' is not a path: give a file name")]
    [InlineData("/", "--out / names a directory, not a file: give a file name (e.g. /out.csv)")]
    [InlineData("   ", "--out '   ' is not a path: give a file name")]
    public void Paths_that_name_no_file_get_one_clear_line(string path, string message)
    {
        foreach (var command in new[] { "predict", "noise" })
        {
            var (code, _, err) = CliRunner.Run(command == "noise" ? ["noise", "--os", "linux", "--out", path] : ["predict", "--out", path]);
            Assert.Equal(message, OneLine(code, err));
        }
    }

    [Fact]
    public void A_failed_command_leaves_no_directory_it_would_have_created()
    {
        var (code, _, err) = CliRunner.Run("noise", "--os", "linux", "--out", tmp.Sub("newdir") + "/");
        Assert.Contains("names a directory, not a file", OneLine(code, err));
        var (code2, _, err2) = CliRunner.Run("noise", "--noise", "bogus(", "--out", tmp.Sub("newdir", "x.csv"));
        Assert.NotEqual(0, code2);
        Assert.StartsWith(Error, err2);
        Assert.Empty(tmp.Entries());
    }

    private string MergeDirectory()
    {
        var dir = tmp.Sub("cal");
        Directory.CreateDirectory(dir);
        foreach (var host in new[] { "a", "b" })
        {
            AtomicFile.WriteAllText(Path.Combine(dir, host + CalibrationMerge.PlatformSuffix), ProfileJsonWriter.Write(Defaults.Platform()));
            AtomicFile.WriteAllText(Path.Combine(dir, host + CalibrationMerge.LinuxSuffix), ProfileJsonWriter.Write(Defaults.Os("linux")));
        }
        return dir;
    }

    [Fact]
    public void Calibrate_merge_writes_both_files_or_neither()
    {
        var dir = MergeDirectory();
        var platform = Path.Combine(dir, "merged.platform.json");
        var linux = Path.Combine(dir, "merged.linux.json");
        Directory.CreateDirectory(linux); // the second file cannot be written
        var (code, output, err) = CliRunner.Run("calibrate", "merge", dir);
        Assert.Equal($"calibrate merge: {linux} is a directory, not a regular file: it is not replaced (outputs are written only to regular files)", OneLine(code, err));
        Assert.Equal("", output);
        Assert.False(File.Exists(platform));

        // A merged file that links to a host file (an input) is refused, and the host file kept.
        Directory.Delete(linux);
        var host = File.ReadAllText(Path.Combine(dir, "a.linux.json"));
        File.CreateSymbolicLink(linux, "a.linux.json");
        var (code2, _, err2) = CliRunner.Run("calibrate", "merge", dir);
        Assert.Contains("inputs are never overwritten", OneLine(code2, err2));
        Assert.False(File.Exists(platform));
        Assert.Equal(host, File.ReadAllText(Path.Combine(dir, "a.linux.json")));

        File.Delete(linux);
        var (code3, _, err3) = CliRunner.Run("calibrate", "merge", dir);
        Assert.True(code3 == 0, err3);
        Assert.True(File.Exists(platform) && File.Exists(linux));
        Assert.Equal(["a.linux.json", "a.platform.json", "b.linux.json", "b.platform.json", "merged.linux.json", "merged.platform.json"],
            Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Calibrate_checks_its_output_directory_before_the_benchmarks()
    {
        var fifo = SpecialFiles.Fifo(tmp.Path);
        var (code, output, err) = CliRunner.Run("calibrate", "--quick", "--only", "syscall", "--out", fifo);
        Assert.Equal($"--out {fifo} is a named pipe (FIFO), not a directory: the output needs a directory", OneLine(code, err));
        Assert.Equal("", output);
        File.WriteAllText(tmp.Sub("file"), "x");
        var (code2, _, err2) = CliRunner.Run("calibrate", "--quick", "--only", "syscall", "--out", tmp.Sub("file", "sub"));
        Assert.Equal($"--out {tmp.Sub("file", "sub")}: {tmp.Sub("file")} is a regular file, not a directory", OneLine(code2, err2));
    }

    [Fact]
    public void Report_checks_its_output_before_the_work()
    {
        var fifo = SpecialFiles.Fifo(tmp.Path);
        var (code, _, err) = CliRunner.Run("report", "--out", fifo);
        Assert.Equal($"--out {fifo} is a named pipe (FIFO), not a directory: the output needs a directory", OneLine(code, err));
        var (code2, _, err2) = CliRunner.Run("report", "--out", "/");
        Assert.Equal("--out / is a file-system root: a report needs a directory of its own", OneLine(code2, err2));
        // An input inside the report directory, named through a link.
        Directory.CreateDirectory(tmp.Sub("r"));
        File.Copy(Path.Combine(RepoPaths.DataDir, "os", "mos.json"), tmp.Sub("r", "mos.json"));
        File.CreateSymbolicLink(tmp.Sub("rlink"), "r");
        var (code3, _, err3) = CliRunner.Run("report", "--out", tmp.Sub("rlink"), "--os-file", tmp.Sub("r", "mos.json"));
        Assert.Equal($"--out {tmp.Sub("rlink")} holds the input file {tmp.Sub("r", "mos.json")}; inputs are never overwritten: choose another directory", OneLine(code3, err3));
    }

    [Fact]
    public void Report_through_a_link_replaces_the_linked_directory_and_keeps_the_link()
    {
        Directory.CreateDirectory(tmp.Sub("real"));
        File.CreateSymbolicLink(tmp.Sub("link"), "real");
        var (code, _, err) = CliRunner.Run("report", "--no-images", "--no-sensitivity", "--out", tmp.Sub("link"));
        Assert.True(code == 0, err);
        Assert.True(File.Exists(tmp.Sub("real", "index.html")));
        Assert.Equal(FileKind.SymbolicLink, SpecialFiles.Kind(tmp.Sub("link")));
        Assert.Equal(["link", "real"], tmp.Entries());
    }

    [Fact]
    public void Fit_update_data_refuses_a_special_file_in_place_of_a_profile_and_a_missing_directory()
    {
        var (code, _, err) = CliRunner.Run("fit", "--row", "table1-linux", "--update-data", tmp.Sub("nowhere"));
        Assert.Equal($"--update-data {tmp.Sub("nowhere")}: no such directory (give the data directory whose profiles to update, e.g. data)", OneLine(code, err));

        // The MiniFE counts off by 2x in an --app-file, so the fit changes them; the data directory's minife.json is a FIFO.
        Directory.CreateDirectory(tmp.Sub("data", "apps"));
        var fifo = SpecialFiles.Fifo(tmp.Sub("data", "apps"), "minife.json");
        var original = File.ReadAllText(Path.Combine(RepoPaths.DataDir, "apps", "minife.json"));
        var study = Defaults.Study();
        var perturbed = PerfModel.Validation.PaperTargets.MiniFeMcKernelOptions16.FittedParameters.Aggregate(original, (text, p) =>
            ProfileFilePatch.SetValue(text, ProfileParameters.JsonPathOf(p), 2 * ProfileParameters.Get(study, p), "minife.json"));
        File.WriteAllText(tmp.Sub("minife.json"), perturbed);
        var (code2, _, err2) = CliRunner.Run("fit", "--row", "minife-mckernel-options-16", "--app-file", tmp.Sub("minife.json"), "--update-data", tmp.Sub("data"));
        Assert.Equal(2, code2);
        Assert.EndsWith($"{Error}--update-data {fifo} is a named pipe (FIFO), not a regular file: it is not replaced (outputs are written only to regular files)\n", err2);
        Assert.Equal(FileKind.Fifo, SpecialFiles.Kind(fifo));
    }
}
