using System.Collections.Immutable;
using PerfModel.Calibration.Fitting;
using PerfModel.Calibration.Measurements;
using PerfModel.Memory;

namespace PerfModel.Tests.Calibration.Fitting;

public sealed class TlbFitTests
{
    /// <summary>A synthetic chase with a 64-entry first level (256 KiB reach) and a 2,048-entry second level (8 MiB):
    /// 1.5 ns within reach, +2 ns for a first-level miss, +10 ns for a walk (the KNL-like shape of docs/sources.md#knl-tlb).</summary>
    private static Series Synthetic()
    {
        var sizes = Enumerable.Range(4, 12).Select(e => Math.Pow(2, e) * 1024).ToArray(); // 16 KiB … 32 MiB
        var ns = sizes.Select(s => s <= 256 * 1024 ? 1.5 : s <= 8 * 1024 * 1024 ? 3.5 : 13.5).ToArray();
        return new Series("chase-4k", "bytes", "ns/access", [.. sizes], [.. ns]);
    }

    [Fact]
    public void Recovers_entries_and_penalties_of_a_known_two_level_tlb()
    {
        var f = TlbFit.Fit(Synthetic(), PageSizes.Base);
        // Exact: the knees sit between powers of two, and the reach is the last size still covered.
        Assert.Equal(64, f.FirstLevelEntries);
        Assert.Equal(2048, f.SecondLevelEntries);
        Assert.Equal(2e-9, f.FirstLevelMissPenalty.Value, 1e-15);
        Assert.Equal(10e-9, f.WalkPenalty.Value, 1e-15);
        Assert.True(f.FirstLevelReach.Lower95 <= f.FirstLevelReach.Value && f.FirstLevelReach.Value < f.FirstLevelReach.Upper95);
    }

    [Fact]
    public void Estimates_are_named_by_the_prefix_and_entries_count_pages_of_the_given_size()
    {
        var tlb = TlbFit.Fit(Synthetic(), PageSizes.Base);
        Assert.Equal(["tlb.firstLevelReachBytes", "tlb.secondLevelReachBytes", "tlb.firstLevelMissPenaltySeconds", "tlb.walkPenaltySeconds"],
            new[] { tlb.FirstLevelReach, tlb.SecondLevelReach, tlb.FirstLevelMissPenalty, tlb.WalkPenalty }.Select(e => e.Name));
        Assert.All(new[] { tlb.FirstLevelReach, tlb.SecondLevelReach, tlb.FirstLevelMissPenalty, tlb.WalkPenalty }, e => Assert.Null(e.JsonPath));
        Assert.Equal(PageSizes.Base, tlb.PageSize);

        // The same chase read as 2 MiB pages: the reaches are the same bytes, the entries are reach / 2 MiB (at least 1).
        var huge = TlbFit.Fit(Synthetic(), PageSizes.Huge, "tlb2m");
        Assert.Equal("tlb2m.firstLevelReachBytes", huge.FirstLevelReach.Name);
        Assert.Equal("tlb2m.walkPenaltySeconds", huge.WalkPenalty.Name);
        Assert.Equal(tlb.SecondLevelReach.Value, huge.SecondLevelReach.Value);
        Assert.Equal(1, huge.FirstLevelEntries);  // 256 KiB / 2 MiB rounds to 0, floored at 1
        Assert.Equal(4, huge.SecondLevelEntries); // 8 MiB / 2 MiB
        Assert.Throws<ArgumentException>(() => TlbFit.Fit(Synthetic(), PageSizes.Base, " "));
    }

    [Fact]
    public void A_chase_in_an_unknown_unit_or_with_too_few_sizes_is_rejected()
    {
        var s = Synthetic();
        Assert.Equal(CalibrationFailure.UnknownUnit, Assert.Throws<CalibrationException>(() => TlbFit.Fit(s with { YUnit = "cycles" }, PageSizes.Base)).Reason);
        Assert.Equal(CalibrationFailure.TooFewSamples,
            Assert.Throws<CalibrationException>(() => TlbFit.Fit(s with { X = s.X[..4], Y = s.Y[..4] }, PageSizes.Base)).Reason);
        Assert.Equal(CalibrationFailure.NonFiniteInput,
            Assert.Throws<CalibrationException>(() => TlbFit.Fit(s with { Y = s.Y.SetItem(3, double.NaN) }, PageSizes.Base)).Reason);
    }

    [Fact]
    public void A_chase_that_never_leaves_the_first_level_is_rejected()
    {
        var flat = new Series("chase-4k", "bytes", "ns", [.. Enumerable.Range(1, 8).Select(i => i * 4096.0)], [.. Enumerable.Repeat(1.5, 8)]);
        var e = Assert.Throws<CalibrationException>(() => TlbFit.Fit(flat, PageSizes.Base));
        Assert.Equal(CalibrationFailure.DegenerateDesign, e.Reason);
    }

    [Fact]
    public void A_plateau_below_the_baseline_is_a_busy_machine_not_a_negative_penalty()
    {
        // Small sizes measured while the machine was busy (5 ns), the rest quiet: the first knee (1.0 -> 1.6 ns) leaves a
        // plateau below the baseline's median, which would be a negative miss penalty outside its own interval.
        var sizes = Enumerable.Range(4, 12).Select(e => Math.Pow(2, e) * 1024).ToArray();
        double[] ns = [5, 5, 5, 1.0, 1.6, 1.6, 1.6, 1.6, 1.6, 8, 8, 8];
        var e = Assert.Throws<CalibrationException>(() => TlbFit.Fit(new Series("chase-4k", "bytes", "ns/access", [.. sizes], [.. ns]), PageSizes.Base));
        Assert.Equal(CalibrationFailure.OutOfDomain, e.Reason);
        Assert.Contains("calibrate it idle", e.Message);
    }
}
