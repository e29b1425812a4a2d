using BenchmarkDotNet.Attributes;
using PerfModel.Noise;
using PerfModel.Noise.Simulation;
using PerfModel.Profiles;

namespace PerfModel.Bench;

/// <summary>Monte Carlo throughput at P = 131,072 with 20 trials on all cores: a 1 kHz 2 µs tick plus a 10 ms detour every
/// 10 s. Rank-windows per second = RankSteps / mean time (Barrier: P per trial; recursive doubling: P(1 + 17) per trial).</summary>
[ShortRunJob]
public class SimulatorThroughput
{
    private static readonly NoiseProfile Noise = new([new NoiseSource("tick", 1000, 2e-6), new NoiseSource("rare", 0.1, 10e-3)], false);
    private static readonly SimulationOptions Options = new(20, 1729);

    [Benchmark] public long Barrier_P131072() => NoiseSimulator.Simulate(Noise, new StepShape(100e-6, SyncShape.Barrier, 0), 131072, Options).RankSteps;
    [Benchmark] public long Allreduce_P131072() => NoiseSimulator.Simulate(Noise, new StepShape(100e-6, SyncShape.AllreduceRecursiveDoubling, 2e-6), 131072, Options).RankSteps;
}
