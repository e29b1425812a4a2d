using BenchmarkDotNet.Attributes;
using PerfModel.Calibration.Profiles;
using PerfModel.Noise;
using PerfModel.Profiles;

namespace PerfModel.Bench;

/// <summary>Cost of one closed-form evaluation at P = 64, 131,072 and 2^24 ranks: the Ratio column shows it is flat in P
/// (a barrier step) or grows only with the log2 P rounds (an allreduce step). Default options use an exact 0.1 µs lattice
/// for the Linux noise (tens of thousands of points); Fast ones are what the predictor uses.</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class ClosedFormCost
{
    private readonly NoiseProfile linux = ProfileLoader.LoadDefaults().Os("linux").Noise;
    private static readonly StepShape Barrier = new(100e-6, SyncShape.Barrier, 0);
    private static readonly StepShape Allreduce = new(100e-6, SyncShape.AllreduceRecursiveDoubling, 2e-6);

    [Benchmark(Baseline = true)] public double Barrier_P64() => NoiseClosedForm.Evaluate(linux, Barrier, 64).MeanStepSeconds;
    [Benchmark] public double Barrier_P131072() => NoiseClosedForm.Evaluate(linux, Barrier, 131072).MeanStepSeconds;
    [Benchmark] public double Barrier_P2pow24() => NoiseClosedForm.Evaluate(linux, Barrier, 1 << 24).MeanStepSeconds;
    [Benchmark] public double Allreduce_P64() => NoiseClosedForm.Evaluate(linux, Allreduce, 64).MeanStepSeconds;
    [Benchmark] public double Allreduce_P131072() => NoiseClosedForm.Evaluate(linux, Allreduce, 131072).MeanStepSeconds;
    [Benchmark] public double Allreduce_P2pow24() => NoiseClosedForm.Evaluate(linux, Allreduce, 1 << 24).MeanStepSeconds;

    // The predictor's settings (ClosedFormOptions.Fast: exact lattices up to 32,768 points, else 512 dense points).
    [Benchmark] public double FastAllreduce_P64() => NoiseClosedForm.Evaluate(linux, Allreduce, 64, ClosedFormOptions.Fast).MeanStepSeconds;
    [Benchmark] public double FastAllreduce_P131072() => NoiseClosedForm.Evaluate(linux, Allreduce, 131072, ClosedFormOptions.Fast).MeanStepSeconds;
    [Benchmark] public double FastAllreduce_P2pow24() => NoiseClosedForm.Evaluate(linux, Allreduce, 1 << 24, ClosedFormOptions.Fast).MeanStepSeconds;
}
