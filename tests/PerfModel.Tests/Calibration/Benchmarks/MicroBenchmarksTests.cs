using PerfModel.Calibration.Benchmarks;
using PerfModel.Calibration.Measurements;

namespace PerfModel.Tests.Calibration.Benchmarks;

public sealed class MicroBenchmarksTests
{
    [Fact]
    public void AllListsTheSixBenchmarksInPriorityOrder() =>
        Assert.Equal(["syscall", "faults", "bandwidth", "fwq", "brk", "tlb"], MicroBenchmarks.All.Select(b => b.Name));

    [Fact]
    public void GetFindsByNameAndListsValidNamesOtherwise()
    {
        Assert.Same(MicroBenchmarks.All[3], MicroBenchmarks.Get("fwq"));
        Assert.Same(MicroBenchmarks.All[0], MicroBenchmarks.Get("SYSCALL"));
        var e = Assert.Throws<ArgumentException>(() => MicroBenchmarks.Get("nope"));
        Assert.Contains("nope", e.Message);
        Assert.Contains("syscall, faults, bandwidth, fwq, brk, tlb", e.Message);
    }

    [Fact]
    public void EstimatesArePositiveAndQuickIsShorter()
    {
        foreach (var b in MicroBenchmarks.All)
        {
            var quick = b.Estimate(new BenchmarkOptions(Quick: true));
            var full = b.Estimate(new BenchmarkOptions(Quick: false));
            Assert.True(quick > TimeSpan.Zero, b.Name);
            Assert.True(quick <= full, $"{b.Name}: quick {quick} > full {full}");
            Assert.True(b.Estimate(BenchmarkAssert.Tiny) <= quick, b.Name);
        }
    }

    [Fact]
    public void BadScaleIsRejected()
    {
        if (!OperatingSystem.IsLinux()) return;
        Assert.Throws<ArgumentOutOfRangeException>(() => new SyscallBenchmark().Run(new BenchmarkOptions(true, Scale: 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SyscallBenchmark().Run(new BenchmarkOptions(true, Scale: double.NaN)));
    }
}
