using System.Collections.Immutable;

namespace PerfModel.Noise.Simulation;

/// <summary>
/// Outcome of <see cref="NoiseSimulator.Simulate"/>. A trial is one step; its "step time" is the mean over ranks of each
/// rank's completion time T_i (all ranks are identically distributed, so this estimates E[T_i], the quantity the closed forms
/// give). For the collective shapes the ranks are the P' = 2^⌈log₂ P⌉ simulated ones (<see cref="SimulatedRanks"/>).
/// </summary>
/// <param name="MeanStepSeconds">Mean over trials of the per-trial mean over ranks of T_i.</param>
/// <param name="StandardErrorSeconds">Sample standard deviation (n − 1 denominator) of <paramref name="TrialMeans"/> divided by √Trials.</param>
/// <param name="MeanMaxStepSeconds">Mean over trials of max_i T_i (the slowest rank's completion time).</param>
/// <param name="TrialMeans">Per-trial mean over ranks of T_i, in trial order.</param>
/// <param name="RankSteps">Rank-windows simulated: one work window per rank plus one window of c per message-sending rank
/// per round (P'·k for recursive doubling and dissemination, 2(P' − 1) for the tree), summed over trials. Co-scheduled draws
/// shared by all ranks are still counted once per rank. A work count for throughput figures; no wall-clock time is recorded.</param>
public sealed record SimulationResult(
    double MeanStepSeconds,
    double StandardErrorSeconds,
    double MeanMaxStepSeconds,
    ImmutableArray<double> TrialMeans,
    long RankSteps)
{
    /// <summary>Per-trial max over ranks of T_i, in trial order.</summary>
    public ImmutableArray<double> TrialMaxima { get; init; } = [];

    /// <summary>Ranks actually simulated: P for None and Barrier, P' = 2^⌈log₂ P⌉ for the collectives.</summary>
    public long SimulatedRanks { get; init; }

    /// <summary>Rounds k = ⌈log₂ P⌉ of the collective shapes (0 for None and Barrier).</summary>
    public int Rounds { get; init; }
}
