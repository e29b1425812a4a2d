namespace PerfModel.Calibration.Published;

/// <summary>One message size of an <c>osu_mbw_mr</c> run (<see cref="OsuMbwMrTable"/>).</summary>
/// <param name="SizeBytes">Message size in bytes.</param>
/// <param name="BytesPerSecond">Bandwidth over the pair (MB/s × 10⁶).</param>
/// <param name="MessagesPerSecond">Messages per second over the pair.</param>
public sealed record OsuMbwMrRow(long SizeBytes, double BytesPerSecond, double MessagesPerSecond);
