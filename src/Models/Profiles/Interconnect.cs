namespace PerfModel.Profiles;

/// <summary>LogGP parameters of the network between nodes and of shared-memory transport inside a node.
/// Point-to-point time T(m) = L + 2o + (m - 1) G (Alexandrov et al., SPAA 1995; facts.md §6.2).</summary>
/// <param name="LatencySeconds">L: wire and switch latency between two nodes.</param>
/// <param name="OverheadSeconds">o: CPU overhead per message at each end.</param>
/// <param name="GapPerByteSeconds">G: time per byte for long messages (1 / bandwidth).</param>
/// <param name="IntraNodeLatencySeconds">Latency of a shared-memory message between ranks of one node.</param>
/// <param name="IntraNodeGapPerByteSeconds">Time per byte of a shared-memory copy.</param>
/// <param name="ReduceSecondsPerByte">γ: time per byte to combine two operands in a reduction.</param>
public sealed record Interconnect(
    double LatencySeconds,
    double OverheadSeconds,
    double GapPerByteSeconds,
    double IntraNodeLatencySeconds,
    double IntraNodeGapPerByteSeconds,
    double ReduceSecondsPerByte)
{
    internal void Validate(ValidationScope v, string path)
    {
        v.NonNegative(path + ".latencySeconds", LatencySeconds);
        v.NonNegative(path + ".overheadSeconds", OverheadSeconds);
        v.Positive(path + ".gapPerByteSeconds", GapPerByteSeconds);
        v.NonNegative(path + ".intraNodeLatencySeconds", IntraNodeLatencySeconds);
        v.Positive(path + ".intraNodeGapPerByteSeconds", IntraNodeGapPerByteSeconds);
        v.NonNegative(path + ".reduceSecondsPerByte", ReduceSecondsPerByte);
    }
}
