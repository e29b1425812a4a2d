using PerfModel.Calibration.Benchmarks;

namespace PerfModel.Tests.Calibration.Benchmarks;

[Collection(MicroBenchmarkCollection.Name)]
public sealed class BandwidthBenchmarkTests
{
    [Fact]
    public void TriadBandwidthIsPlausible()
    {
        if (BenchmarkAssert.RunOrRefuse(new BandwidthBenchmark()) is not { } r) return;
        Assert.False(r.Skipped);
        foreach (var name in new[] { "triad-1-thread", "triad-N-threads" })
        {
            var s = BenchmarkAssert.Positive(r, name);
            Assert.True(s.Count >= 3, name);
            Assert.InRange(BenchmarkAssert.Median(s.Y), 0.1e9, 1e12); // 0.1 GB/s .. 1 TB/s
        }
        Assert.Contains(r.Notes, n => n.StartsWith("NUMA nodes", StringComparison.Ordinal));
    }
}
