using BenchmarkDotNet.Attributes;
using PerfModel.Calibration.Profiles;
using PerfModel.Predictions;

namespace PerfModel.Bench;

/// <summary>The full default sweep: 8 applications x 3 OSes x every default node count (288 predictions), in process.</summary>
[ShortRunJob]
public class PredictSweep
{
    private readonly ProfileSet set = ProfileLoader.LoadDefaults();

    [Benchmark]
    public int DefaultSweep() => Sweep.Run(set.Platform, set.Os("linux"), set.Oses, set.Apps, a => a.DefaultNodes).Count;
}
