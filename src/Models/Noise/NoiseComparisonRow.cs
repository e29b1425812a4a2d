using PerfModel.Noise.WallClock;

namespace PerfModel.Noise;

/// <summary>The closed form and the wall-clock simulator at one rank count (<see cref="NoiseComparison"/>). A one-step run
/// compares first steps (<see cref="ClosedFormResult.FirstStepSeconds"/> with <see cref="WallClockResult.FirstStepSeconds"/>);
/// a run of several steps compares stationary steps (<see cref="ClosedFormResult.MeanStep"/> with
/// <see cref="WallClockResult.StationaryStepSeconds"/>).</summary>
/// <param name="Ranks">P.</param>
/// <param name="ClosedForm">The closed form's result.</param>
/// <param name="Simulated">The simulator's result.</param>
public sealed record NoiseComparisonRow(long Ranks, ClosedFormResult ClosedForm, WallClockResult Simulated)
{
    /// <summary>Whether the first step is compared (the simulated run has one step).</summary>
    public bool FirstStep => Simulated.Steps.Length == 1;

    /// <summary>The closed form's step: the first step for a one-step run, else the stationary step.</summary>
    public TimeInterval ClosedFormStep => FirstStep ? TimeInterval.FromSeconds(ClosedForm.FirstStepSeconds) : ClosedForm.MeanStep;

    /// <summary>The same step without noise, by the closed form's count of rounds.</summary>
    public TimeInterval NoiseFreeStep => FirstStep ? ClosedForm.FirstStepNoiseFree : ClosedForm.NoiseFree;

    /// <summary>The simulated step: mean over trials of the first step, or of the stationary step of a run.</summary>
    public TimeInterval SimulatedStep => TimeInterval.FromSeconds(FirstStep ? Simulated.FirstStepSeconds : Simulated.StationaryStepSeconds);

    /// <summary>Standard error of <see cref="SimulatedStep"/> across trials.</summary>
    public TimeInterval SimulatedStandardError =>
        TimeInterval.FromSeconds(FirstStep ? Simulated.FirstStepStandardErrorSeconds : Simulated.StationaryStandardErrorSeconds);

    /// <summary>Closed-form step − simulated step.</summary>
    public TimeInterval Difference => TimeInterval.FromSeconds(ClosedFormStep.Seconds - SimulatedStep.Seconds);

    /// <summary>The difference relative to the simulated step (0.01 = the closed form is 1 % slower).</summary>
    [Units.Dimensionless("relative difference")]
    public double RelativeDifference => SimulatedStep.Seconds > 0 ? Difference.Seconds / SimulatedStep.Seconds : 0;

    /// <summary>The difference in standard errors of the simulation (0 when the simulation has no spread).</summary>
    [Units.Dimensionless("standard errors")]
    public double StandardErrors => SimulatedStandardError.Seconds > 0 ? Difference.Seconds / SimulatedStandardError.Seconds : 0;

    /// <summary>Whether they agree: |difference| ≤ 1 % of the simulated step or 3 standard errors of the simulation,
    /// whichever is larger (a 3σ band fails by chance about once in 370 comparisons; 1 % is the accuracy the closed forms
    /// are held to where the simulation is more precise than that).</summary>
    public bool Agrees => Math.Abs(Difference.Seconds) <= Math.Max(0.01 * SimulatedStep.Seconds, 3 * SimulatedStandardError.Seconds);
}
