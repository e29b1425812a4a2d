using PerfModel.Calibration.Benchmarks;

namespace PerfModel.Tests.Calibration.Benchmarks;

[Collection(MicroBenchmarkCollection.Name)]
public sealed class SyscallBenchmarkTests
{
    [Fact]
    public void MeasuresGetppidAndSchedYield()
    {
        if (BenchmarkAssert.RunOrRefuse(new SyscallBenchmark()) is not { } r) return;
        Assert.False(r.Skipped);
        var getppid = BenchmarkAssert.Positive(r, "getppid");
        var yield = BenchmarkAssert.Positive(r, "sched_yield");
        var baseline = BenchmarkAssert.Positive(r, "pinvoke-baseline");
        Assert.Equal(getppid.Count, yield.Count);
        Assert.Equal(Enumerable.Range(0, getppid.Count).Select(i => (double)i), getppid.X);
        Assert.InRange(BenchmarkAssert.Median(getppid.Y), 10, 100_000);        // a real syscall: 10 ns .. 100 µs
        Assert.InRange(BenchmarkAssert.Median(yield.Y), 10, 10_000_000);       // may switch threads: up to 10 ms
        Assert.True(BenchmarkAssert.Median(baseline.Y) < BenchmarkAssert.Median(getppid.Y), "a P/Invoke without a syscall should be cheaper than one with");
    }
}
