using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Predictions;
using PerfModel.Profiles;
using PerfModel.Units;

namespace PerfModel.Tests.Models.Noise;

/// <summary>The memo of closed-form evaluations: remembered by value, the same numbers as evaluating directly, and what the
/// predictor, the prediction memo and a sweep do with it.</summary>
public sealed class ClosedFormMemoTests
{
    private static readonly Study Study = Defaults.Study();
    private static readonly NoiseProfile Linux = Study.Os["linux"].Noise;
    private static readonly StepShape Allreduce = TestProfiles.Step(100e-6, SyncShape.AllreduceRecursiveDoubling, 2e-6);

    [Fact]
    public void Equal_inputs_are_evaluated_once_and_give_the_direct_result()
    {
        var memo = new ClosedFormMemo();
        var first = memo.Evaluate(Linux, Allreduce, 1000, ClosedFormOptions.Fast);
        // Equal by value, not the same objects: a copy of the profile and of the shape.
        var again = memo.Evaluate(Linux with { }, Allreduce with { }, 1000, ClosedFormOptions.Fast with { });
        Assert.Same(first, again);
        Assert.Equal(1, memo.Count);
        var direct = NoiseClosedForm.Evaluate(Linux, Allreduce, 1000, ClosedFormOptions.Fast);
        Assert.Equal(direct.MeanStep, first.MeanStep); // to the last bit
        Assert.Equal(direct.FirstStepSeconds, first.FirstStepSeconds);
        Assert.Equal(direct.StepVarianceSeconds2, first.StepVarianceSeconds2);
        // Any input that differs is another evaluation: the rank count, the shape, the options, the noise.
        var others = new[]
        {
            memo.Evaluate(Linux, Allreduce, 1001, ClosedFormOptions.Fast),
            memo.Evaluate(Linux, Allreduce with { Work = TimeInterval.FromMicroseconds(101) }, 1000, ClosedFormOptions.Fast),
            memo.Evaluate(Linux, Allreduce, 1000, ClosedFormOptions.Fast with { LongDetoursAsBarrier = false }),
            memo.Evaluate(Study.Os["mos"].Noise, Allreduce, 1000, ClosedFormOptions.Fast),
        };
        Assert.Equal(5, memo.Count);
        Assert.All(others, r => Assert.NotEqual(first.MeanStep, r.MeanStep));
    }

    [Fact]
    public void A_failure_is_remembered_and_thrown_again()
    {
        var memo = new ClosedFormMemo();
        // Far more detours per step than the closed forms resolve.
        var busy = new NoiseProfile([new NoiseSource("busy", EventRate.FromPerSecond(1e6), new FixedDuration(TimeInterval.FromNanoseconds(1)))], false);
        var shape = TestProfiles.Step(1, SyncShape.Barrier, 0);
        var direct = Assert.Throws<ArgumentOutOfRangeException>(() => NoiseClosedForm.Evaluate(busy, shape, 64, ClosedFormOptions.Fast));
        var a = Assert.Throws<ArgumentOutOfRangeException>(() => memo.Evaluate(busy, shape, 64, ClosedFormOptions.Fast));
        var b = Assert.Throws<ArgumentOutOfRangeException>(() => memo.Evaluate(busy, shape, 64, ClosedFormOptions.Fast));
        Assert.Equal(direct.Message, a.Message);
        Assert.Same(a, b);
        Assert.Equal(1, memo.Count);
    }

    [Fact]
    public void A_predictor_with_a_memo_predicts_what_it_predicts_without_one()
    {
        var memo = new ClosedFormMemo();
        var predictor = Study.Predictor.WithNoiseMemo(memo);
        Assert.NotSame(Study.Predictor, predictor);
        Assert.Same(predictor, predictor.WithNoiseMemo(memo));
        Assert.Same(memo, predictor.Models.OfType<NoiseModel>().Single().Memo);
        Assert.Null(Study.Predictor.Models.OfType<NoiseModel>().Single().Memo);
        // Without a noise model there is nothing to remember through.
        var quiet = Study.Predictor.Without(NoiseModel.Instance.Info.Id);
        Assert.Same(quiet, quiet.WithNoiseMemo(memo));
        foreach (var (app, nodes) in new[] { ("minife", 1024), ("lulesh2", 1728), ("geofem", 8192) })
        {
            var direct = Study.Predictor.Predict(Study.Platform, Study.Os["linux"], Study.App[app], nodes);
            var memoised = predictor.Predict(Study.Platform, Study.Os["linux"], Study.App[app], nodes);
            Assert.Equal(direct.Runtime.Seconds, memoised.Runtime.Seconds); // to the last bit
            Assert.Equal(direct.Terms.Select(t => t.PerIteration.Seconds), memoised.Terms.Select(t => t.PerIteration.Seconds));
        }
        Assert.True(memo.Count > 0);
    }

    [Fact]
    public void A_sweep_shares_its_noise_steps_and_equals_predicting_each_scenario()
    {
        // GeoFEM's halo exchanges are the same barrier at every node count: fewer distinct steps than predictions ask for.
        var sweep = Study.Sweep(["geofem"], ["linux", "mos"]);
        foreach (var row in sweep)
        {
            var p = row.Prediction;
            var direct = Study.Predictor.Predict(Study.Platform, p.Scenario.Os, p.Scenario.App, p.Scenario.Nodes);
            Assert.Equal(direct.Runtime.Seconds, p.Runtime.Seconds);
        }
        var memo = new PredictionMemo();
        var asked = 0;
        foreach (var row in sweep)
        {
            memo.Predict(Study.Predictor, Study.Platform, row.Prediction.Scenario.Os, row.Prediction.Scenario.App, row.Prediction.Scenario.Nodes);
            asked += 2; // one allreduce and one halo barrier per GeoFEM prediction
        }
        Assert.InRange(memo.Noise.Count, 1, asked - 1);
    }
}
