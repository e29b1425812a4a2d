using PerfModel.Descriptions;
using PerfModel.Memory;
using static PerfModel.Tests.Support.TestProfiles;

namespace PerfModel.Tests.Models.Memory;

/// <summary>Spill penalty (hot-data placement) and mOS's stranded capacity, against hand-computed values.</summary>
public sealed class SpillPolicyTests
{
    private const int Ranks = 8;
    private const double Footprint = 4.0 * GiB;       // 32 GiB per node: twice the MCDRAM
    private const double Usable = 1.0;

    private static MemoryPlacement Placement(PlacementPolicy policy, double penalty) => new() { Policy = policy, HbmUsableFraction = Usable, SpillPenalty = penalty };

    private static MemoryTerm Eval(PlacementPolicy policy, double penalty, double footprint, double granule = 0) =>
        MemoryPlacementModel.Evaluate(Knl, Placement(policy, penalty), ByteSize.FromBytes(footprint), ByteSize.FromBytes(1e9), Ranks, ByteSize.FromBytes(granule));

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(1.0)]
    public void Spill_penalty_bends_the_hbm_share_of_traffic(double penalty)
    {
        var r = Eval(PlacementPolicy.DemandPagingFallback, penalty, Footprint);
        // f_bytes = 16 GiB / 32 GiB = 0.5; f = 0.5 (1 - s/2). Exact in binary for these inputs except the final
        // multiplication: 1e-15 relative.
        Assert.Equal(0.5 * (1 - penalty / 2), r.HbmFraction, 1e-15);
        Assert.Equal(PlacementRegime.SpillsToDdr, r.Regime);
    }

    [Fact]
    public void Spill_penalty_does_not_matter_when_the_footprint_fits()
    {
        var r = Eval(PlacementPolicy.DemandPagingFallback, 1.0, 100 * MiB);
        Assert.Equal(1.0, r.HbmFraction);
    }

    [Fact]
    public void Per_rank_split_strands_half_a_granule_per_rank_when_spilling()
    {
        // Share per rank 16 GiB / 8 = 2 GiB; with 1 GiB mappings half a granule (0.5 GiB) is stranded on average:
        // usable 8 x 1.5 GiB = 12 GiB of a 32 GiB footprint, f = 0.375.
        var split = Eval(PlacementPolicy.PerRankSplit, 0, Footprint, granule: GiB);
        var demand = Eval(PlacementPolicy.DemandPagingFallback, 0, Footprint, granule: GiB);
        Assert.Equal(0.375, split.HbmFraction, 1e-15);
        Assert.Equal(0.5, demand.HbmFraction, 1e-15);
        Assert.True(split.PerIteration > demand.PerIteration);
    }
}
