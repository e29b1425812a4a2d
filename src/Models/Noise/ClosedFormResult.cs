namespace PerfModel.Noise;

/// <summary>Closed-form statistics of one step (seconds).</summary>
/// <param name="MeanStepSeconds">E[step time]: midpoint of the Floor/Ceil bracket.</param>
/// <param name="LowerBoundSeconds">E[step time] with durations rounded down to the lattice.</param>
/// <param name="UpperBoundSeconds">E[step time] with durations rounded up, plus the tail beyond the lattice.</param>
/// <param name="ErrorBoundSeconds">Half the bracket: the discretisation error is at most this.</param>
/// <param name="MedianSeconds">Median step time (per rank for collectives, of the maximum for a barrier).</param>
/// <param name="P99Seconds">99th percentile of the same.</param>
/// <param name="NoiseFreeSeconds">Step time without noise.</param>
/// <param name="RunMinSeconds">Expected fastest of k runs.</param>
/// <param name="RunMedianSeconds">Expected median of k runs.</param>
/// <param name="RunMaxSeconds">Expected slowest of k runs.</param>
/// <param name="LatticeStepSeconds">Lattice step h.</param>
/// <param name="LatticeBins">Lattice points of the compute window.</param>
/// <param name="ExactLattice">True when all durations lie on the lattice (the bracket is then only the tail term).</param>
public sealed record ClosedFormResult(
    double MeanStepSeconds,
    double LowerBoundSeconds,
    double UpperBoundSeconds,
    double ErrorBoundSeconds,
    double MedianSeconds,
    double P99Seconds,
    double NoiseFreeSeconds,
    double RunMinSeconds,
    double RunMedianSeconds,
    double RunMaxSeconds,
    double LatticeStepSeconds,
    int LatticeBins,
    bool ExactLattice)
{
    /// <summary>Variance of one step's time (per rank for collectives, of the maximum for a barrier), seconds².</summary>
    public double StepVarianceSeconds2 { get; init; }

    /// <summary>E[step] / noise-free step.</summary>
    public double Slowdown => NoiseFreeSeconds > 0 ? MeanStepSeconds / NoiseFreeSeconds : 1;

    /// <summary>E[step] − noise-free step: the noise delay.</summary>
    public double DelaySeconds => MeanStepSeconds - NoiseFreeSeconds;
}
