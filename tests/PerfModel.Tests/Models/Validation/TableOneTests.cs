using PerfModel.Profiles;
using PerfModel.Validation;

namespace PerfModel.Tests.Models.Validation;

/// <summary>P18 Table I (Sec. IV; Lulesh from DDR4 only): Linux 8,959, mOS heap management disabled 9,551 (+6.6%),
/// mOS regular 10,841 zones/s (+21.0%). Only the Linux value is fitted (the per-cycle work of the Lulesh profile); the
/// two mOS values are predictions of the heap, TLB, placement and noise models.</summary>
public sealed class TableOneTests
{
    private static readonly IReadOnlyList<ValidationResult> Results = PaperValidation.Evaluate(Defaults.Study());

    private static double Model(PaperTarget target) => Results.Single(r => r.Target == target).ModelValue;

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
    public void Linux_value_is_the_fit()
    {
        // The Lulesh profile's compute and memory per cycle were fitted by bisection to this number: 0.1% is the fit's
        // rounding of the stored parameters (3 significant digits).
        Assert.Equal(8959, Model(PaperTargets.TableOneLinux), 8959 * 1e-3);
    }

    [Fact]
    public void Brk_handling_gives_about_the_published_gain()
    {
        // Paper: 10,841 / 9,551 = 1.135. Tolerance 0.05 (about a third of the effect): Table I is a single
        // configuration, and the touched fraction θ = 0.5 and the -s 30 → -s 50 scaling of the heap trace are
        // derived, not measured (docs/sources.md#app-structure-lulesh), so the model is held to the size of the effect, not its last digit.
        Assert.InRange(Model(PaperTargets.TableOneHeapGain), 1.135 - 0.05, 1.135 + 0.05);
    }

    [Fact]
    public void Other_mos_features_help_but_do_not_exceed_the_published_gain()
    {
        // Paper: 9,551 / 8,959 = 1.066 from features unrelated to the heap. The model attributes to them only TLB reach
        // (large pages) and noise; it has no term for the cache benefits of physically contiguous memory that P18
        // Sec. II-D3 mentions, so it must come out between 1 (no harm) and the published 1.066 plus 0.02.
        Assert.InRange(Model(PaperTargets.TableOneNonHeapGain), 1.0, 1.066 + 0.02);
    }

    [Fact]
    public void Total_mos_gain_is_within_ten_percent_of_the_table()
    {
        // Paper: 10,841 / 8,959 = 1.210. 10% relative is the tolerance used for every approximate target (validate).
        var total = Model(PaperTargets.TableOneMos) / Model(PaperTargets.TableOneLinux);
        Assert.InRange(total, 1.210 * 0.9, 1.210 * 1.1);
    }
}
