using PerfModel.Calibration.Profiles;

namespace PerfModel.Tests.Cli;

/// <summary>The calibrate command end to end on this machine (real, tiny measurements) and the multi-node merge.</summary>
[Collection("micro-benchmarks")]
public sealed class CalibrateCommandTests
{
    [Fact]
    public void Quick_syscall_calibration_writes_profiles_that_predict_accepts()
    {
        var dir = Directory.CreateTempSubdirectory("perfmodel-cal-");
        try
        {
            var (code, output, err) = CliRunner.Run("calibrate", "--quick", "--only", "syscall", "--out", dir.FullName);
            Assert.True(code == 0, err);
            Assert.Contains("kernel.syscallSeconds", output);
            var host = Directory.GetFiles(dir.FullName, "*.platform.json").Select(f => Path.GetFileName(f)[..^".platform.json".Length]).Single();
            var platform = ProfileLoader.LoadPlatform(Path.Combine(dir.FullName, host + ".platform.json"));
            // A real getppid on any Linux machine costs between 10 ns and 100 µs (sanity bound, not a timing assertion).
            Assert.InRange(platform.Kernel.SyscallSeconds, 1e-8, 1e-4);
            Assert.StartsWith("measured: " + host, platform.Provenance.Of("$.kernel.syscallSeconds"));
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
            var platformText = File.ReadAllText(Path.Combine(Data.RepoPaths.DataDir, "platforms", "oakforest-pacs-knl7250.json"));
            var osText = File.ReadAllText(Path.Combine(Data.RepoPaths.DataDir, "os", "linux.json"));
            foreach (var (host, syscall) in new[] { ("a", "2.5e-7"), ("b", "3.0e-7"), ("c", "1.5e-6") })
            {
                File.WriteAllText(Path.Combine(dir.FullName, host + ".platform.json"), platformText.Replace("\"value\": 2.5e-7", "\"value\": " + syscall));
                File.WriteAllText(Path.Combine(dir.FullName, host + ".linux.json"), osText);
            }
            var (code, output, err) = CliRunner.Run("calibrate", "merge", dir.FullName);
            Assert.True(code == 0, err);
            var lineC = output.Split('\n').Single(l => l.StartsWith("c ", StringComparison.Ordinal));
            Assert.Contains("syscall_s", lineC.Split("  ", StringSplitOptions.RemoveEmptyEntries)[^1]);
            Assert.DoesNotContain("syscall_s", output.Split('\n').Single(l => l.StartsWith("a ", StringComparison.Ordinal)).Split("  ", StringSplitOptions.RemoveEmptyEntries)[^1]);
            var merged = ProfileLoader.LoadPlatform(Path.Combine(dir.FullName, "merged.platform.json"));
            Assert.Equal(3.0e-7, merged.Kernel.SyscallSeconds, 1e-20); // median of 2.5e-7, 3.0e-7, 1.5e-6
            Assert.StartsWith("measured: median of 3 hosts", merged.Provenance.Of("$.kernel.syscallSeconds"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Unknown_benchmark_names_list_the_valid_ones()
    {
        var (code, _, err) = CliRunner.Run("calibrate", "--quick", "--only", "disk", "--out", Path.GetTempPath());
        Assert.Equal(2, code);
        Assert.Contains("syscall", err);
    }
}
