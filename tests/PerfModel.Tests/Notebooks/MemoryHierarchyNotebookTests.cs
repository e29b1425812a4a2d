using PerfModel.Descriptions;
using PerfModel.Memory;
using PerfModel.Predictions;
using PerfModel.Profiles;
using PerfModel.Units;

namespace PerfModel.Tests.Notebooks;

/// <summary>What notebooks/03-memory-hierarchy.ipynb says about CCS-QCD's footprint and the heap policies.</summary>
public sealed class MemoryHierarchyNotebookTests
{
    private const double GiB = 1024.0 * 1024 * 1024;
    private static readonly Study Study = Defaults.Study();

    private static ParameterSweepResult ByFootprint()
    {
        var mck = Study.Os["mckernel"];
        var study = Study.With(mck with { Name = "mckernel-ddr", DisplayName = "McKernel, DDR4 only", Placement = mck.Placement with { Policy = PlacementPolicy.DdrOnly } });
        var footprint = new ProfileParameter(ProfileKind.App, "ccs-qcd", "FootprintPerRank");
        return ParameterSweep.Run(study, footprint, new[] { 1, 2, 4, 6, 7, 8, 10, 12, 16, 24 }.Select(g => g * GiB), apps: ["ccs-qcd"], nodes: [1]);
    }

    private static double Rel(ParameterSweepPoint p, string os) => p.Sweep.Single(r => r.Prediction.Os == os).RelativeToBaseline;

    [Fact]
    public void While_ccs_qcd_fits_in_mcdram_the_oses_are_close_and_ddr_only_is_slow()
    {
        // 2 ranks x up to 6 GiB = 12 GiB per node fit in 16 GiB of MCDRAM: every OS runs from MCDRAM (within 3 %), and
        // running from DDR4 instead costs what the bandwidth ratio says (0.55-0.60 of Linux: compute and communication dilute it).
        foreach (var p in ByFootprint().Points.Where(p => p.Value <= 6 * GiB))
        {
            Assert.InRange(Rel(p, "mckernel"), 0.97, 1.03);
            Assert.InRange(Rel(p, "mckernel-ddr"), 0.55, 0.60);
        }
    }

    [Fact]
    public void Past_mcdram_the_lightweight_kernels_jump_ahead_and_the_gain_then_shrinks()
    {
        var spilling = ByFootprint().Points.Where(p => p.Value >= 8 * GiB).ToArray();
        Assert.True(Rel(spilling[0], "mckernel") > 1.5);
        for (var i = 1; i < spilling.Length; i++) Assert.True(Rel(spilling[i], "mckernel") < Rel(spilling[i - 1], "mckernel"));
        Assert.Equal(16 * GiB, ByFootprint().Baseline);
    }

    [Fact]
    public void The_heap_term_moves_with_the_brk_policy()
    {
        var linux = Study.Os["linux"];
        var mos = Study.Os["mos"];
        var s = Study.With(linux with { Name = "linux-mos-heap", DisplayName = "a", Brk = mos.Brk }).With(mos with { Name = "mos-linux-heap", DisplayName = "b", Brk = linux.Brk });
        double Heap(string os) => s.Predict("lulesh2", os, 1).Breakdown[Mechanism.Heap].Seconds;
        // Exact: the heap model sees only the brk policy and the application, so the swapped OSes take each other's term.
        Assert.Equal(Heap("mos"), Heap("linux-mos-heap"), 1e-12);
        Assert.Equal(Heap("linux"), Heap("mos-linux-heap"), 1e-12);
        Assert.True(Heap("linux") > 100 * Heap("mos"));
    }

