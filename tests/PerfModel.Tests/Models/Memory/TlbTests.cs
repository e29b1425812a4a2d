using CsCheck;
using PerfModel.Descriptions;
using PerfModel.Memory;
using PerfModel.Predictions;
using static PerfModel.Tests.Support.TestProfiles;

namespace PerfModel.Tests.Models.Memory;

public sealed class TlbTests
{
    private const double Accesses = 1e6;

    /// <summary>One page size over <paramref name="bytes"/>.</summary>
    private static PageShare[] Mix(double pageBytes, double bytes) => [new PageShare(ByteSize.FromBytes(pageBytes), ByteSize.FromBytes(bytes))];

    private static TlbTerm Eval(PageShare[] mix, double accesses, double streamingBytes) => TlbReachModel.Evaluate(Knl, mix, accesses, ByteSize.FromBytes(streamingBytes));

    [Theory]
    [InlineData(1.0)]
    [InlineData(200.0)]
    [InlineData(256.0)] // exactly 128 x 2 MiB
    public void TwoMegPagesWithinReachNeverWalk(double footprintMiB)
    {
        // 128 second-level 2 MiB entries cover 256 MiB: a random access inside the footprint always hits. P2 = 0 exactly.
        var r = Eval(Mix(2 * MiB, footprintMiB * MiB), Accesses, 0);
        Assert.Equal(0.0, r.WalksPerIteration);
        Assert.Equal("2MiB", PageSizes.Label(r.DominantPage));
    }

    [Fact]
    public void FourKiBPagesOverOneGiBWalkAlmostAlways()
    {
        // 256 second-level 4 KiB entries reach 1 MiB of a 1 GiB footprint: P2 = 1 − 1 MiB / 1 GiB = 1023/1024.
        var r = Eval(Mix(4 * KiB, GiB), Accesses, 0);
        var p2 = 1 - MiB / GiB;
        // 1e-12 relative: one product and one subtraction of exact binary sizes.
        Assert.Equal(p2, r.WalksPerIteration / Accesses, 1e-12);

        // Seconds: A (P1 t_L2hit + P2 (t_walk + π t_mem)), with P1 = 1 − 64·4 KiB / 1 GiB for the first level and
        // π = 1 − cache / (8 B · 2^18 leaf entries) = 1 − 512 KiB / 2 MiB = 0.75 (leaf page-table entry not cached).
        var p1 = 1 - 64 * 4 * KiB / GiB;
        var expected = Accesses * (p1 * Knl.TlbL2Hit.Seconds + p2 * (Knl.PageWalkCached.Seconds + 0.75 * Knl.PageWalkMemory.Seconds));
        Assert.Equal(expected, r.PerIteration.Seconds, expected * 1e-12);
    }

    [Fact]
    public void StreamingMissesOncePerPage()
    {
        // 1 GB streamed over 4 KiB pages: S/4 KiB walks (cached) plus S/4 KiB first-level misses (footprint > uTLB reach).
        const double s = 1e9;
        var r = Eval(Mix(4 * KiB, GiB), 0, s);
        var expected = s / 4096 * (Knl.PageWalkCached.Seconds + Knl.TlbL2Hit.Seconds);
        // 1e-12 relative: a few double operations.
        Assert.Equal(s / 4096, r.WalksPerIteration, s / 4096 * 1e-12);
        Assert.Equal(expected, r.PerIteration.Seconds, expected * 1e-12);
    }

