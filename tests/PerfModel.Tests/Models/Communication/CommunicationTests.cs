using System.Numerics;
using PerfModel.Communication;
using PerfModel.Descriptions;

namespace PerfModel.Tests.Models.Communication;

public sealed class CommunicationTests
{
    private static readonly Interconnect Net = TestProfiles.Knl.Network;

    // ---- Grid3.Balanced -------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(2, 2, 1, 1)]
    [InlineData(7, 7, 1, 1)]
    [InlineData(8, 2, 2, 2)]
    [InlineData(12, 3, 2, 2)]
    [InlineData(64, 4, 4, 4)]
    [InlineData(1000, 10, 10, 10)]
    [InlineData(4096, 16, 16, 16)]
    public void BalancedGridKnownCases(int count, int x, int y, int z)
    {
        // Hand factorisations: prime factors, largest first, each onto the currently smallest dimension, sorted descending.
        Assert.Equal(new Grid3(x, y, z), Grid3.Balanced(count));
    }

    [Fact]
    public void BalancedGridIsADescendingFactorisationForEveryCountUpTo5000()
    {
        for (var n = 1; n <= 5000; n++)
        {
            var g = Grid3.Balanced(n);
            Assert.True((long)g.X * g.Y * g.Z == n, $"{n}: {g} has product {(long)g.X * g.Y * g.Z}");
            Assert.True(g.X >= g.Y && g.Y >= g.Z && g.Z >= 1, $"{n}: {g} is not sorted descending with positive entries");
            Assert.Equal((g.X, g.Y, g.Z), (g[0], g[1], g[2]));
        }
    }

