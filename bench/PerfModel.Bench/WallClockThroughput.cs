using BenchmarkDotNet.Attributes;
using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Noise.WallClock;
using PerfModel.Profiles;
using PerfModel.Units;

namespace PerfModel.Bench;

/// <summary>The wall-clock simulator at P = 131,072 (2^17). Each method returns the run's RankRounds (P·(1 + rounds) per step
/// and trial: 18 per rank and step for recursive doubling, 1 for the barrier); rank-rounds per second = that / the mean
/// time. The Linux case is 10 steps of 200 µs compute + a recursive-doubling allreduce with rounds of c = 2 µs under
/// <c>Defaults.Os("linux").Noise</c>. Trials are at least 2, so the one-thread case runs two 10-step runs back to back and
/// the all-cores case side by side; every call also runs the noise-free steps once (an extra, cheaper run).</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class WallClockThroughput
{
    private const long P = 131072;
    private static readonly NoiseProfile Linux = Defaults.Os("linux").Noise;
    private static readonly NoiseProfile TickAndRare = new(
    [
        new NoiseSource("tick", EventRate.FromPerSecond(1000), new FixedDuration(TimeInterval.FromMicroseconds(2)), NoiseArrival.Periodic),
        new NoiseSource("rare", EventRate.FromPerSecond(0.1), TimeInterval.FromMilliseconds(10)),
    ]);
    private static readonly StepShape Allreduce = new(TimeInterval.FromMicroseconds(200), SyncShape.AllreduceRecursiveDoubling, TimeInterval.FromMicroseconds(2));
    private static readonly StepShape Barrier = new(TimeInterval.FromMicroseconds(200), SyncShape.Barrier, TimeInterval.Zero);

    /// <summary>2 runs x 10 steps, Linux noise, recursive doubling (18 rank-rounds per rank and step), one thread.</summary>
    [Benchmark(Baseline = true)]
    public long Linux_Allreduce_10Steps_2Runs_OneThread() => WallClockSimulator.Simulate(Linux, Allreduce, P, new WallClockOptions(2, 10, 1729, 1)).RankRounds;

    /// <summary>The same two runs on all cores (one run per worker).</summary>
    [Benchmark]
    public long Linux_Allreduce_10Steps_2Runs_AllCores() => WallClockSimulator.Simulate(Linux, Allreduce, P, new WallClockOptions(2, 10, 1729)).RankRounds;

    /// <summary>8 runs x 10 steps of a 1 kHz periodic tick + a 10 ms detour every 10 s, recursive doubling, all cores.</summary>
    [Benchmark]
    public long TickAndRare_Allreduce_10Steps_8Runs_AllCores() => WallClockSimulator.Simulate(TickAndRare, Allreduce, P, new WallClockOptions(8, 10, 1729)).RankRounds;

    /// <summary>8 runs x 10 steps of the ideal barrier (1 rank-round per rank and step), Linux noise, all cores.</summary>
    [Benchmark]
    public long Linux_Barrier_10Steps_8Runs_AllCores() => WallClockSimulator.Simulate(Linux, Barrier, P, new WallClockOptions(8, 10, 1729)).RankRounds;
}
