using PerfModel.Calibration.Benchmarks;

namespace PerfModel.Tests.Calibration.Benchmarks;

[Collection(MicroBenchmarkCollection.Name)]
public sealed class PageFaultBenchmarkTests
{
    [Fact]
    public void TouchingMorePagesTakesLonger()
    {
        if (BenchmarkAssert.RunOrRefuse(new PageFaultBenchmark()) is not { } r) return;
        Assert.False(r.Skipped);
        foreach (var name in new[] { "touch-4k", "populate-4k" })
        {
            var s = BenchmarkAssert.Positive(r, name);
            var (small, large) = (s.X.Min(), s.X.Max());
            Assert.True(large >= 8 * small, $"{name}: sizes {small}..{large} should span a wide range");
            Assert.True(BenchmarkAssert.MedianAt(s, large) > BenchmarkAssert.MedianAt(s, small), $"{name}: {large} pages not slower than {small}");
            foreach (var x in s.X.Distinct())
                Assert.InRange(BenchmarkAssert.MedianAt(s, x) / x, 10e-9, 10e-3); // per 4 KiB page: 10 ns .. 10 ms
        }
        if (r.Notes.Any(n => n.StartsWith("touch-2m skipped", StringComparison.Ordinal)))
            Assert.DoesNotContain(r.Series, s => s.Name == "touch-2m");
        else
        {
            var huge = BenchmarkAssert.Positive(r, "touch-2m");
            foreach (var x in huge.X.Distinct())
                Assert.InRange(BenchmarkAssert.MedianAt(huge, x) / x, 1e-6, 1); // per 2 MiB page: 1 µs .. 1 s
        }
    }
}
