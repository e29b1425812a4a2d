namespace PerfModel.Noise;

/// <summary>A bulk-synchronous step: every rank computes for <paramref name="WorkSeconds"/>, then synchronises as
/// <paramref name="Sync"/> says, each of the ceil(log2 P) rounds of a collective taking <paramref name="RoundSeconds"/> without noise.</summary>
public sealed record StepShape(double WorkSeconds, SyncShape Sync, double RoundSeconds);
