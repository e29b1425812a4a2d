using BenchmarkDotNet.Attributes;
using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Noise.Simulation;
using PerfModel.Units;

namespace PerfModel.Bench;

/// <summary>Monte Carlo throughput at P = 131,072 with 20 trials on all cores: a 1 kHz 2 µs tick plus a 10 ms detour every
/// 10 s. Rank-windows per second = RankSteps / mean time (Barrier: P per trial; recursive doubling: P(1 + 17) per trial).</summary>
[ShortRunJob]
public class SimulatorThroughput
{
    private static readonly NoiseProfile Noise = new(
    [
        new NoiseSource("tick", EventRate.FromPerSecond(1000), TimeInterval.FromMicroseconds(2)),
        new NoiseSource("rare", EventRate.FromPerSecond(0.1), TimeInterval.FromMilliseconds(10)),
    ]);
    private static readonly SimulationOptions Options = new(20, 1729);
    private static readonly TimeInterval Work = TimeInterval.FromMicroseconds(100);

    [Benchmark] public long Barrier_P131072() => NoiseSimulator.Simulate(Noise, new StepShape(Work, SyncShape.Barrier, TimeInterval.Zero), 131072, Options).RankSteps;
    [Benchmark] public long Allreduce_P131072() => NoiseSimulator.Simulate(Noise, new StepShape(Work, SyncShape.AllreduceRecursiveDoubling, TimeInterval.FromMicroseconds(2)), 131072, Options).RankSteps;
}
