using PerfModel.Profiles;

namespace PerfModel.Communication;

/// <summary>
/// LogGP cost of collectives and neighbour exchanges (Alexandrov et al., SPAA'95; Thakur, Rabenseifner, Gropp,
/// IJHPCA 2005; facts.md §6.2). Ranks are placed node by node, so the first log2(R) rounds of recursive doubling,
/// binomial trees and dissemination stay inside a node (shared memory) and the remaining ceil(log2 P) − log2(R) cross
/// the network. A message of m bytes costs L + 2o + (m − 1)G between nodes and L_shm + m G_shm inside one.
/// </summary>
public sealed class LogGpCommunication(Interconnect network)
{
    /// <summary>Point-to-point time between two nodes: L + 2o + max(0, m − 1)·G.</summary>
    public double InterNodeMessageSeconds(double bytes, double gapPerByteSeconds) =>
        network.LatencySeconds + 2 * network.OverheadSeconds + Math.Max(0, bytes - 1) * gapPerByteSeconds;

    /// <summary>Point-to-point time inside a node: L_shm + m·G_shm.</summary>
    public double IntraNodeMessageSeconds(double bytes) =>
        network.IntraNodeLatencySeconds + bytes * network.IntraNodeGapPerByteSeconds;

    /// <summary>(rounds inside a node, rounds across nodes) of a ceil(log2 P)-round algorithm.</summary>
    public static (int Intra, int Inter) Rounds(int ranks, int ranksPerNode)
    {
        var total = CeilLog2(ranks);
        var intra = Math.Min(total, CeilLog2(Math.Min(ranks, ranksPerNode)));
        return (intra, total - intra);
    }

    /// <summary>Time of one collective of <paramref name="bytes"/> per rank among <paramref name="ranks"/> ranks.
    /// Allreduce (recursive doubling) and reduce add m·γ per round; barrier sends zero-byte messages.</summary>
    public double CollectiveSeconds(CollectiveKind kind, double bytes, int ranks, int ranksPerNode)
    {
        var (intra, inter) = Rounds(ranks, ranksPerNode);
        var m = kind == CollectiveKind.Barrier ? 0 : bytes;
        var combine = kind is CollectiveKind.Allreduce or CollectiveKind.Reduce ? m * network.ReduceSecondsPerByte : 0;
        return intra * (IntraNodeMessageSeconds(m) + combine) + inter * (InterNodeMessageSeconds(m, network.GapPerByteSeconds) + combine);
    }

    /// <summary>Messages that leave the node in one collective (one per inter-node round).</summary>
    public static double InterNodeMessagesPerCollective(int ranks, int ranksPerNode) => Rounds(ranks, ranksPerNode).Inter;

    /// <summary>
    /// One neighbour exchange: a rank sends m bytes to each of n neighbours, a share φ of them off-node.
    /// All R ranks of a node send at once through one network port, so the node injects R times a rank's off-node
    /// bytes: T = L + nφ·2o + nφ·m·G·R + n(1−φ)·(L_shm + m·G_shm), latency paid once (non-blocking sends overlap),
    /// per-message overheads and bytes serialised.
    /// </summary>
    public double HaloSeconds(HaloExchange halo, double bytesPerNeighbour, double offNodeFraction, int ranksPerNode)
    {
        if (halo.Neighbours == 0 || halo.ExchangesPerIteration == 0) return 0;
        var n = halo.Neighbours;
        var offMsgs = n * offNodeFraction;
        var onMsgs = n - offMsgs;
        var nodeInjectors = Math.Max(1, ranksPerNode);
        var inter = offMsgs > 0
            ? network.LatencySeconds + offMsgs * (2 * network.OverheadSeconds + bytesPerNeighbour * network.GapPerByteSeconds * nodeInjectors)
            : 0;
        var intra = onMsgs * IntraNodeMessageSeconds(bytesPerNeighbour);
        return inter + intra;
    }

    internal static int CeilLog2(int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, $"n={n}, but it should be >= 1");
        var r = 0;
        while ((1L << r) < n) r++;
        return r;
    }
}
