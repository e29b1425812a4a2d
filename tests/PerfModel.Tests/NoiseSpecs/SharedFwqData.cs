using System.Runtime.CompilerServices;

namespace PerfModel.Tests.NoiseSpecs;

/// <summary>Locates the shared FWQ data: the repository is /work/&lt;clone&gt; and the shared data /work/shared, so the
/// trace is ../shared/data/fwq/ from the repository root, found from this source file's path.</summary>
internal static class SharedFwqData
{
    public static string RepoRoot([CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", "..", ".."));

    public static string KvmTrace
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(RepoRoot(), "..", "shared", "data", "fwq", "kvm-2core-fwq.csv"));
            Assert.True(File.Exists(path), $"the shared FWQ trace is missing: {path}");
            return path;
        }
    }
}
