namespace PerfModel.Memory;

/// <summary>Outcome of the placement model for one rank.</summary>
/// <param name="HbmFraction">f: share of the rank's memory traffic served from HBM (the byte share when it fits or spills without penalty).</param>
/// <param name="Regime">"fits-hbm", "spills-to-ddr", "ddr-only" or "no-hbm".</param>
/// <param name="SecondsPerIteration">Memory time of one iteration.</param>
/// <param name="EffectiveBandwidthBytesPerSecond">Per-rank bandwidth the traffic sees: 1 / (f/BW_hbm + (1−f)/BW_ddr).</param>
public sealed record PlacementResult(double HbmFraction, string Regime, double SecondsPerIteration, double EffectiveBandwidthBytesPerSecond);
