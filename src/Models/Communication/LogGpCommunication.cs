using PerfModel.Descriptions;
using PerfModel.Units;

namespace PerfModel.Communication;

/// <summary>
/// LogGP cost of collectives and neighbour exchanges (Alexandrov et al., "LogGP", SPAA 1995, doi:10.1145/215399.215427;
/// Thakur, Rabenseifner, Gropp, IJHPCA 2005, doi:10.1177/1094342005051521). Ranks are placed node by node, so the first
/// log2(R) rounds of recursive doubling, binomial trees and dissemination stay inside a node (shared memory) and the
/// remaining ceil(log2 P) − log2(R) cross the network. A message of m bytes costs L + 2o + (m − 1)G between nodes and
/// L_shm + m G_shm inside one.
/// </summary>
public sealed class LogGpCommunication
{
    private readonly Interconnect network;

    /// <summary>The formulas for <paramref name="network"/>.</summary>
    public LogGpCommunication(Interconnect network) => this.network = network ?? throw new ArgumentNullException(nameof(network));

    /// <summary>Point-to-point time between two nodes: L + 2o + max(0, m − 1)·G.</summary>
    public TimeInterval InterNodeMessage(ByteSize size) => TimeInterval.FromSeconds(InterNodeMessageSeconds(size.Bytes, network.GapPerByte.Seconds));

    /// <summary>Point-to-point time inside a node: L_shm + m·G_shm.</summary>
    public TimeInterval IntraNodeMessage(ByteSize size) => TimeInterval.FromSeconds(IntraNodeMessageSeconds(size.Bytes));

    /// <summary>(rounds inside a node, rounds across nodes) of a ceil(log2 P)-round algorithm.</summary>
    public static (int Intra, int Inter) Rounds(int ranks, int ranksPerNode)
    {
        var total = CeilLog2(ranks);
        var intra = Math.Min(total, CeilLog2(Math.Min(ranks, ranksPerNode)));
        return (intra, total - intra);
    }

    /// <summary>Time of one collective of <paramref name="size"/> per rank among <paramref name="ranks"/> ranks.
    /// Allreduce (recursive doubling) and reduce add m·γ per round; barrier sends zero-byte messages.</summary>
    public TimeInterval Collective(CollectiveKind kind, ByteSize size, int ranks, int ranksPerNode)
    {
        var (intra, inter) = Rounds(ranks, ranksPerNode);
        var m = kind == CollectiveKind.Barrier ? 0 : size.Bytes;
        var combine = kind is CollectiveKind.Allreduce or CollectiveKind.Reduce ? m * network.ReducePerByte.Seconds : 0;
        return TimeInterval.FromSeconds(intra * (IntraNodeMessageSeconds(m) + combine) + inter * (InterNodeMessageSeconds(m, network.GapPerByte.Seconds) + combine));
    }

    /// <summary>Messages that leave the node in one collective (one per inter-node round).</summary>
    public static double InterNodeMessagesPerCollective(int ranks, int ranksPerNode) => Rounds(ranks, ranksPerNode).Inter;

    /// <summary>
    /// One neighbour exchange: a rank sends m bytes to each of n neighbours, a share φ of them off-node.
    /// All R ranks of a node send at once through one network port, so the node injects R times a rank's off-node
    /// bytes: T = L + nφ·2o + nφ·m·G·R + n(1−φ)·(L_shm + m·G_shm), latency paid once (non-blocking sends overlap),
    /// per-message overheads and bytes serialised.
    /// </summary>
    public TimeInterval Halo(HaloExchange halo, ByteSize perNeighbour, double offNodeFraction, int ranksPerNode)
    {
        ArgumentNullException.ThrowIfNull(halo);
        if (halo.Neighbours == 0 || halo.ExchangesPerIteration == 0) return TimeInterval.Zero;
        var bytesPerNeighbour = perNeighbour.Bytes;
        var n = halo.Neighbours;
        var offMsgs = n * offNodeFraction;
        var onMsgs = n - offMsgs;
        var nodeInjectors = Math.Max(1, ranksPerNode);
        var inter = offMsgs > 0
            ? network.Latency.Seconds + offMsgs * (2 * network.Overhead.Seconds + bytesPerNeighbour * network.GapPerByte.Seconds * nodeInjectors)
            : 0;
        var intra = onMsgs * IntraNodeMessageSeconds(bytesPerNeighbour);
        return TimeInterval.FromSeconds(inter + intra);
    }

    internal static int CeilLog2(int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, $"n={n}, but it should be >= 1");
        var r = 0;
        while ((1L << r) < n) r++;
        return r;
    }

    private double InterNodeMessageSeconds(double bytes, double gapPerByteSeconds) =>
        network.Latency.Seconds + 2 * network.Overhead.Seconds + Math.Max(0, bytes - 1) * gapPerByteSeconds;

    private double IntraNodeMessageSeconds(double bytes) =>
        network.IntraNodeLatency.Seconds + bytes * network.IntraNodeGapPerByte.Seconds;
}
