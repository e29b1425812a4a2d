namespace PerfModel.Calibration.Published;

/// <summary>One row of an OSU data frame (<see cref="OsuDataFrame"/>): one message size of one benchmark run.</summary>
/// <param name="Line">The row's line in the file (1-based).</param>
/// <param name="SizeBytes">Message size in bytes (<c>size</c>).</param>
/// <param name="LatencySeconds">The reported latency in seconds (<c>latency_us</c> or <c>avg_latency_us</c> × 10⁻⁶):
/// one-way time for <c>osu_latency</c> (half the ping-pong round trip), average time per call for <c>osu_allreduce</c>.</param>
/// <param name="Experiment">The <c>experiment</c> column, e.g. <c>on-premises/dane/cpu/osu_latency</c>.</param>
/// <param name="Cloud">The <c>cloud</c> column (<c>aws</c>, <c>azure</c>, <c>google</c>, <c>on-premises</c>).</param>
/// <param name="Env">The <c>env</c> column, the system (e.g. <c>dane</c>).</param>
/// <param name="EnvType">The <c>env_type</c> column (<c>cpu</c>).</param>
/// <param name="Nodes">Nodes of the allocation (<c>nodes</c>).</param>
/// <param name="GpuCount">The <c>gpu_count</c> column.</param>
public sealed record OsuRow(int Line, long SizeBytes, double LatencySeconds, string Experiment, string Cloud, string Env, string EnvType, int Nodes, int GpuCount);
