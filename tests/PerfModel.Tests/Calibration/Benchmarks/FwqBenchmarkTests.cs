using PerfModel.Calibration.Benchmarks;
using PerfModel.Calibration.Noise;

namespace PerfModel.Tests.Calibration.Benchmarks;

[Collection(MicroBenchmarkCollection.Name)]
public sealed class FwqBenchmarkTests
{
    [Fact]
    public void ProbesEveryCoreAndRoundTripsThroughTheTraceFormat()
    {
        if (BenchmarkAssert.RunOrRefuse(new FwqBenchmark()) is not { } r) return;
        Assert.False(r.Skipped);
        var cores = r.Series.Where(s => s.Name.StartsWith("core", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(cores);
        Assert.Contains(r.Notes, n => n.StartsWith("fwq samples_per_core=2000 ", StringComparison.Ordinal));
        foreach (var c in cores)
        {
            BenchmarkAssert.Positive(r, c.Name);
            Assert.Equal(2000, c.Count);
            Assert.InRange(BenchmarkAssert.Median(c.Y), 100, 10_000_000); // a ~10 µs quantum: 100 ns .. 10 ms
        }

        var data = FwqBenchmark.ToFwqTraceData(r);
        Assert.Equal(cores.Length, data.Cores.Length);
        Assert.Equal(5000, data.DetourThresholdNs);
        Assert.All(data.Cores, c => Assert.True(c.MinNs <= c.MeanNs));

        // A low threshold makes sure there are detour rows to round-trip.
        foreach (var threshold in new[] { 5000.0, 50.0 })
        {
            var expected = FwqBenchmark.ToFwqTraceData(r, threshold);
            var dir = Directory.CreateTempSubdirectory("fwq-trace-");
            try
            {
                var path = Path.Combine(dir.FullName, "fwq.csv");
                FwqBenchmark.WriteTrace(r, path, threshold);
                Assert.Equal(["fwq.csv"], dir.GetFiles().Select(f => f.Name)); // no temporary file left behind
                var first = File.ReadLines(path).First();
                Assert.StartsWith("# fwq samples_per_core=2000 work_iters=", first);
                Assert.Contains($"cores={cores.Length} detour_threshold_ns={threshold:R} clock=CLOCK_MONOTONIC", first);
                var loaded = FwqTrace.Load(path);
                Assert.Equal(threshold, loaded.DetourThresholdNs);
                Assert.Equal(expected.Cores.Select(c => c.Name), loaded.Cores.Select(c => c.Name));
                foreach (var (e, l) in expected.Cores.Zip(loaded.Cores))
                {
                    Assert.Equal(e.Samples, l.Samples);
                    Assert.Equal(e.MinNs, l.MinNs);
                    Assert.Equal(e.MeanNs, l.MeanNs);
                    Assert.Equal(e.DetourExcessNs.ToArray(), l.DetourExcessNs.ToArray());
                }
                Assert.True(FwqTrace.ToNoiseProfile(loaded) is not null);
            }
            finally
            {
                dir.Delete(recursive: true);
            }
        }
        Assert.True(FwqBenchmark.ToFwqTraceData(r, 50).Cores.Sum(c => c.Detours) > 0, "a 50 ns threshold should see detours");
    }
}