    [Fact]
    public void Lulesh_memory_term_shows_linux_remote_share_and_colour_conflicts_and_none_on_the_lwks()
    {
        // "DDR4 20.8 GB/s local and 19.1 remote, MCDRAM about 90 and 86" (the platform's measured per-quadrant bandwidths)
        var tiers = Study.Platform.MemoryTiers;
        var ddr = tiers.Single(t => t.Kind == MemoryKind.Ddr);
        var hbm = tiers.Single(t => t.Kind != MemoryKind.Ddr);
        Assert.Equal(20.8e9, ddr.DomainLocalBandwidth.BytesPerSecond, 0.05e9);
        Assert.Equal(19.1e9, ddr.DomainRemoteBandwidth.BytesPerSecond, 0.05e9);
        Assert.Equal(90e9, hbm.DomainLocalBandwidth.BytesPerSecond, 2e9);
        Assert.Equal(86e9, hbm.DomainRemoteBandwidth.BytesPerSecond, 2e9);
        MemoryTerm Term(string os) => Study.Predict("lulesh2", os, 1).Term<MemoryTerm>();
        var linux = Term("linux");
        // "an estimated 1 % remote", "33 us of NUMA penalty per iteration on 70 ms", "about 5e-9" (32.6 us, 70.1 ms, 4.7e-9)
        Assert.Equal(0.01, linux.RemoteFraction);
        Assert.Equal(33e-6, linux.NumaPenalty.Seconds, 0.5e-6);
        Assert.Equal(0.070, linux.PerIteration.Seconds, 0.0005);
        Assert.InRange(linux.ColourConflictMissFraction, 4.5e-9, 5.5e-9);
        // "278 KiB blocked working set per rank, two ranks per 1 MiB L2"
        Assert.Equal(278, Study.App["lulesh2"].CacheBlockedWorkingSet.Bytes / 1024, 0.5);
        Assert.Equal(2, Study.Platform.CoresPerCache);
        Assert.Equal(1024 * 1024, Study.Platform.CachePerCore.Bytes * Study.Platform.CoresPerCache);
        foreach (var os in new[] { "mckernel", "mos" })
        {
            var t = Term(os);
            Assert.Equal(0, t.RemoteFraction);
            Assert.Equal(0, t.NumaPenalty.Seconds);
            Assert.Equal(0, t.ColourConflictMissFraction);
            Assert.Equal(0, t.ColourConflictPenalty.Seconds);
        }
    }

    [Fact]
    public void Even_all_remote_linux_traffic_explains_half_of_table_one_non_heap_gain()
    {
        var remote = new ProfileParameter(ProfileKind.Os, "linux", "Placement.RemoteFraction");
        var scan = Sensitivity.Scan(Study, remote, [0, 0.01, 0.05, 0.1, 0.25, 1.0], ["table1-mos-noheap"]);
        var effect = scan.Points.Select(p => p.Results[0].Model.Effect).ToArray();
        // "+0.2 % at 0 and at the default 1 %, +1.0 % at 25 %, +3.6 % with every byte remote: 3.4 points" (to 0.05 pp)
        Assert.Equal(0.002, effect[0], 0.0005);
        Assert.Equal(0.002, effect[1], 0.0005);
        Assert.Equal(0.010, effect[4], 0.0005);
        Assert.Equal(0.036, effect[5], 0.0005);
        Assert.Equal(0.034, effect[5] - effect[0], 0.0005);
        for (var i = 1; i < effect.Length; i++) Assert.True(effect[i] >= effect[i - 1]);
        // "about half the paper's 6.6 %"
        Assert.InRange((effect[5] - effect[0]) / 0.066, 0.45, 0.55);
    }

    [Fact]
    public void Random_page_placement_adds_conflict_misses_only_near_the_cache_size()
    {
        // KNL L2: 1 MiB, 16 ways, 4 KiB pages: 16 colours
        var colours = PageColouring.Colours(ByteSize.FromMiB(1), 16, ByteSize.FromKiB(4));
        Assert.Equal(16, colours);
        double Conflict(int kib) => PageColouring.ConflictMissFraction(kib / 4.0, colours, 16, 1);
        // "0.05 % at 512 KiB", "1.8 % at 768 KiB", "9.6 % when the working set fills the cache", "under 0.01 %" at 256 KiB and at 2 MiB
        Assert.InRange(Conflict(256), 0, 1e-4);
        Assert.Equal(0.0005, Conflict(512), 0.00005);
        Assert.Equal(0.018, Conflict(768), 0.0005);
        Assert.Equal(0.096, Conflict(1024), 0.0005);
        Assert.InRange(Conflict(2048), 0, 1e-4);
        // evenly spread pages miss only beyond capacity
        Assert.Equal(0, PageColouring.MissFraction(1024 / 4.0, colours, 16, 0), 1e-12);
    }
}
