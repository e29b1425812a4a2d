using PerfModel.Descriptions;
using PerfModel.Memory;
using static PerfModel.Tests.Support.TestProfiles;

namespace PerfModel.Tests.Models.Memory;

public sealed class PlacementTests
{
    private const int Ranks = 64;
    private const double Usable = 0.9;                 // 0.9 x 16 GiB = 14.4 GiB usable MCDRAM
    private const double Bytes = 1e8;                  // per rank per iteration
    private static readonly Platform Node = Knl;
    private static readonly double HbmBw = Mcdram.Bandwidth.BytesPerSecond;
    private static readonly double DdrBw = Ddr.Bandwidth.BytesPerSecond;

    private static MemoryPlacement Placement(PlacementPolicy policy) => new() { Policy = policy, HbmUsableFraction = Usable, SpillPenalty = 0 };

    private static MemoryTerm Eval(PlacementPolicy policy, double footprintPerRank) =>
        MemoryPlacementModel.Evaluate(Node, Placement(policy), ByteSize.FromBytes(footprintPerRank), ByteSize.FromBytes(Bytes), Ranks);

    [Fact]
    public void FootprintThatFitsGivesIdenticalTimeUnderEveryHbmPolicy()
    {
        // 64 x 200 MiB = 12.5 GiB ≤ 14.4 GiB usable: every HBM-capable policy puts all data in MCDRAM.
        var fits = 200 * MiB;
        var linux = Eval(PlacementPolicy.HbmIfFitsElseDdr, fits);
        var mos = Eval(PlacementPolicy.PerRankSplit, fits);
        var mck = Eval(PlacementPolicy.DemandPagingFallback, fits);
        // Same f = 1 and the same arithmetic after it: the times must be bit-for-bit equal.
        Assert.Equal(linux.PerIteration, mos.PerIteration);
        Assert.Equal(linux.PerIteration, mck.PerIteration);
        Assert.All(new[] { linux, mos, mck }, r => Assert.Equal(1.0, r.HbmFraction));
        // T = B / (BW_hbm / R) = B R / BW_hbm. 1e-12 relative: three double operations.
        var expected = Bytes * Ranks / HbmBw;
        Assert.Equal(expected, linux.PerIteration.Seconds, expected * 1e-12);
    }

    [Theory]
    [InlineData(10.0)]        // 10 MiB per rank: fits
    [InlineData(400.0)]       // 25 GiB per node: does not fit
    public void DdrOnlyTimeIsBytesTimesRanksOverDdrBandwidth(double footprintMiB)
    {
        var r = Eval(PlacementPolicy.DdrOnly, footprintMiB * MiB);
        Assert.Equal(0.0, r.HbmFraction);
        // T = B / (BW_ddr / R). 1e-12 relative: three double operations.
        var expected = Bytes * Ranks / DdrBw;
        Assert.Equal(expected, r.PerIteration.Seconds, expected * 1e-12);
    }

    [Theory]
    [InlineData(PlacementPolicy.PerRankSplit)]
    [InlineData(PlacementPolicy.DemandPagingFallback)]
    public void SpillingPoliciesFillUsableHbmThenDdr(PlacementPolicy policy)
    {
        // 64 x 400 MiB = 25 GiB > 14.4 GiB: f = u C / (R F) = 0.9·16 GiB / (64·400 MiB) = 0.576,
        // T = B (f / (BW_h/R) + (1 − f) / (BW_d/R)).
        var footprint = 400 * MiB;
        var f = Usable * Mcdram.Capacity.Bytes / (Ranks * footprint);
        Assert.Equal(0.576, f, 1e-15); // sanity of the hand value (exact binary sizes, one division)
        var r = Eval(policy, footprint);
        var expectedTime = Bytes * (f / (HbmBw / Ranks) + (1 - f) / (DdrBw / Ranks));
        // 1e-12 relative / absolute: a few double operations on both sides.
        Assert.Equal(f, r.HbmFraction, 1e-12);
        Assert.Equal(expectedTime, r.PerIteration.Seconds, expectedTime * 1e-12);
        Assert.Equal(PlacementRegime.SpillsToDdr, r.Regime);
        // The per-rank bandwidth is the harmonic mix 1 / (f / BW_h' + (1 − f) / BW_d') with BW' = BW / R.
        var bw = 1 / (f / (HbmBw / Ranks) + (1 - f) / (DdrBw / Ranks));
        Assert.Equal(bw, r.EffectiveBandwidthPerRank.BytesPerSecond, bw * 1e-12);
    }

    [Fact]
    public void LinuxPolicyRunsFromDdrWhenTheJobDoesNotFit()
    {
        // HbmIfFitsElseDdr with 25 GiB > 14.4 GiB: no spill, f = 0, and the time equals the DDR-only time exactly.
        var linux = Eval(PlacementPolicy.HbmIfFitsElseDdr, 400 * MiB);
        Assert.Equal(0.0, linux.HbmFraction);
        Assert.Equal(Eval(PlacementPolicy.DdrOnly, 400 * MiB).PerIteration, linux.PerIteration);
    }

    [Fact]
    public void FootprintExactlyAtUsableCapacityStillFits()
    {
        // R F = u C exactly (0.9·16 GiB / 64 = 230.4 MiB per rank): the boundary counts as fitting for every policy.
        var footprint = Usable * Mcdram.Capacity.Bytes / Ranks;
        Assert.Equal(1.0, Eval(PlacementPolicy.HbmIfFitsElseDdr, footprint).HbmFraction);
        Assert.Equal(1.0, Eval(PlacementPolicy.PerRankSplit, footprint).HbmFraction);
    }

    [Fact]
    public void PlatformWithoutHbmUsesDdr()
    {
        var ddrOnlyNode = Node with { MemoryTiers = [Ddr] };
        var r = MemoryPlacementModel.Evaluate(ddrOnlyNode, Placement(PlacementPolicy.PerRankSplit), ByteSize.FromBytes(200 * MiB), ByteSize.FromBytes(Bytes), Ranks);
        Assert.Equal(0.0, r.HbmFraction);
        Assert.Equal(PlacementRegime.NoHbm, r.Regime);
        var expected = Bytes * Ranks / DdrBw; // 1e-12 relative: three double operations.
        Assert.Equal(expected, r.PerIteration.Seconds, expected * 1e-12);
    }
}
