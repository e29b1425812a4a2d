using BenchmarkDotNet.Attributes;
using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Profiles;
using PerfModel.Units;

namespace PerfModel.Bench;

/// <summary>Cost of one closed-form evaluation at P = 64, 131,072 and 2^24 ranks: the Ratio column shows it is flat in P
/// (a barrier step) or grows only with the log2 P rounds (an allreduce step). Default options use an exact 0.1 µs lattice
/// for the Linux noise (tens of thousands of points); Fast ones are what the predictor uses.</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class ClosedFormCost
{
    private readonly NoiseProfile linux = Defaults.Os("linux").Noise;
    private static readonly StepShape Barrier = new(TimeInterval.FromMicroseconds(100), SyncShape.Barrier, TimeInterval.Zero);
    private static readonly StepShape Allreduce = new(TimeInterval.FromMicroseconds(100), SyncShape.AllreduceRecursiveDoubling, TimeInterval.FromMicroseconds(2));

    [Benchmark(Baseline = true)] public double Barrier_P64() => NoiseClosedForm.Evaluate(linux, Barrier, 64).MeanStep.Seconds;
    [Benchmark] public double Barrier_P131072() => NoiseClosedForm.Evaluate(linux, Barrier, 131072).MeanStep.Seconds;
    [Benchmark] public double Barrier_P2pow24() => NoiseClosedForm.Evaluate(linux, Barrier, 1 << 24).MeanStep.Seconds;
    [Benchmark] public double Allreduce_P64() => NoiseClosedForm.Evaluate(linux, Allreduce, 64).MeanStep.Seconds;
    [Benchmark] public double Allreduce_P131072() => NoiseClosedForm.Evaluate(linux, Allreduce, 131072).MeanStep.Seconds;
    [Benchmark] public double Allreduce_P2pow24() => NoiseClosedForm.Evaluate(linux, Allreduce, 1 << 24).MeanStep.Seconds;

    // The predictor's settings (ClosedFormOptions.Fast: exact lattices up to 32,768 points, else 512 dense points).
    [Benchmark] public double FastAllreduce_P64() => NoiseClosedForm.Evaluate(linux, Allreduce, 64, ClosedFormOptions.Fast).MeanStep.Seconds;
    [Benchmark] public double FastAllreduce_P131072() => NoiseClosedForm.Evaluate(linux, Allreduce, 131072, ClosedFormOptions.Fast).MeanStep.Seconds;
    [Benchmark] public double FastAllreduce_P2pow24() => NoiseClosedForm.Evaluate(linux, Allreduce, 1 << 24, ClosedFormOptions.Fast).MeanStep.Seconds;
}