    [Fact]
    public void BalancedGridRejectsNonPositiveCounts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Grid3.Balanced(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Grid3.Balanced(-4));
    }

    // ---- HaloTopology.OffNodeFraction ------------------------------------------------------------------------------

    [Theory]
    [InlineData(1)]
    [InlineData(12)]
    [InlineData(64)]
    public void OneNodeHasNoOffNodeNeighbours(int ranksPerNode) =>
        // Every dimension lies inside the node, periodic wrap included: exactly 0.
        Assert.Equal(0.0, HaloTopology.OffNodeFraction(1, ranksPerNode));

    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(64)]
    [InlineData(512)]
    [InlineData(4096)]
    public void SixtyFourRanksPerNodeOnAtLeastEightNodesGiveOneQuarter(int nodes) =>
        // 4x4x4 ranks per node, node grid > 1 in every dimension: each line of 4 ranks has 2 of 8 faces off-node = 1/4
        // per dimension, averaged over 3 dimensions = 1/4. Tolerance 1e-15 absolute: three additions of 0.25 (exact in binary).
        Assert.Equal(0.25, HaloTopology.OffNodeFraction(nodes, 64), 1e-15);

    [Fact]
    public void TwoNodesOfSixtyFourRanksGiveOneTwelfth() =>
        // Node grid 2x1x1: only dimension x crosses nodes, share 1/4 there, (1/4 + 0 + 0)/3 = 1/12.
        // Tolerance 1e-15 absolute: one division and one addition in double precision.
        Assert.Equal(1.0 / 12, HaloTopology.OffNodeFraction(2, 64), 1e-15);

    [Theory]
    [InlineData(2, 64)]
    [InlineData(4, 64)]
    [InlineData(8, 64)]
    [InlineData(3, 12)]
    [InlineData(6, 12)]
    [InlineData(27, 8)]
    [InlineData(12, 2)]
    [InlineData(5, 1)]
    [InlineData(16, 32)]
    public void OffNodeFractionMatchesBruteForceCountOnPeriodicGrid(int nodes, int ranksPerNode)
    {
        // Brute force: lay out the global rank grid (n_d r_d per dimension, periodic), node = r_x x r_y x r_z block,
        // and count the face neighbours (±1 in each dimension) that live on a different node.
        var ng = Grid3.Balanced(nodes);
        var rg = Grid3.Balanced(ranksPerNode);
        int[] size = [ng.X * rg.X, ng.Y * rg.Y, ng.Z * rg.Z];
        int[] block = [rg.X, rg.Y, rg.Z];
        long off = 0, all = 0;
        for (var x = 0; x < size[0]; x++)
            for (var y = 0; y < size[1]; y++)
                for (var z = 0; z < size[2]; z++)
                {
                    int[] c = [x, y, z];
                    for (var d = 0; d < 3; d++)
                        foreach (var step in new[] { -1, 1 })
                        {
                            var n = (int[])c.Clone();
                            n[d] = ((n[d] + step) % size[d] + size[d]) % size[d];
                            all++;
                            if (n[d] / block[d] != c[d] / block[d]) off++;
                        }
                }
        // 1e-12 absolute: the brute-force ratio of two integers vs a sum of three reciprocals, both within a few ulps.
        Assert.Equal((double)off / all, HaloTopology.OffNodeFraction(nodes, ranksPerNode), 1e-12);
    }

    // ---- LogGP rounds and costs -------------------------------------------------------------------------------------

    [Fact]
    public void RoundsSplitCeilLog2IntoIntraAndInterNode()
    {
        foreach (var rpn in new[] { 1, 2, 4, 8, 16, 32, 64 })
            for (var p = 1; p <= 4096; p++)
            {
                // ceil(log2 p) from the bit length of p − 1, independent of the model's doubling loop.
                var total = p == 1 ? 0 : BitOperations.Log2((uint)(p - 1)) + 1;
                var log2Rpn = BitOperations.Log2((uint)rpn);
                var intra = p >= rpn ? log2Rpn : total;
                Assert.Equal((intra, total - intra), LogGpCommunication.Rounds(p, rpn));
            }
    }

    [Theory]
    [InlineData(512, 64, 6, 3)]
    [InlineData(64, 64, 6, 0)]
    [InlineData(32, 64, 5, 0)]
    [InlineData(100, 64, 6, 1)]
    [InlineData(1, 64, 0, 0)]
    [InlineData(131072, 64, 6, 11)]
    public void RoundsKnownCases(int ranks, int rpn, int intra, int inter) =>
        Assert.Equal((intra, inter), LogGpCommunication.Rounds(ranks, rpn));

    [Fact]
    public void RecursiveDoublingRoundsAreExactAtAnyRankCount()
    {
        // Independent truth: simulate MPICH's recursive doubling on P ranks and count the exchanges of the longest path:
        // with p' the largest power of two <= P and r = P - p', ranks < 2r pair up (one exchange before), p' ranks run
        // log2 p' rounds, one exchange after when r > 0.
        for (var p = 1; p <= 5000; p++)
        {
            var pPrime = 1;
            while (pPrime * 2 <= p) pPrime *= 2;
            var core = 0;
            for (var q = 1; q < pPrime; q *= 2) core++;
            var expected = core + (p > pPrime ? 2 : 0);
            Assert.Equal(expected, CollectiveRounds.RecursiveDoubling(p));
            Assert.Equal(p == 1 ? 0 : BitOperations.Log2((uint)(p - 1)) + 1, CollectiveRounds.CeilLog2(p));
        }
    }

    [Theory]
    [InlineData(1331 * 64, 6, 10)]   // Lulesh at 1,331 nodes: 85,184 ranks, core 2^16 (6 intra + 10 inter) + 2 pairing exchanges inside the node
    [InlineData(1728 * 64, 6, 10)]   // 110,592 ranks: the same 16 + 2 rounds
    [InlineData(2048 * 64, 6, 11)]   // 131,072 = 2^17: 17 rounds, no pairing
    public void AllreduceRoundsAtLuleshNodeCounts(int ranks, int intraCore, int expectedInter)
    {
        var (intra, inter) = LogGpCommunication.Rounds(CollectiveKind.Allreduce, ranks, 64);
        Assert.Equal(expectedInter, inter);
        Assert.Equal(CollectiveRounds.RecursiveDoubling(ranks), intra + inter);
        Assert.Equal(ranks == 2048 * 64 ? intraCore : intraCore + 2, intra);
        // a barrier (dissemination) keeps ceil(log2 P)
        Assert.Equal(CollectiveRounds.CeilLog2(ranks), LogGpCommunication.Rounds(CollectiveKind.Barrier, ranks, 64).Intra + LogGpCommunication.Rounds(CollectiveKind.Barrier, ranks, 64).Inter);
    }

    [Fact]
    public void AllreduceMatchesHandFormula()
    {
        // 8 nodes x 64 ranks = 512 ranks: 9 rounds, 6 inside the node, 3 across. Per round: message + m γ.
        //   T = 6 (L_shm + m G_shm + m γ) + 3 (L + 2o + (m − 1) G + m γ)
        //     = 6 (0.3e-6 + 8·2e-10 + 8·5e-10) + 3 (1e-6 + 0.6e-6 + 7·8e-11 + 8·5e-10) = 6.64728e-6 s.
        const double expected = 6.64728e-6;
        var actual = new LogGpCommunication(Net).Collective(CollectiveKind.Allreduce, ByteSize.FromBytes(8), 512, 64).Seconds;
        // 1e-12 relative: about twenty double operations on both sides.
        Assert.Equal(expected, actual, expected * 1e-12);
    }

    [Fact]
    public void BroadcastMatchesHandFormula()
    {
        // 2 nodes x 64 ranks: 7 rounds, 6 intra, 1 inter, no combine term for a broadcast. m = 1 MiB = 1048576 B:
        //   T = 6 (0.3e-6 + m·2e-10) + (1e-6 + 0.6e-6 + (m − 1)·8e-11)
        const double m = 1048576;
        var expected = 6 * (0.3e-6 + m * 2e-10) + (1e-6 + 0.6e-6 + (m - 1) * 8e-11);
        var actual = new LogGpCommunication(Net).Collective(CollectiveKind.Broadcast, ByteSize.FromBytes(m), 128, 64).Seconds;
        // 1e-12 relative: a handful of double operations on both sides.
        Assert.Equal(expected, actual, expected * 1e-12);
    }

    [Fact]
    public void BarrierIgnoresBytesAndCostsZeroByteMessages()
    {
        var comm = new LogGpCommunication(Net);
        var small = comm.Collective(CollectiveKind.Barrier, ByteSize.Zero, 512, 64).Seconds;
        var large = comm.Collective(CollectiveKind.Barrier, ByteSize.FromBytes(1e9), 512, 64).Seconds;
        // Same computation whatever the byte count: bit-for-bit equal.
        Assert.Equal(small, large);
        // 6 intra-node zero-byte rounds of L_shm, 3 inter-node rounds of L + 2o: 6·0.3e-6 + 3·1.6e-6 = 6.6e-6 s.
        // 1e-12 relative: a few double operations.
        Assert.Equal(6.6e-6, small, 6.6e-6 * 1e-12);
    }

    [Fact]
    public void HaloExchangeMatchesHandFormula()
    {
        // n = 6 neighbours, φ = 1/4 off-node, m = 1e5 B, R = 64 ranks sharing the port:
        //   T = L + nφ (2o + m G R) + n(1 − φ)(L_shm + m G_shm)
        //     = 1e-6 + 1.5 (0.6e-6 + 1e5·8e-11·64) + 4.5 (0.3e-6 + 1e5·2e-10) = 9.0e-4 s (to rounding)
        var expected = 1e-6 + 1.5 * (0.6e-6 + 1e5 * 8e-11 * 64) + 4.5 * (0.3e-6 + 1e5 * 2e-10);
        var actual = new LogGpCommunication(Net)
            .Halo(new HaloExchange { Neighbours = 6, PerNeighbour = ByteSize.FromBytes(1e5), ExchangesPerIteration = 1 }, ByteSize.FromBytes(1e5), 0.25, 64).Seconds;
        // 1e-12 relative: a dozen double operations.
        Assert.Equal(expected, actual, expected * 1e-12);
        Assert.Equal(0.0, new LogGpCommunication(Net).Halo(HaloExchange.None, ByteSize.FromBytes(1e5), 0.25, 64).Seconds);
    }
}
