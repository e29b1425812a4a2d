using System.Globalization;

namespace PerfModel.Noise.WallClock;

/// <summary>
/// Statistics of step n of <see cref="WallClockResult"/>. With C_i(n) the time rank i leaves step n (the end of its last CPU
/// operation of the step; C_i(0) = 0, every rank starting at t = 0): the step time is the mean over ranks of
/// C_i(n) − C_i(n − 1), the slowest rank's step time is max_i C_i(n) − max_i C_i(n − 1) (how much the job's last rank advanced);
/// both averaged over trials, with standard errors across trials (trials are independent).
/// </summary>
/// <param name="Index">n, from 1.</param>
/// <param name="MeanSeconds">Mean over trials of mean_i C_i(n) − mean_i C_i(n − 1).</param>
/// <param name="StandardErrorSeconds">Its standard error: sample standard deviation over trials / √trials.</param>
/// <param name="SlowestSeconds">Mean over trials of max_i C_i(n) − max_i C_i(n − 1).</param>
/// <param name="SlowestStandardErrorSeconds">Its standard error across trials.</param>
/// <param name="NoiseFreeSeconds">The same step time without noise (one deterministic run).</param>
/// <param name="NoiseFreeSlowestSeconds">The slowest rank's step time without noise.</param>
public sealed record WallClockStep(
    int Index,
    double MeanSeconds,
    double StandardErrorSeconds,
    double SlowestSeconds,
    double SlowestStandardErrorSeconds,
    double NoiseFreeSeconds,
    double NoiseFreeSlowestSeconds)
{
    /// <summary>Mean delay noise adds to the step: <see cref="MeanSeconds"/> − <see cref="NoiseFreeSeconds"/>.</summary>
    public double DelaySeconds => MeanSeconds - NoiseFreeSeconds;

    /// <summary>"step 3: 41.2us ± 0.3us (slowest 52.1us), noise-free 34us" (invariant culture).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"step {Index}: {UnitFormat.Seconds(MeanSeconds)} ± {UnitFormat.Seconds(StandardErrorSeconds)} (slowest {UnitFormat.Seconds(SlowestSeconds)}), noise-free {UnitFormat.Seconds(NoiseFreeSeconds)}");
}
