using System.Collections.Immutable;
using PerfModel.Calibration.Fitting;
using PerfModel.Calibration.Measurements;

namespace PerfModel.Tests.Fitting;

public sealed class TlbFitTests
{
    /// <summary>A synthetic chase with a 64-entry first level (256 KiB reach) and a 2,048-entry second level (8 MiB):
    /// 1.5 ns within reach, +2 ns for a first-level miss, +10 ns for a walk (the KNL-like shape of facts.md §3.3).</summary>
    private static Series Synthetic()
    {
        var sizes = Enumerable.Range(4, 12).Select(e => Math.Pow(2, e) * 1024).ToArray(); // 16 KiB … 32 MiB
        var ns = sizes.Select(s => s <= 256 * 1024 ? 1.5 : s <= 8 * 1024 * 1024 ? 3.5 : 13.5).ToArray();
        return new Series("chase-4k", "bytes", "ns/access", [.. sizes], [.. ns]);
    }

    [Fact]
    public void Recovers_entries_and_penalties_of_a_known_two_level_tlb()
    {
        var f = TlbFit.Fit(Synthetic(), 4096);
        // Exact: the knees sit between powers of two, and the reach is the last size still covered.
        Assert.Equal(64, f.FirstLevelEntries);
        Assert.Equal(2048, f.SecondLevelEntries);
        Assert.Equal(2e-9, f.FirstLevelMissPenalty.Value, 1e-15);
        Assert.Equal(10e-9, f.WalkPenalty.Value, 1e-15);
        Assert.True(f.FirstLevelReach.Lower95 <= f.FirstLevelReach.Value && f.FirstLevelReach.Value < f.FirstLevelReach.Upper95);
    }

    [Fact]
    public void A_chase_that_never_leaves_the_first_level_is_rejected()
    {
        var flat = new Series("chase-4k", "bytes", "ns", [.. Enumerable.Range(1, 8).Select(i => i * 4096.0)], [.. Enumerable.Repeat(1.5, 8)]);
        var e = Assert.Throws<CalibrationException>(() => TlbFit.Fit(flat, 4096));
        Assert.Equal(CalibrationFailure.DegenerateDesign, e.Reason);
    }
}
