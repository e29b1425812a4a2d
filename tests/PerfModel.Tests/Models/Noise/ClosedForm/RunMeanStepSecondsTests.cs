using PerfModel.Descriptions;
using PerfModel.Noise;

namespace PerfModel.Tests.Models.Noise.ClosedForm;

/// <summary>The closed form's mean step of a run of n steps, (first + (n − 1)·stationary) / n: its limits (n = 1 is the first
/// step; n → ∞ tends to the stationary step, within |first − stationary| / n) and its argument check.</summary>
public sealed class RunMeanStepSecondsTests
{
    private static ClosedFormResult Evaluate() =>
        NoiseClosedForm.Evaluate(new NoiseProfile([TestProfiles.Source("daemon", 2000, 20e-6)]), TestProfiles.Step(100e-6, SyncShape.Barrier, 2e-6), 4096);

    [Fact]
    public void One_step_is_the_first_step_and_long_runs_tend_to_the_stationary_step()
    {
        var r = Evaluate();
        Assert.Equal(r.FirstStepSeconds, r.RunMeanStepSeconds(1), 15);
        Assert.Equal(r.FirstStepNoiseFree.Seconds, r.RunNoiseFreeStepSeconds(1), 15);
        foreach (var n in new[] { 10, 1000, 100000 })
        {
            // Exact bound: |run − stationary| = |first − stationary| / n; a little slack for rounding.
            var bound = Math.Abs(r.FirstStepSeconds - r.MeanStep.Seconds) / n + 1e-15;
            Assert.True(Math.Abs(r.RunMeanStepSeconds(n) - r.MeanStep.Seconds) <= bound, $"n = {n}");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Runs_of_fewer_than_one_step_are_refused(int steps)
    {
        var r = Evaluate();
        Assert.Throws<ArgumentOutOfRangeException>(() => r.RunMeanStepSeconds(steps));
        Assert.Throws<ArgumentOutOfRangeException>(() => r.RunNoiseFreeStepSeconds(steps));
    }
}
