using PerfModel.Descriptions;
using PerfModel.Memory;
using PerfModel.Profiles;

namespace PerfModel.Tests.Models;

/// <summary>The CCS-QCD profile runs the layout of Boku et al. 2017 on Oakforest-PACS (16,000 MPI processes on 8,000 nodes,
/// docs/sources.md#oakforest-pacs) with the per-node problem of the earlier 8 ranks x 8 threads profile (8 x 4 GiB footprint,
/// 8 x 180 MB traffic and 8 x 1.5 Gflop per iteration, 1.5 MB per halo neighbour).</summary>
public sealed class CcsQcdLayoutTests
{
    private static readonly Study Study = Defaults.Study();
    private static readonly AppProfile App = Study.App["ccs-qcd"];

    [Fact]
    public void Two_ranks_per_node_fill_the_application_cores_with_threads()
    {
        Assert.Equal(16_000 / 8_000, App.RanksPerNode);
        Assert.Equal(Study.Platform.AppCoresPerNode, App.RanksPerNode * App.ThreadsPerRank);
    }

    [Fact]
    public void The_per_node_problem_is_that_of_the_eight_rank_layout()
    {
        // Conserved per node: footprint, memory traffic and FOM work (all exact in binary or as integers in a double).
        Assert.Equal(8 * 4 * GiBytes, App.RanksPerNode * App.FootprintPerRank.Bytes);
        Assert.Equal(8 * 180e6, App.RanksPerNode * App.MemoryTrafficPerIteration.Bytes);
        Assert.Equal(8 * 1.5e9, App.RanksPerNode * App.Fom.WorkPerRankPerIteration);
        // The compute time is the rank's elapsed time: 4x the work on 4x the threads leaves it at 4 ms.
        Assert.Equal(0.004, App.ComputePerIteration.Seconds);
        // Still twice MCDRAM per node (P18 Sec. III-B: CCS-QCD does not fit MCDRAM).
        Assert.Equal(2 * Study.Platform.Hbm!.Capacity.Bytes, App.RanksPerNode * App.FootprintPerRank.Bytes);
    }

    [Fact]
    public void A_face_of_a_four_times_larger_subdomain_of_the_same_shape_is_four_to_the_two_thirds_larger()
    {
        // Edge x 4^(1/3), face x 4^(2/3) = 2.5198...: 1.5 MB x 2.5198 = 3,779,763.15 B, stored rounded to the byte
        // (tolerance 0.5 B), and the exchange and collective counts do not change.
        Assert.Equal(1.5e6 * Math.Pow(4, 2.0 / 3.0), App.Halo.PerNeighbour.Bytes, 0.5);
        Assert.Equal(6, App.Halo.Neighbours);
        Assert.Equal(2, App.Halo.ExchangesPerIteration);
        Assert.Equal(6, Assert.Single(App.Collectives).PerIteration);
    }

    [Fact]
    public void Linux_memory_time_is_the_nodes_traffic_over_the_ddr_bandwidth()
    {
        // Linux runs CCS-QCD from DDR4 (32 GiB per node does not fit the usable MCDRAM), and the node's two ranks share
        // the DDR bandwidth: T = R·B / BW_ddr, the node's 1.44 GB per iteration over the tier, whatever the split, times
        // the SNC-4 remote-traffic factor 1 + r (BW_local / BW_remote − 1) of Linux's remote share r (NumaLocality).
        var p = Study.Predict("ccs-qcd", "linux", 1);
        var memory = p.Term<MemoryTerm>();
        Assert.Equal(PlacementRegime.DdrOnly, memory.Regime);
        var ddr = Study.Platform.Ddr;
        var remote = NumaLocality.Slowdown(Study.Os["linux"].Placement.RemoteFraction, ddr.DomainLocalBandwidth, ddr.DomainRemoteBandwidth);
        var expected = 8 * 180e6 / ddr.Bandwidth.BytesPerSecond * remote;
        // 1e-12 relative: a product, two divisions and the remote factor (CCS-QCD has no cache-blocked working set, so no
        // page-colouring part).
        Assert.Equal(expected, memory.PerIteration.Seconds, expected * 1e-12);
    }

    private const double GiBytes = 1024.0 * 1024 * 1024;
}
