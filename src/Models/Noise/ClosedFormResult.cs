using PerfModel.Units;

namespace PerfModel.Noise;

/// <summary>Closed-form statistics of one step (<see cref="NoiseClosedForm.Evaluate"/>).</summary>
public sealed record ClosedFormResult
{
    /// <summary>E[step time]: midpoint of the Floor/Ceil bracket.</summary>
    public required TimeInterval MeanStep { get; init; }

    /// <summary>E[step time] with durations rounded down to the lattice.</summary>
    public required TimeInterval LowerBound { get; init; }

    /// <summary>E[step time] with durations rounded up, plus the tail beyond the lattice.</summary>
    public required TimeInterval UpperBound { get; init; }

    /// <summary>Half the bracket: the discretisation error is at most this.</summary>
    public TimeInterval ErrorBound => TimeInterval.FromSeconds(0.5 * (UpperBound.Seconds - LowerBound.Seconds));

    /// <summary>Median step time (per rank for collectives, of the maximum for a barrier).</summary>
    public required TimeInterval Median { get; init; }

    /// <summary>99th percentile of the same.</summary>
    public required TimeInterval P99 { get; init; }

    /// <summary>Step time without noise.</summary>
    public required TimeInterval NoiseFree { get; init; }

    /// <summary>Expected fastest, median and slowest of k runs.</summary>
    public required RunSpread Runs { get; init; }

    /// <summary>Lattice step h (zero without noise).</summary>
    public required TimeInterval LatticeStep { get; init; }

    /// <summary>Lattice points of the compute window.</summary>
    public required int LatticeBins { get; init; }

    /// <summary>True when all durations lie on the lattice (the bracket is then only the tail term).</summary>
    public required bool ExactLattice { get; init; }

    /// <summary>Variance of one step's time (per rank for collectives, of the maximum for a barrier), s².</summary>
    public required double StepVarianceSeconds2 { get; init; }

    /// <summary>E[step] / noise-free step.</summary>
    [Dimensionless("ratio of step times")]
    public double Slowdown => NoiseFree.Seconds > 0 ? MeanStep.Seconds / NoiseFree.Seconds : 1;

    /// <summary>E[step] − noise-free step: the noise delay.</summary>
    public TimeInterval Delay => TimeInterval.FromSeconds(MeanStep.Seconds - NoiseFree.Seconds);
}
