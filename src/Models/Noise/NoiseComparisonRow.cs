using PerfModel.Noise.Simulation;

namespace PerfModel.Noise;

/// <summary>The closed form and the simulator at one rank count (<see cref="NoiseComparison"/>).</summary>
/// <param name="Ranks">P.</param>
/// <param name="ClosedForm">The closed form's result.</param>
/// <param name="Simulated">The simulator's result.</param>
public sealed record NoiseComparisonRow(long Ranks, ClosedFormResult ClosedForm, SimulationResult Simulated)
{
    /// <summary>Closed-form E[step] − simulated mean step.</summary>
    public TimeInterval Difference => TimeInterval.FromSeconds(ClosedForm.MeanStep.Seconds - Simulated.MeanStepSeconds);

    /// <summary>The difference relative to the simulated mean step (0.01 = the closed form is 1 % slower).</summary>
    [Units.Dimensionless("relative difference")]
    public double RelativeDifference => Simulated.MeanStepSeconds > 0 ? Difference.Seconds / Simulated.MeanStepSeconds : 0;

    /// <summary>The difference in standard errors of the simulation (0 when the simulation has no spread).</summary>
    [Units.Dimensionless("standard errors")]
    public double StandardErrors => Simulated.StandardErrorSeconds > 0 ? Difference.Seconds / Simulated.StandardErrorSeconds : 0;

    /// <summary>Whether they agree: |difference| ≤ 3 standard errors of the simulation + the closed form's lattice error
    /// bound (a 3σ band fails by chance about once in 370 comparisons).</summary>
    public bool Agrees => Math.Abs(Difference.Seconds) <= 3 * Simulated.StandardErrorSeconds + ClosedForm.ErrorBound.Seconds;
}
