using PerfModel.Predictions;
using PerfModel.Profiles;
using PerfModel.Validation;

namespace PerfModel.Tests.Models.Predictions;

public sealed class PredictionMemoTests
{
    private static readonly Study Study = Defaults.Study();

    [Fact]
    public void The_same_profile_objects_are_predicted_once_and_equal_the_direct_prediction()
    {
        var memo = new PredictionMemo();
        var (os, app) = (Study.Os["linux"], Study.App["minife"]);
        var first = memo.Predict(Study.Predictor, Study.Platform, os, app, 1024);
        var again = memo.Predict(Study.Predictor, Study.Platform, os, app, 1024);
        Assert.Same(first, again);
        Assert.Equal(1, memo.Count);
        // The remembered prediction is the predictor's own, to the last bit.
        Assert.Equal(Study.Predict("minife", "linux", 1024).Runtime.Seconds, first.Runtime.Seconds);
    }

    [Fact]
    public void A_changed_profile_is_predicted_again_even_when_it_equals_the_old_one()
    {
        var memo = new PredictionMemo();
        var os = Study.Os["linux"];
        var faster = os with { Syscalls = os.Syscalls with { SchedYieldIgnored = true } };
        var copy = os with { };
        var a = memo.Predict(Study.Predictor, Study.Platform, os, Study.App["amg2013"], 16);
        var b = memo.Predict(Study.Predictor, Study.Platform, faster, Study.App["amg2013"], 16);
        var c = memo.Predict(Study.Predictor, Study.Platform, copy, Study.App["amg2013"], 16);
        Assert.Equal(3, memo.Count);
        Assert.NotEqual(a.Runtime.Seconds, b.Runtime.Seconds); // a memo keyed by name would have returned a here
        Assert.Equal(a.Runtime.Seconds, c.Runtime.Seconds);
    }

    [Fact]
    public void Validation_with_a_shared_memo_equals_validation_without_one()
    {
        string[] rows = ["minife-mckernel-1024", "lammps-mos-crossover", "table1-mos-noheap"];
        var memo = new PredictionMemo();
        var linux = Study.Os["linux"];
        var variant = Study.With(linux with { Syscalls = linux.Syscalls with { SchedYieldIgnored = true } });
        foreach (var s in new[] { Study, variant, Study })
        {
            var direct = PaperValidation.Evaluate(s, rows);
            var memoised = PaperValidation.Evaluate(s, rows, memo);
            Assert.Equal(direct.Select(r => r.Model.Value), memoised.Select(r => r.Model.Value));
        }
    }
}
