using PerfModel.Calibration.Benchmarks;

namespace PerfModel.Tests.Calibration.Benchmarks;

[Collection(MicroBenchmarkCollection.Name)]
public sealed class BrkBenchmarkTests
{
    [Fact]
    public void ReplaysTheHeapTraceAndRestoresTheBreak()
    {
        if (BenchmarkAssert.RunOrRefuse(new BrkBenchmark()) is not { } r) return;
        if (r.Skipped)
        {
            Assert.False(string.IsNullOrWhiteSpace(r.SkipReason));
            return;
        }
        var calls = BenchmarkAssert.Positive(r, "brk-call");
        Assert.InRange(BenchmarkAssert.Median(calls.Y), 0.1, 1e6); // ns per sbrk call; sbrk(0) is a cached libc read
        var grow = BenchmarkAssert.Positive(r, "brk-grow");
        Assert.InRange(BenchmarkAssert.Median(grow.Y), 10, 10_000_000); // a real brk syscall: 10 ns .. 10 ms
        var touch = BenchmarkAssert.Positive(r, "touch-after-grow");
        Assert.Equal(grow.Count, touch.Count);
        Assert.All(touch.X.Zip(touch.Y), p => Assert.InRange(p.Second / p.First, 10e-9, 10e-3));
        Assert.Contains(r.Notes, n => n.Contains("restored exactly", StringComparison.Ordinal) || n.Contains("not released", StringComparison.Ordinal));
        // Series x values index into brk-call.
        Assert.All(grow.X, x => Assert.InRange(x, 0, calls.Count - 1));
    }
}
