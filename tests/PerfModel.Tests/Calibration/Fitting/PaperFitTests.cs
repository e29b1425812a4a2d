using PerfModel.Calibration.Fitting;
using PerfModel.Descriptions;
using PerfModel.Profiles;
using PerfModel.Validation;

namespace PerfModel.Tests.Calibration.Fitting;

/// <summary>
/// The documented fitting path: re-running it on the default data reproduces every stored FITTED value (so none was tuned
/// by hand), it recovers a value from a perturbed start, and it refuses what it cannot fit.
/// </summary>
public sealed class PaperFitTests
{
    private static readonly Study Study = Defaults.Study();

    public static TheoryData<string> FittedRows() => [.. PaperTargets.All.Where(t => t.Fitted).Select(t => t.Id)];

    [Theory]
    [MemberData(nameof(FittedRows))]
    public void Refitting_the_default_data_reproduces_the_stored_values(string id)
    {
        // Independent truth: the values in data/. The fit stores 3 significant digits, so "reproduces" means the exact fit
        // rounds to the stored value; a hand-tuned or stale value (e.g. after a model change without a refit) fails.
        if (id == PaperTargets.CcsQcdMcKernelMax.Id)
        {
            // With the published defaults (calibrate import) the spill penalty cannot reach McKernel's +39 % within its rule
            // range (the fit stops near +32 %); the stored value, fitted under the hand-typed defaults, is kept and its
            // provenance says so. Should a model change make the row reachable again, this fails: refit it then.
            var e = Assert.Throws<CalibrationException>(() => PaperFit.Fit(Study, PaperTargets.Get(id)));
            Assert.Contains("the model cannot reach +39.0%", e.Message, StringComparison.Ordinal);
            Assert.Equal(0.305, ProfileParameters.Get(PerfModel.Tests.Support.HandTypedDefaults.Study(), PaperTargets.Get(id).FittedParameters[0]), 9);
            Assert.True(PaperFit.Fit(PerfModel.Tests.Support.HandTypedDefaults.Study(), PaperTargets.Get(id)).Unchanged, "the hand-typed defaults reproduce the stored spill penalty");
            return;
        }
        var r = PaperFit.Fit(Study, PaperTargets.Get(id));
        Assert.True(r.Unchanged, string.Join("; ", r.Values.Select(v => $"{v.Parameter}: stored {v.Before:R}, fit {v.After:R}")) + " — run `perfmodel fit --update-data data`");
    }

    [Fact]
    public void The_fit_recovers_a_value_from_a_perturbed_start()
    {
        // Start the spill penalty 40 % low: the bisection must come back to the stored value (to its 3 significant digits,
        // ±1 in the last digit because the start's rounding differs).
        // On the hand-typed defaults, where the row is reachable (see the refit test above).
        var t = PaperTargets.CcsQcdMcKernelMax;
        var study = PerfModel.Tests.Support.HandTypedDefaults.Study();
        var stored = t.FittedParameters.Select(p => ProfileParameters.Get(study, p)).ToArray();
        var perturbed = t.FittedParameters.Aggregate(study, (s, p) => ProfileParameters.With(s, p, 0.6 * ProfileParameters.Get(s, p)));
        var r = PaperFit.Fit(perturbed, t);
        for (var i = 0; i < stored.Length; i++) Assert.Equal(stored[i], r.Values[i].After, 1e-3 + 1e-15);
        Assert.InRange(r.Scale, 1 / 0.6 * 0.99, 1 / 0.6 * 1.01);
        // After rounding to 3 digits the row is met to well within its tolerance (0.5 pp: a 0.2 % change of the penalty
        // moves the effect by far less).
        Assert.True(Math.Abs(r.After.EffectError) < 0.005, r.After.ErrorText);
        Assert.True(Math.Abs(r.Before.EffectError) > 0.02, r.Before.ErrorText);
    }

    [Fact]
    public void The_fitted_group_keeps_its_ratio()
    {
        var t = PaperTargets.AmgMcKernelOptions16;
        var r = PaperFit.Fit(Study, t);
        Assert.Equal(r.Values[0].Before / r.Values[1].Before, r.Values[0].After / r.Values[1].After, 0.01);
    }

    [Fact]
    public void An_unreachable_number_is_refused_with_the_bracket()
    {
        // No spill penalty in [0, 1] makes CCS-QCD 50x faster on McKernel.
        var t = PaperTargets.CcsQcdMcKernelMax with { PaperValue = 50, PaperEffect = 49 };
        var e = Assert.Throws<CalibrationException>(() => PaperFit.Fit(Study, t));
        Assert.Equal(CalibrationFailure.NotBracketed, e.Reason);
        Assert.Contains("ccsqcd-mckernel-max", e.Message);
    }

    [Fact]
    public void Shapes_and_unfitted_rows_cannot_be_fitted()
    {
        Assert.Throws<ArgumentException>(() => PaperFit.Fit(Study, PaperTargets.MedianGain));
        var shape = PaperTargets.LammpsMcKernelCrossover with { FittedParameters = [new ProfileParameter(ProfileKind.Os, "mckernel", "Syscalls.OffloadLatency")] };
        Assert.Throws<ArgumentException>(() => PaperFit.Fit(Study, shape));
    }

    [Fact]
    public void Rounding_keeps_three_significant_digits()
    {
        Assert.Equal(0.328, PaperFit.Round(0.32815));
        Assert.Equal(4.66e8, PaperFit.Round(4.6612e8));
        Assert.Equal(55.1, PaperFit.Round(55.09));
    }
}
