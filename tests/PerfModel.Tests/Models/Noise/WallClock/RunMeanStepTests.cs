using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Noise.WallClock;

namespace PerfModel.Tests.Models.Noise.WallClock;

/// <summary>
/// The mean step of a run of the first n steps (<see cref="WallClockResult.RunMeanStep"/>, what <c>perfmodel noise --steps n
/// --method simulate</c> prints) against the result's other summaries, which are computed from the same clocks along other
/// paths: the per-step means (a run's mean is their average, by linearity), the first step (n = 1) and the stationary mean
/// with no burn-in (n = N). Tolerances are rounding only (1e-12 relative): the same sums in another order.
/// </summary>
public sealed class RunMeanStepTests
{
    private static readonly NoiseProfile Noise = new(
    [
        TestProfiles.Source("daemon", 2000, new ExponentialDuration(TimeInterval.FromMicroseconds(20))),
        new NoiseSource("tick", EventRate.FromPerSecond(1000), new FixedDuration(TimeInterval.FromMicroseconds(3)), NoiseArrival.Periodic),
    ]);

    private const int Steps = 8;

    private static WallClockResult Run(SyncShape sync) =>
        WallClockSimulator.Simulate(Noise, TestProfiles.Step(150e-6, sync, 2e-6), 100, new WallClockOptions(24, Steps, 77, 2) { BurnInSteps = 0 });

    private static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Abs(expected), $"{what}: expected {expected:R}, got {actual:R}");

    [Theory]
    [InlineData(SyncShape.AllreduceRecursiveDoubling)]
    [InlineData(SyncShape.Barrier)]
    [InlineData(SyncShape.None)]
    public void A_run_mean_is_the_average_of_its_steps_means(SyncShape sync)
    {
        var r = Run(sync);
        for (var n = 1; n <= Steps; n++)
            Close(r.Steps.Take(n).Average(s => s.MeanSeconds), r.RunMeanStep(n).MeanSeconds, $"run of {n}");
    }

    [Fact]
    public void One_step_is_the_first_step_and_every_step_is_the_stationary_mean_without_burn_in()
    {
        var r = Run(SyncShape.AllreduceRecursiveDoubling);
        var (one, oneSe) = r.RunMeanStep(1);
        Close(r.FirstStepSeconds, one, "run of 1");
        Close(r.FirstStepStandardErrorSeconds, oneSe, "run of 1, standard error");
        var (all, allSe) = r.RunMeanStep(Steps);
        Close(r.StationaryStepSeconds, all, "run of N, burn-in 0");
        Close(r.StationaryStandardErrorSeconds, allSe, "run of N, burn-in 0, standard error");
        Close(r.TrialStationarySteps.Average(), all, "run of N against the trials' stationary steps");
    }

    [Fact]
    public void A_runs_standard_error_is_taken_across_trials_not_combined_from_the_steps()
    {
        // With a late rank's delay carried over, a trial's steps are positively correlated, so the run's error across
        // trials differs from the independent-steps combination sqrt(sum se_k^2) / n; it must at least be positive and
        // finite, and differ from that combination by more than rounding.
        var r = Run(SyncShape.AllreduceRecursiveDoubling);
        var (_, se) = r.RunMeanStep(Steps);
        var independent = Math.Sqrt(r.Steps.Sum(s => s.StandardErrorSeconds * s.StandardErrorSeconds)) / Steps;
        Assert.True(se > 0 && double.IsFinite(se));
        Assert.True(Math.Abs(se - independent) > 1e-9 * independent, $"{se:R} vs {independent:R}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(Steps + 1)]
    public void Steps_outside_the_run_are_refused(int steps)
    {
        var r = Run(SyncShape.None);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => r.RunMeanStep(steps));
        Assert.Contains($"1 … {Steps}", e.Message, StringComparison.Ordinal);
    }
}
