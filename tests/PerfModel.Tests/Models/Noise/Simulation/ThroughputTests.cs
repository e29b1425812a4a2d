using System.Diagnostics;
using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Noise.Simulation;
using Xunit.Abstractions;

namespace PerfModel.Tests.Models.Noise.Simulation;

/// <summary>Prints throughput (rank-windows per second) at P = 2^17; no timing assertion (the test build is unoptimised and
/// machines differ). Also a smoke test of the large-P path against the pathwise lower bound.</summary>
public sealed class ThroughputTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(SyncShape.Barrier, 8)]
    [InlineData(SyncShape.AllreduceRecursiveDoubling, 2)]
    public void ReportsRankStepsPerSecondAtLargeScale(SyncShape sync, int trials)
    {
        const long p = 131072; // k = 17
        var noise = new NoiseProfile(
        [
            TestProfiles.Source("tick", 1000, 2e-6),
            TestProfiles.Source("daemon", 10, new ExponentialDuration(TimeInterval.FromSeconds(50e-6))),
        ], false);
        var shape = TestProfiles.Step(1e-3, sync, 2e-6);
        var sw = Stopwatch.StartNew();
        var r = NoiseSimulator.Simulate(noise, shape, p, new SimulationOptions(trials, 1, 0));
        sw.Stop();
        output.WriteLine($"{sync} P={p} trials={trials} threads={Environment.ProcessorCount}: {r.RankSteps:N0} rank-windows in {sw.Elapsed.TotalSeconds:F3} s = {r.RankSteps / sw.Elapsed.TotalSeconds / 1e6:F1} M/s; mean {r.MeanStepSeconds:G6} s, max {r.MeanMaxStepSeconds:G6} s");
        Assert.True(r.MeanStepSeconds >= 1e-3 + r.Rounds * 2e-6);
    }
}
