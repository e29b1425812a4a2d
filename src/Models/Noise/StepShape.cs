namespace PerfModel.Noise;

/// <summary>
/// One bulk-synchronous step: every rank computes for <paramref name="WorkSeconds"/> (W, noise-free), then synchronises as
/// <paramref name="Sync"/>; each round of a collective takes <paramref name="RoundSeconds"/> (c, noise-free). Both must be
/// finite and ≥ 0. <paramref name="RoundSeconds"/> is ignored by <see cref="SyncShape.None"/> and <see cref="SyncShape.Barrier"/>.
/// Noise-free step time (mean over ranks): W for None and Barrier; W + k·c for the recursive-doubling and dissemination
/// collectives; W + k·c + c·k/2 for the tree (k = ⌈log₂ P⌉; rank i's broadcast path has popcount(i) hops, mean k/2 over 2^k ranks).
/// </summary>
public sealed record StepShape(double WorkSeconds, SyncShape Sync, double RoundSeconds);
