using PerfModel.Calibration.Noise;
using PerfModel.Descriptions;

namespace PerfModel.Tests.Calibration.Noise;

/// <summary>Locates the real FWQ trace kept in the repository (data/noise/kvm-2core-fwq.csv, a copy of the shared
/// measurement; see data/noise/README.md).</summary>
internal static class SharedFwqData
{
    public static string KvmTrace
    {
        get
        {
            var path = Path.Combine(RepoPaths.DataDir, "noise", "kvm-2core-fwq.csv");
            Assert.True(File.Exists(path), $"the FWQ trace is missing: {path}");
            return path;
        }
    }

    private static readonly Lazy<NoiseProfile> Profile = new(() => FwqTrace.ToNoiseProfile(FwqTrace.Load(KvmTrace), "kvm-fwq"));

    /// <summary>The trace as a noise profile (<see cref="FwqTrace.ToNoiseProfile"/>), loaded once.</summary>
    public static NoiseProfile KvmProfile => Profile.Value;
}
