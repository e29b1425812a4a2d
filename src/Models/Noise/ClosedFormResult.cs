using PerfModel.Units;

namespace PerfModel.Noise;

/// <summary>Closed-form statistics of a bulk-synchronous step under OS noise (<see cref="NoiseClosedForm.Evaluate"/>): the
/// stationary step of a long run, which the predictor uses, and the first step of a run. A step's time is the mean over
/// ranks of the time each rank spends in it (C_i(n) − C_i(n − 1), C_i(n) when rank i leaves step n), as the wall-clock
/// simulator defines it (<see cref="WallClock.WallClockStep"/>).</summary>
public sealed record ClosedFormResult
{
    /// <summary>E[step time] of a long run's stationary step: what the predictor charges per step.</summary>
    public required TimeInterval MeanStep { get; init; }

    /// <summary>The stationary step without noise.</summary>
    public required TimeInterval NoiseFree { get; init; }

    /// <summary>E[step time] of a run's first step: every rank starts at the same instant with its noise in the stationary
    /// state (detours in progress at the start, with equilibrium remainders). +∞ seconds when that expectation is infinite
    /// (durations with E[D²] = ∞, e.g. Pareto with α ≤ 2, make the remainder's mean infinite).</summary>
    public required double FirstStepSeconds { get; init; }

    /// <summary>The first step without noise.</summary>
    public required TimeInterval FirstStepNoiseFree { get; init; }

    /// <summary>Median of the stationary step's law (per rank for the collectives, of the maximum for a barrier).</summary>
    public required TimeInterval Median { get; init; }

    /// <summary>99th percentile of the same.</summary>
    public required TimeInterval P99 { get; init; }

    /// <summary>Expected fastest, median and slowest of k runs (<see cref="ClosedFormOptions.Runs"/>,
    /// <see cref="ClosedFormOptions.StepsPerRun"/>).</summary>
    public required RunSpread Runs { get; init; }

    /// <summary>Points of the grid the distributions were put on (0 without noise).</summary>
    public required int GridPoints { get; init; }

    /// <summary>Variance of one stationary step's time (its law truncated at the grid's last point), s².</summary>
    public required double StepVarianceSeconds2 { get; init; }

    /// <summary>Names of the sources charged to the stationary step as a barrier over the step's CPU time, because their
    /// detours outlast several steps (<see cref="ClosedFormOptions.LongDetoursAsBarrier"/>); empty when none was.</summary>
    public System.Collections.Immutable.ImmutableArray<string> LongDetourSources { get; init; } = [];

    /// <summary>Whether some receive window of the collective was charged the in-progress noise of its own gap given its
    /// start (<see cref="ClosedFormOptions.ReceivesConditionedOnStart"/>: the noise keeps 10⁻² detours or more in progress
    /// on a core); false for the other shapes, for lighter noise and with the option off.</summary>
    public bool ReceivesConditionedOnStart { get; init; }

    /// <summary>E[step] / noise-free step.</summary>
    [Dimensionless("ratio of step times")]
    public double Slowdown => NoiseFree.Seconds > 0 ? MeanStep.Seconds / NoiseFree.Seconds : 1;

    /// <summary>E[step] − noise-free step: the noise delay per stationary step.</summary>
    public TimeInterval Delay => TimeInterval.FromSeconds(MeanStep.Seconds - NoiseFree.Seconds);

    /// <summary>E[first step] − its noise-free time, seconds (+∞ when <see cref="FirstStepSeconds"/> is).</summary>
    public double FirstStepDelaySeconds => FirstStepSeconds - FirstStepNoiseFree.Seconds;

    /// <summary>The mean step of a run of <paramref name="steps"/> steps, (first + (n − 1)·stationary) / n, seconds: the first
    /// step, then steps 2 … n taken as stationary: the run of timelines that have run long
    /// (<see cref="ClosedFormOptions.InProgressAtStart"/>). From a cold start the noises whose detours last many steps
    /// reach the stationary step only after as many steps, which <see cref="NoiseRun.StepSeconds"/> follows. What
    /// <c>perfmodel noise --steps n</c> prints; +∞ when <see cref="FirstStepSeconds"/> is.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is less than 1.</exception>
    public double RunMeanStepSeconds(int steps) => steps >= 1
        ? (FirstStepSeconds + (steps - 1) * MeanStep.Seconds) / steps
        : throw new ArgumentOutOfRangeException(nameof(steps), steps, $"steps={steps}, but a run has at least 1 step");

    /// <summary>The noise-free counterpart of <see cref="RunMeanStepSeconds"/>, seconds.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is less than 1.</exception>
    public double RunNoiseFreeStepSeconds(int steps) => steps >= 1
        ? (FirstStepNoiseFree.Seconds + (steps - 1) * NoiseFree.Seconds) / steps
        : throw new ArgumentOutOfRangeException(nameof(steps), steps, $"steps={steps}, but a run has at least 1 step");
}
