using PerfModel.Descriptions;
using PerfModel.Units;

namespace PerfModel.Communication;

/// <summary>
/// LogGP cost of collectives and neighbour exchanges (Alexandrov et al., "LogGP", SPAA 1995, doi:10.1145/215399.215427;
/// Thakur, Rabenseifner, Gropp, IJHPCA 2005, doi:10.1177/1094342005051521). Round counts are exact at any P
/// (<see cref="CollectiveRounds"/>): ⌈log₂ P⌉ for binomial trees and dissemination, and for recursive-doubling allreduce
/// log₂ P at a power of two, else ⌊log₂ P⌋ + 2. Ranks are placed node by node, so the first log₂ R rounds stay inside a
/// node (shared memory), as do the extra exchange before and after the power-of-two core of a non-power-of-two allreduce
/// (it pairs neighbouring ranks); the rest cross the network. A message of m bytes costs L + 2o + (m − 1)G between nodes
/// and L_shm + m G_shm inside one.
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

    /// <summary>(rounds inside a node, rounds across nodes) of a ⌈log₂ P⌉-round algorithm (binomial tree, dissemination).</summary>
    public static (int Intra, int Inter) Rounds(int ranks, int ranksPerNode)
    {
        var total = CollectiveRounds.CeilLog2(ranks);
        var intra = Math.Min(total, CollectiveRounds.CeilLog2(Math.Min(ranks, ranksPerNode)));
        return (intra, total - intra);
    }

    /// <summary>(rounds inside a node, rounds across nodes) of <paramref name="kind"/> among <paramref name="ranks"/> ranks:
    /// an allreduce's recursive doubling at a non-power-of-two P adds its two pairing exchanges inside the node (when a
    /// node holds at least two ranks) to the rounds of its power-of-two core; the others as <see cref="Rounds(int, int)"/>.</summary>
    public static (int Intra, int Inter) Rounds(CollectiveKind kind, int ranks, int ranksPerNode)
    {
        if (kind != CollectiveKind.Allreduce) return Rounds(ranks, ranksPerNode);
        var core = 1 << CollectiveRounds.FloorLog2(ranks);
        var (intra, inter) = Rounds(core, ranksPerNode);
        var extra = CollectiveRounds.RecursiveDoubling(ranks) - (intra + inter);
        return ranksPerNode >= 2 ? (intra + extra, inter) : (intra, inter + extra);
    }

    /// <summary>Time of one collective of <paramref name="size"/> per rank among <paramref name="ranks"/> ranks.
    /// Allreduce (recursive doubling) and reduce add m·γ per round; barrier sends zero-byte messages.</summary>
    public TimeInterval Collective(CollectiveKind kind, ByteSize size, int ranks, int ranksPerNode)
    {
        var (intra, inter) = Rounds(kind, ranks, ranksPerNode);
        var m = kind == CollectiveKind.Barrier ? 0 : size.Bytes;
        var combine = kind is CollectiveKind.Allreduce or CollectiveKind.Reduce ? m * network.ReducePerByte.Seconds : 0;
        return TimeInterval.FromSeconds(intra * (IntraNodeMessageSeconds(m) + combine) + inter * (InterNodeMessageSeconds(m, network.GapPerByte.Seconds) + combine));
    }

    /// <summary>Messages that leave the node in one collective (one per inter-node round).</summary>
    public static double InterNodeMessagesPerCollective(CollectiveKind kind, int ranks, int ranksPerNode) => Rounds(kind, ranks, ranksPerNode).Inter;

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

    private double InterNodeMessageSeconds(double bytes, double gapPerByteSeconds) =>
        network.Latency.Seconds + 2 * network.Overhead.Seconds + Math.Max(0, bytes - 1) * gapPerByteSeconds;

    private double IntraNodeMessageSeconds(double bytes) =>
        network.IntraNodeLatency.Seconds + bytes * network.IntraNodeGapPerByte.Seconds;
}
