using System.Runtime.CompilerServices;

namespace PerfModel.Tests.NoiseSpecs;

/// <summary>Locates the real FWQ trace kept in the repository (data/noise/kvm-2core-fwq.csv, a copy of the shared
/// measurement), found from this source file's path.</summary>
internal static class SharedFwqData
{
    public static string RepoRoot([CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", "..", ".."));

    public static string KvmTrace
    {
        get
        {
            var path = Path.Combine(RepoRoot(), "data", "noise", "kvm-2core-fwq.csv");
            Assert.True(File.Exists(path), $"the FWQ trace is missing: {path}");
            return path;
        }
    }
}
