using BenchmarkDotNet.Attributes;
using PerfModel.Profiles;

namespace PerfModel.Bench;

/// <summary>The full default sweep: 8 applications x 3 OSes x every default node count (288 predictions), in process.</summary>
[ShortRunJob]
public class PredictSweep
{
    private readonly Study study = Defaults.Study();

    [Benchmark]
    public int DefaultSweep() => study.Sweep().Count;
}
