using System.Collections.Immutable;
using System.Globalization;

namespace PerfModel.Noise.WallClock;

/// <summary>
/// Outcome of <see cref="WallClockSimulator.Simulate"/>: per step n the mean over trials of the mean over ranks of
/// C_i(n) − C_i(n − 1) (C_i(n): when rank i leaves step n, C_i(0) = 0; see <see cref="WallClockStep"/>), the first step, the
/// stationary step and the noise-free step. The stationary step of a trial is the mean of its steps B + 1 … N
/// (B = <see cref="WallClockOptions.BurnInSteps"/>, N = steps), i.e. (mean_i C_i(N) − mean_i C_i(B)) / (N − B); its standard
/// error is taken across trials.
/// </summary>
/// <param name="Ranks">P, the ranks simulated (any P: no rounding to a power of two).</param>
/// <param name="Rounds">Rounds on a step's critical path: 0 for None and Barrier; ⌊log₂ P⌋, plus 2 when P is not a power of
/// two, for recursive doubling; ⌈log₂ P⌉ for dissemination; 2⌈log₂ P⌉ tree levels (reduce, then broadcast).</param>
/// <param name="Steps">Per-step statistics, step 1 first.</param>
/// <param name="StationaryStepSeconds">Mean over trials of the trial's stationary step.</param>
/// <param name="StationaryStandardErrorSeconds">Its standard error: sample standard deviation over trials / √trials.</param>
/// <param name="StationarySlowestStepSeconds">Mean over trials of (max_i C_i(N) − max_i C_i(B)) / (N − B): the slowest rank.</param>
/// <param name="NoiseFreeStepSeconds">The stationary step without noise (one deterministic run of the same steps).</param>
/// <param name="TrialStationarySteps">Each trial's stationary step, in trial order.</param>
public sealed record WallClockResult(
    long Ranks,
    int Rounds,
    ImmutableArray<WallClockStep> Steps,
    double StationaryStepSeconds,
    double StationaryStandardErrorSeconds,
    double StationarySlowestStepSeconds,
    double NoiseFreeStepSeconds,
    ImmutableArray<double> TrialStationarySteps)
{
    /// <summary>The first step's mean over trials of the mean over ranks of C_i(1) (every rank starts at 0).</summary>
    public double FirstStepSeconds => Steps[0].MeanSeconds;

    /// <summary>Standard error of <see cref="FirstStepSeconds"/> across trials.</summary>
    public double FirstStepStandardErrorSeconds => Steps[0].StandardErrorSeconds;

    /// <summary>The first step without noise.</summary>
    public double NoiseFreeFirstStepSeconds => Steps[0].NoiseFreeSeconds;

    /// <summary>Mean delay per stationary step: <see cref="StationaryStepSeconds"/> − <see cref="NoiseFreeStepSeconds"/>.</summary>
    public double StationaryDelaySeconds => StationaryStepSeconds - NoiseFreeStepSeconds;

    /// <summary>Standard error of the slowest rank's stationary step across trials.</summary>
    public double StationarySlowestStandardErrorSeconds { get; init; }

    /// <summary>o, the CPU time of each end of a message (seconds).</summary>
    public double OverheadSeconds { get; init; }

    /// <summary>c − 2o, a message's wire time, never charged with noise (seconds).</summary>
    public double WireSeconds { get; init; }

    /// <summary>Trials simulated.</summary>
    public int Trials { get; init; }

    /// <summary>Per trial t and step n (1 … N), the mean over ranks of C_i(n), when the ranks leave step n, at index
    /// t·N + n − 1 (<see cref="RunMeanStep"/> reads runs of any length from it).</summary>
    public ImmutableArray<double> TrialClockMeans { get; init; } = [];

    /// <summary>The mean step of a run of the first <paramref name="steps"/> steps, every rank starting at 0: the mean over
    /// trials of mean_i C_i(n) / n, and its standard error across trials (sample standard deviation / √trials; the steps
    /// of a trial are correlated — a late rank carries its delay into the next step — so it is not the per-step errors'
    /// combination). What <c>perfmodel noise --steps n --method simulate</c> reports.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is not in 1 … <see cref="Steps"/>.Length.</exception>
    public (double MeanSeconds, double StandardErrorSeconds) RunMeanStep(int steps)
    {
        var n = Steps.Length;
        if (steps < 1 || steps > n)
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"steps={steps}, but it should be in 1 … {n}, the steps simulated");
        if (TrialClockMeans.Length != Trials * n)
            throw new InvalidOperationException($"this result holds {TrialClockMeans.Length} trial clock means, not {Trials} trials × {n} steps");
        var clocks = TrialClockMeans;
        return WallClockSimulator.MeanAndError(Trials, t => clocks[t * n + steps - 1] / steps);
    }

    /// <summary>Steps left out of the stationary mean.</summary>
    public int BurnInSteps { get; init; }

    /// <summary>Work done, for throughput figures: P·(1 + <see cref="Rounds"/>) per step, summed over steps and trials (one per
    /// rank for its compute and one per rank and collective round). No wall-clock time is recorded.</summary>
    public long RankRounds { get; init; }

    /// <summary>CPU windows charged with noise: per step P compute windows and two per message (send and receive overhead),
    /// summed over steps and trials.</summary>
    public long CpuWindows { get; init; }

    /// <summary>"P=65536, 10 steps x 20 trials: first 123us ± 2us, stationary 150us ± 3us (slowest 210us), noise-free 64us"
    /// (invariant culture).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"P={Ranks}, {Steps.Length} steps x {Trials} trials: first {UnitFormat.Seconds(FirstStepSeconds)} ± {UnitFormat.Seconds(FirstStepStandardErrorSeconds)}, stationary {UnitFormat.Seconds(StationaryStepSeconds)} ± {UnitFormat.Seconds(StationaryStandardErrorSeconds)} (slowest {UnitFormat.Seconds(StationarySlowestStepSeconds)}), noise-free {UnitFormat.Seconds(NoiseFreeStepSeconds)}");
}
