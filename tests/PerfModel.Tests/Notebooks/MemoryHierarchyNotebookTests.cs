using PerfModel.Descriptions;
using PerfModel.Predictions;
using PerfModel.Profiles;

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
}
