using PerfModel.Validation;

namespace PerfModel.Tests.Models.Validation;

/// <summary>The checks on hand-made measurements: the verdict follows the effect, not a ratio near 1.</summary>
public sealed class ValidationResultTests
{
    private static ValidationResult R(PaperTarget t, double value, double effect, double? detail = null) => new(t, new Measurement(value, effect, detail));

    [Fact]
    public void An_effect_is_met_within_three_points_and_missed_beyond()
    {
        // table1-mos-noheap: paper +6.6 %. A model at +4.0 % is 2.6 pp off (met); at +3.0 % it is 3.6 pp off (missed),
        // although a ratio test at ±10 % would accept both (1.03 is within 10 % of 1.066).
        var t = PaperTargets.TableOneMosNoHeap;
        Assert.True(R(t, 0, 0.040).Met);
        Assert.False(R(t, 0, 0.030).Met);
        Assert.Equal(0.030 - t.PaperEffect, R(t, 0, 0.030).EffectError, 15);
        Assert.Equal("MISS", R(t, 0, 0.030).Status);
        Assert.Equal("ok", R(t, 0, 0.066).Status);
    }

    [Fact]
    public void A_log_ratio_is_met_between_six_and_seven_times()
    {
        // "almost seven times": tolerance ln(7/6) around ln 7, so 6.0x is just met and 5.9x is not.
        var t = PaperTargets.MiniFeMcKernel1024;
        Assert.True(R(t, 6.0, Math.Log(6.0)).Met);
        Assert.False(R(t, 5.9, Math.Log(5.9)).Met);
        Assert.Equal(Math.Log(5.9 / 7), R(t, 5.9, Math.Log(5.9)).EffectError, 12);
    }

    [Fact]
    public void A_crossover_needs_a_gain_at_small_scale_and_none_at_large_scale()
    {
        var t = PaperTargets.LammpsMcKernelCrossover;
        Assert.Equal("holds", R(t, 0.99, -0.01, 0.05).Status);
        Assert.Equal("VIOLATED", R(t, 1.01, 0.01, 0.05).Status);   // still a gain at 2,048 nodes
        Assert.Equal("VIOLATED", R(t, 0.99, -0.01, 0.02).Status);  // no visible gain on one node
        Assert.Equal(-0.01, R(t, 1.01, 0.01, 0.05).EffectError, 15);
    }

    [Fact]
    public void A_drop_and_a_window_are_bounds()
    {
        Assert.True(R(PaperTargets.LuleshLinuxDrop1728, 1.02, 0.02).Met);
        Assert.False(R(PaperTargets.LuleshLinuxDrop1728, 1.005, 0.005).Met);
        Assert.True(R(PaperTargets.MilcLeavesWindow, 2.3, 2.3).Met);
        Assert.False(R(PaperTargets.MilcLeavesWindow, 1.7, 1.7).Met);
    }

    [Fact]
    public void An_anchor_is_compared_relatively_and_a_fitted_row_never_counts_as_validated()
    {
        var t = PaperTargets.TableOneLinux;
        Assert.Equal(0.005, R(t, 8959 * 1.005, 0).EffectError, 12);
        Assert.Equal("fitted", R(t, 8959, 0).Status);
        var s = ValidationSummary.Of([R(t, 8959, 0), R(PaperTargets.TableOneMos, 0, 0.21), R(PaperTargets.TableOneMosNoHeap, 0, 0)]);
        Assert.Equal(new ValidationSummary(3, 2, 1, 1, 0), s);
    }

    [Fact]
    public void Every_target_states_and_justifies_its_tolerance()
    {
        foreach (var t in PaperTargets.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(t.ToleranceReason), t.Id);
            // the goal resolution of an effect is 3 percentage points; no effect row may be looser
            if (t.Check == TargetCheck.Effect) Assert.True(t.Tolerance <= PaperTargets.EffectTolerance, t.Id);
            if (t.Check is TargetCheck.AtLeast or TargetCheck.Crossover or TargetCheck.LeavesWindow) Assert.Equal(0, t.Tolerance);
        }
        Assert.Equal(PaperTargets.All.Length, PaperTargets.All.Select(t => t.Id).Distinct().Count());
    }

    [Fact]
    public void Single_rows_measure_what_the_full_table_measures()
    {
        var study = PerfModel.Profiles.Defaults.Study();
        var all = PaperValidation.Evaluate(study);
        foreach (var id in new[] { "table1-mos", "lammps-mos-crossover", "median-gain" })
            Assert.Equal(all.Single(r => r.Id == id).Model, PaperValidation.Evaluate(study, id).Model);
        Assert.Throws<KeyNotFoundException>(() => PaperValidation.Evaluate(study, "no-such-row"));
    }
}
