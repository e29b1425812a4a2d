using System.Collections.Immutable;
using PerfModel.Profiles;
using PerfModel.Validation;

namespace PerfModel.Tests.Models.Validation;

/// <summary>
/// The validation metric must be able to fail: in a null model every OS profile is Linux (renamed), so no OS differs from
/// Linux, and every row that claims an OS effect must then be missed or violated. Kept in the suite so that no later
/// change can loosen a tolerance or a check unnoticed.
/// </summary>
public sealed class NullModelTests
{
    private static readonly ImmutableArray<ValidationResult> Null = PaperValidation.Evaluate(NullStudy());

    /// <summary>The default study with McKernel and mOS replaced by Linux under their names.</summary>
    internal static Study NullStudy()
    {
        var study = Defaults.Study();
        var linux = study.Os[PaperTargets.Linux];
        return study
            .With(linux with { Name = PaperTargets.McKernel, DisplayName = "Linux as McKernel" })
            .With(linux with { Name = PaperTargets.Mos, DisplayName = "Linux as mOS" });
    }

    public static TheoryData<string> OsEffectRows() => [.. PaperTargets.All.Where(t => t.ClaimsOsEffect).Select(t => t.Id)];

    [Theory]
    [MemberData(nameof(OsEffectRows))]
    public void Every_row_that_claims_an_os_effect_fails_when_every_os_is_linux(string id)
    {
        var r = Null.Single(x => x.Id == id);
        Assert.False(r.Met, $"{id} is met by a model in which every OS is Linux: model {r.ModelText}, paper {r.Target.PaperText}, tolerance {r.Target.ToleranceText}");
    }

    [Fact]
    public void The_null_model_has_no_effect_anywhere()
    {
        // Independent truth: identical profiles give identical predictions, so every ratio is exactly 1 and every effect
        // exactly 0 (ln 1 = 0 for log ratios); shapes that bound a ratio see 1.
        foreach (var r in Null.Where(x => x.Target.ClaimsOsEffect))
        {
            var expected = r.Target.Check == TargetCheck.LeavesWindow ? 1.0 : 0.0;
            Assert.Equal(expected, r.Model.Effect, 12);
            if (r.Model.Detail is { } d) Assert.Equal(0, d, 12);
        }
    }

    [Fact]
    public void Rows_that_claim_no_os_effect_are_only_anchors()
    {
        // An anchor is the one kind of row a null model may meet: it checks a fitted absolute value, not an OS difference.
        Assert.All(PaperTargets.All.Where(t => !t.ClaimsOsEffect), t => Assert.Equal(TargetCheck.Anchor, t.Check));
        Assert.True(PaperTargets.All.Count(t => t.ClaimsOsEffect) >= 14, "the paper's OS effects must all be held");
    }

    [Fact]
    public void The_null_study_really_is_linux_everywhere()
    {
        var s = NullStudy();
        var linux = s.Os[PaperTargets.Linux];
        foreach (var os in s.Oses)
            Assert.Equal(linux with { Name = os.Name, DisplayName = os.DisplayName }, os);
    }
}