    [Fact]
    public void LargerPagesNeverCostMore()
    {
        // Reach grows with the page size (1 MiB → 256 MiB → 16 GiB), leaf tables shrink (so walks hit the cache more
        // often) and streaming crosses fewer pages: TLB time is non-increasing from 4 KiB to 2 MiB to 1 GiB.
        var gen = Gen.Select(Gen.Double[1 * MiB, 64 * GiB], Gen.Double[0, 1e8], Gen.Double[0, 1e10]);
        SeededProperty.ForAll(gen, seed: 31, count: 300, t =>
        {
            var (footprint, accesses, streaming) = t;
            var t4K = Eval(Mix(4 * KiB, footprint), accesses, streaming).PerIteration.Seconds;
            var t2M = Eval(Mix(2 * MiB, footprint), accesses, streaming).PerIteration.Seconds;
            var t1G = Eval(Mix(GiB, footprint), accesses, streaming).PerIteration.Seconds;
            // 1e-12 relative slack: each is a sum of a few rounded products; equal true values may differ by ulps.
            Assert.True(t2M <= t4K * (1 + 1e-12), $"2 MiB: {t2M:G17} > 4 KiB: {t4K:G17}");
            Assert.True(t1G <= t2M * (1 + 1e-12), $"1 GiB: {t1G:G17} > 2 MiB: {t2M:G17}");
        });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(32)]
    public void ThreadsOfARankShareItsMisses(int threads)
    {
        // The rank's A random accesses over 1 GiB of 4 KiB pages are split over n_t threads on their own cores, in parallel:
        // each thread misses with the same probabilities (same shared footprint), so the rank's elapsed time is the
        // single-thread hand formula of FourKiBPagesOverOneGiBWalkAlmostAlways divided by n_t, and the rank still walks
        // A·P2 times in all.
        var r = TlbReachModel.Evaluate(Knl, Mix(4 * KiB, GiB), Accesses, ByteSize.Zero, threads);
        var p1 = 1 - 64 * 4 * KiB / GiB;
        var p2 = 1 - MiB / GiB;
        var serial = Accesses * (p1 * Knl.TlbL2Hit.Seconds + p2 * (Knl.PageWalkCached.Seconds + 0.75 * Knl.PageWalkMemory.Seconds));
        // 1e-12 relative: the same few products and one division by an exact small integer.
        Assert.Equal(serial / threads, r.PerIteration.Seconds, serial / threads * 1e-12);
        Assert.Equal(Accesses * p2, r.WalksPerIteration, Accesses * p2 * 1e-12);
    }

    [Fact]
    public void ThreadCountMustBePositive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TlbReachModel.Evaluate(Knl, Mix(4 * KiB, GiB), Accesses, ByteSize.Zero, 0));

    [Theory]
    [InlineData(64, 1)]
    [InlineData(16, 4)]
    [InlineData(2, 32)]
    public void PerNodeTlbTimeDoesNotDependOnHowTheCoresSplitIntoRanksAndThreads(int ranks, int threads)
    {
        // Fixed work per node, 64 cores: 64 ranks x 1 thread, 16 x 4 or 2 x 32, each rank holding 64/R of the node's
        // footprint and traffic. With streaming traffic only, the miss counts do not depend on the footprint (one walk
        // per page crossed, one first-level miss per 4 KiB chunk while the footprint exceeds the 256 KiB uTLB reach), so
        // the node's misses are the same for every split and, spread over all 64 cores in parallel, take the same time.
        // Hand value for the 64 x 1 layout (1e8 B streamed per rank; static heap, so LinuxLike's page mix is: heap 30 %
        // and static 10 % on 4 KiB pages, mappings 60 % of which 90 % on 2 MiB pages and 10 % on 4 KiB, i.e. 54 % on
        // 2 MiB and 46 % on 4 KiB pages; every first-level entry is 4 KiB wide):
        //   walks per 64-rank share = S (0.54 / 2 MiB + 0.46 / 4 KiB),   T = walks t_walk + S / 4 KiB · t_L2hit.
        const double s = 1e8;
        var perRank = 64.0 / ranks;
        var app = Stencil with
        {
            RanksPerNode = ranks, ThreadsPerRank = threads, RandomAccessFraction = 0, Heap = HeapBehaviour.Static,
            MemoryTrafficPerIteration = ByteSize.FromBytes(s * perRank), FootprintPerRank = ByteSize.FromBytes(Stencil.FootprintPerRank.Bytes * perRank),
        };
        var load = RankLoad.Of(new Scenario(Knl, LinuxLike, app, 1));
        var term = (TlbTerm)TlbReachModel.Instance.Evaluate(load, TermSet.Empty);

        var walks = s * (0.54 / (2 * MiB) + 0.46 / (4 * KiB));
        var expected = walks * Knl.PageWalkCached.Seconds + s / (4 * KiB) * Knl.TlbL2Hit.Seconds;
        // 1e-12 relative: sums of a handful of products; the fractions 0.54/0.46 are rounded once on each side.
        Assert.Equal(expected, term.PerIteration.Seconds, expected * 1e-12);
        // The node's walks are conserved: R ranks x walks per rank = 64 x the one-thread rank's walks.
        Assert.Equal(64 * walks, ranks * term.WalksPerIteration, 64 * walks * 1e-12);
    }

    [Fact]
    public void EmptyFootprintCostsNothing()
    {
        var r = Eval([], Accesses, 1e9);
        Assert.Equal(0.0, r.PerIteration.Seconds);
        Assert.Equal(0.0, r.WalksPerIteration);
    }

    [Theory]
    [InlineData(4096.0, "4KiB")]
    [InlineData(2097152.0, "2MiB")]
    [InlineData(1073741824.0, "1GiB")]
    public void PageNames(double bytes, string name) => Assert.Equal(name, PageSizes.Label(ByteSize.FromBytes(bytes)));
}
