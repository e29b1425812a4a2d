using PerfModel.Profiles;
using PerfModel.Validation;

namespace PerfModel.Tests.Models.Validation;

/// <summary>P18 Table I (Sec. IV; Lulesh from DDR4 only): Linux 8,959, mOS heap management disabled 9,551 (+6.6%),
/// mOS regular 10,841 zones/s (+21.0%). Only the Linux value is fitted (the per-cycle work of the Lulesh profile); the
/// two mOS values are predictions of the heap, TLB, placement and noise models, compared on their effect against the
/// model's own Linux.</summary>
public sealed class TableOneTests
{
    private static readonly IReadOnlyList<ValidationResult> Results = PaperValidation.Evaluate(Defaults.Study());

    private static ValidationResult Row(PaperTarget target) => Results.Single(r => r.Target == target);

    [Fact]
    public void The_printed_percentages_are_the_zone_rates_relative_to_linux()
    {
        // Table I prints each configuration as a percentage of Linux, to one decimal: 100, 106.6 and 121.0.
        Assert.Equal(["Linux", "mOS, heap management disabled", "mOS (regular)"], PaperTargets.TableOne.Select(r => r.Configuration));
        foreach (var row in PaperTargets.TableOne)
            Assert.Equal(row.PaperPercentOfLinux, Math.Round(100 * row.Target.PaperValue / PaperTargets.TableOneLinux.PaperValue, 1));
        Assert.Equal(PaperTargets.TableOneMos.PaperValue / PaperTargets.TableOneMosNoHeap.PaperValue, PaperTargets.TableOneHeapGain.PaperValue);
    }

    [Fact]
    public void The_published_effects_are_the_table_ratios_minus_one()
    {
        // Exact arithmetic on the printed numbers: the effect is the ratio − 1 (+6.6 %, +21.0 %, +13.5 %).
        Assert.Equal(9551.0 / 8959 - 1, PaperTargets.TableOneMosNoHeap.PaperEffect, 15);
        Assert.Equal(10841.0 / 8959 - 1, PaperTargets.TableOneMos.PaperEffect, 15);
        Assert.Equal(10841.0 / 9551 - 1, PaperTargets.TableOneHeapGain.PaperEffect, 15);
    }

    [Fact]
    public void Linux_value_is_the_fit()
    {
        // The Lulesh profile's compute and memory per cycle were fitted by bisection to this number and stored to 3
        // significant digits: 0.5% covers that rounding.
        var r = Row(PaperTargets.TableOneLinux);
        Assert.Equal("fitted", r.Status);
        Assert.Equal(8959, r.ModelValue, 8959 * 5e-3);
    }

    [Fact]
    public void Mos_effects_are_taken_against_the_models_own_linux()
    {
        // The effect of a Table I row is model zones/s over the model's Linux zones/s − 1, so an error in the fitted
        // Linux anchor cannot leak into the mOS effects; exact up to rounding of one division.
        var linux = Row(PaperTargets.TableOneLinux).ModelValue;
        foreach (var t in new[] { PaperTargets.TableOneMosNoHeap, PaperTargets.TableOneMos })
            Assert.Equal(Row(t).ModelValue / linux - 1, Row(t).Model.Effect, 12);
        Assert.Equal(Row(PaperTargets.TableOneMos).ModelValue / Row(PaperTargets.TableOneMosNoHeap).ModelValue - 1,
            Row(PaperTargets.TableOneHeapGain).Model.Effect, 12);
    }

    [Fact]
    public void Heap_gain_is_a_positive_effect_of_the_brk_policy()
    {
        // mOS's brk() handling must help Lulesh (the paper's +13.5 %): the model's gain from it is positive; whether it is
        // within 3 pp of the paper is the validate table's verdict (the row may honestly MISS), not this test's.
        Assert.True(Row(PaperTargets.TableOneHeapGain).Model.Effect > 0);
    }
}
