using BenchmarkDotNet.Attributes;
using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Profiles;
using PerfModel.Units;

namespace PerfModel.Bench;

/// <summary>Cost of one closed-form evaluation (<see cref="NoiseClosedForm.Evaluate"/>) with the default Linux noise at
/// P = 64, 131,072, 2^24 and 2^30 ranks, per step shape and accuracy setting (<see cref="ClosedFormOptions.Fast"/> is the
/// predictor's). The Ratio column (baseline P = 64 within each shape and setting) shows how flat the cost is in P: the grid
/// does not depend on P, the barrier's work neither; the collectives' grows with their O(log P) rounds. Run with
/// <c>dotnet run -c Release --project bench/PerfModel.Bench -- --filter '*ClosedFormCost*'</c>.</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class ClosedFormCost
{
    private readonly NoiseProfile linux = Defaults.Os("linux").Noise;
    private StepShape shape = null!;
    private ClosedFormOptions options = ClosedFormOptions.Fast;

    /// <summary>The synchronisation of the step (W = 100 µs, rounds of 2 µs).</summary>
    [Params(SyncShape.Barrier, SyncShape.AllreduceRecursiveDoubling, SyncShape.DisseminationBarrier, SyncShape.TreeReduceBroadcast)]
    public SyncShape Sync { get; set; }

    /// <summary>"fast" (the predictor's) or "default".</summary>
    [Params("fast", "default")]
    public string Accuracy { get; set; } = "fast";

    /// <summary>Builds the step shape and picks the options of this case.</summary>
    [GlobalSetup]
    public void Setup()
    {
        shape = new StepShape(TimeInterval.FromMicroseconds(100), Sync, TimeInterval.FromMicroseconds(2));
        options = Accuracy == "fast" ? ClosedFormOptions.Fast : ClosedFormOptions.Default;
    }

    /// <summary>P = 64 (the baseline of the Ratio column).</summary>
    [Benchmark(Baseline = true)] public double P64() => NoiseClosedForm.Evaluate(linux, shape, 64, options).MeanStep.Seconds;
    /// <summary>P = 131,072.</summary>
    [Benchmark] public double P131072() => NoiseClosedForm.Evaluate(linux, shape, 131072, options).MeanStep.Seconds;
    /// <summary>P = 2^24.</summary>
    [Benchmark] public double P2pow24() => NoiseClosedForm.Evaluate(linux, shape, 1 << 24, options).MeanStep.Seconds;
    /// <summary>P = 2^30.</summary>
    [Benchmark] public double P2pow30() => NoiseClosedForm.Evaluate(linux, shape, 1 << 30, options).MeanStep.Seconds;
}
