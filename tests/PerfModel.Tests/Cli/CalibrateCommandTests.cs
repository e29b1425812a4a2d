using PerfModel.Calibration.Synthesis;
using PerfModel.Descriptions;
using PerfModel.Profiles;
using PerfModel.Profiles.Files;
using PerfModel.Profiles.Json;
using PerfModel.Profiles.Schema;

namespace PerfModel.Tests.Cli;

/// <summary>The calibrate command end to end on this machine (real, tiny measurements) and <c>calibrate merge</c> end to
/// end (the table it prints and the merged files it writes). The merge arithmetic itself is tested in
/// Calibration/Synthesis.</summary>
[Collection("micro-benchmarks")]
public sealed class CalibrateCommandTests
{
    /// <summary>"Kernel.Syscall": the platform field the syscall benchmark calibrates.</summary>
    private const string SyscallProperty = nameof(Platform.Kernel) + "." + nameof(KernelCosts.Syscall);

    /// <summary>"$.kernel.syscallSeconds".</summary>
    private static readonly string SyscallPath = ProfileSchema.JsonPath(ProfileSchema.Platform, SyscallProperty);

    [Fact]
    public void Quick_syscall_calibration_writes_profiles_that_predict_accepts()
    {
        var dir = Directory.CreateTempSubdirectory("perfmodel-cal-");
        try
        {
            var (code, output, err) = CliRunner.Run("calibrate", "--quick", "--only", "syscall", "--out", dir.FullName);
            Assert.True(code == 0, err);
            Assert.Contains(SyscallPath["$.".Length..], output); // the estimate's row names its field: kernel.syscallSeconds
            var host = Directory.GetFiles(dir.FullName, "*.platform.json").Select(f => Path.GetFileName(f)[..^".platform.json".Length]).Single();
            var platform = ProfileFiles.LoadPlatform(Path.Combine(dir.FullName, host + ".platform.json"));
            // A real getppid on any Linux machine costs between 10 ns and 100 µs (sanity bound, not a timing assertion).
            Assert.InRange(platform.Kernel.Syscall.Seconds, 1e-8, 1e-4);
            Assert.StartsWith("measured: " + host, ProfilePaths.SourceOf(platform, SyscallPath));
            Assert.True(File.Exists(Path.Combine(dir.FullName, host, "raw", "syscall.csv")));
            var predict = CliRunner.Run("predict", "--platform", Path.Combine(dir.FullName, host + ".platform.json"),
                "--os-file", Path.Combine(dir.FullName, host + ".linux.json"), "--app", "hpcg", "--nodes", "1,64", "--format", "csv");
            Assert.True(predict.Code == 0, predict.Err);
            Assert.Equal(1 + 3 * 2, predict.Out.TrimEnd('\n').Split('\n').Length);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Merge_pools_hosts_by_median_and_flags_the_odd_one()
    {
        var dir = Directory.CreateTempSubdirectory("perfmodel-merge-");
        try
        {
            // Three "nodes": the default profiles under three host names, node c with a 5x slower syscall.
            var platform = Defaults.Platform();
            Assert.Equal(2.5e-7, platform.Kernel.Syscall.Seconds); // host a keeps the default
            foreach (var (host, syscall) in new[] { ("a", 2.5e-7), ("b", 3.0e-7), ("c", 1.5e-6) })
            {
                var measured = platform with { Kernel = platform.Kernel with { Syscall = TimeInterval.FromSeconds(syscall) } };
                File.WriteAllText(Path.Combine(dir.FullName, host + ".platform.json"), ProfileJsonWriter.Write(measured));
                File.WriteAllText(Path.Combine(dir.FullName, host + ".linux.json"), ProfileJsonWriter.Write(Defaults.Os("linux")));
            }
            var (code, output, err) = CliRunner.Run("calibrate", "merge", dir.FullName);
            Assert.True(code == 0, err);

            // The table: a header with every compared parameter, one row per host; only c stands out, for its syscall.
            var lines = output.Split('\n');
            Assert.All(CalibrationMerge.Parameters, p => Assert.Contains(p.Name, lines[0]));
            string LastCell(string host) =>
                lines.Single(l => l.StartsWith(host + " ", StringComparison.Ordinal)).Split("  ", StringSplitOptions.RemoveEmptyEntries)[^1];
            Assert.Contains("syscall_s", LastCell("c"));
            Assert.DoesNotContain("syscall_s", LastCell("a"));
            Assert.DoesNotContain("syscall_s", LastCell("b"));

            // The written files: the merged platform with the median and its provenance, and the typical host's Linux.
            var platformFile = Path.Combine(dir.FullName, "merged.platform.json");
            var osFile = Path.Combine(dir.FullName, "merged.linux.json");
            Assert.Contains($"merged 3 hosts into {platformFile} and {osFile}", output);
            var merged = ProfileFiles.LoadPlatform(platformFile);
            Assert.Equal(3.0e-7, merged.Kernel.Syscall.Seconds, 1e-20); // median of 2.5e-7, 3.0e-7, 1.5e-6
            Assert.StartsWith("measured: median of 3 hosts", ProfilePaths.SourceOf(merged, SyscallPath));
            var linux = ProfileFiles.LoadOs(osFile);
            Assert.Equal(Defaults.Os("linux").Noise.Sources.AsEnumerable(), linux.Noise.Sources.AsEnumerable()); // every host has the default noise
            // Only the host files and the two merged files: no temporary file left behind.
            Assert.Equal(["a.linux.json", "a.platform.json", "b.linux.json", "b.platform.json", "c.linux.json", "c.platform.json", "merged.linux.json", "merged.platform.json"],
                Directory.GetFiles(dir.FullName).Select(Path.GetFileName).Order(StringComparer.Ordinal));

            // Merging again skips the merged files it wrote.
            var again = CliRunner.Run("calibrate", "merge", dir.FullName);
            Assert.True(again.Code == 0, again.Err);
            Assert.Equal(output, again.Out);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Merge_of_a_directory_without_calibrations_fails_with_exit_2()
    {
        using var tmp = new TempDir();
        var (code, output, err) = CliRunner.Run("calibrate", "merge", tmp.Path);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("no <host>.platform.json files", err);
        Assert.Empty(tmp.Entries());
    }

    [Fact]
    public void Unknown_benchmark_names_list_the_valid_ones()
    {
        var (code, _, err) = CliRunner.Run("calibrate", "--quick", "--only", "disk", "--out", Path.GetTempPath());
        Assert.Equal(2, code);
        Assert.Contains("syscall", err);
    }
    [Fact]
    public void Import_writes_the_checked_in_defaults_and_never_over_an_input()
    {
        var dir = Directory.CreateTempSubdirectory("perfmodel-import-");
        try
        {
            var measured = Path.Combine(Support.RepoPaths.DataDir, "measured");
            var templates = Path.Combine(Support.RepoPaths.DataDir, "templates");
            var (code, output, err) = CliRunner.Run("calibrate", "import", "--from", measured, "--templates", templates, "--out", dir.FullName);
            Assert.True(code == 0, err);
            foreach (var f in new[] { "platforms/oakforest-pacs-knl7250.json", "os/linux.json", "os/mckernel.json", "os/mos.json" })
                Assert.Equal(File.ReadAllText(Path.Combine(Support.RepoPaths.DataDir, f)), File.ReadAllText(Path.Combine(dir.FullName, f)));
            Assert.Contains("$.memoryTiers[0].bandwidthBytesPerSecond", output, StringComparison.Ordinal);
            Assert.Contains("assumption: knlDurationScale = 1.75", output, StringComparison.Ordinal);
            // The goodness-of-fit figures on request.
            var (codeF, outputF, errF) = CliRunner.Run("calibrate", "import", "--from", measured, "--templates", templates, "--out", dir.FullName, "--figures", Path.Combine(dir.FullName, "fig"));
            Assert.True(codeF == 0, errF);
            foreach (var name in PerfModel.Reports.Figures.CalibrationFitFigures.Names)
                Assert.True(File.Exists(Path.Combine(dir.FullName, "fig", name + ".html")), outputF);

            // Templates copied to DIR/os: writing DIR/os/linux.json would overwrite the template read as an input.
            var os = Directory.CreateDirectory(Path.Combine(dir.FullName, "t", "os"));
            foreach (var f in Directory.GetFiles(templates)) File.Copy(f, Path.Combine(os.FullName, Path.GetFileName(f)));
            var before = File.ReadAllText(Path.Combine(os.FullName, "linux.json"));
            var (code2, _, err2) = CliRunner.Run("calibrate", "import", "--from", measured, "--templates", os.FullName, "--out", Path.Combine(dir.FullName, "t"));
            Assert.Equal(2, code2);
            Assert.Contains("inputs are never overwritten", err2, StringComparison.Ordinal);
            Assert.Equal(before, File.ReadAllText(Path.Combine(os.FullName, "linux.json")));

            // A missing measurement: exit 1, the file named.
            var (code3, _, err3) = CliRunner.Run("calibrate", "import", "--from", Path.Combine(dir.FullName, "nothing"), "--templates", templates, "--out", Path.Combine(dir.FullName, "u"));
            Assert.Equal(1, code3);
            Assert.Contains(Path.Combine(dir.FullName, "nothing"), err3, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(dir.FullName, "u", "os")));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
