using PerfModel.Internal;
using PerfModel.Units;

namespace PerfModel.Predictions;

/// <summary>
/// A mechanism model's contribution to one iteration of one rank: its time, its breakdown category and how that time
/// enters the iteration. Models derive typed terms from it that carry their intermediate results (the HBM share of the
/// traffic, page walks, faults, messages), so callers read them as properties, never through string keys. Valid when
/// made: identifier not empty, time ≥ 0, variance ≥ 0.
/// </summary>
public record MechanismTerm
{
    /// <summary>The <see cref="ModelInfo.Id"/> of the model that made the term.</summary>
    public required string ModelId { get; init => field = Rules.NotBlank(this, value); }

    /// <summary>Breakdown category.</summary>
    public required Mechanism Mechanism { get; init; }

    /// <summary>How the time enters the iteration.</summary>
    public required TermRole Role { get; init; }

    /// <summary>Time per rank and iteration.</summary>
    public required TimeInterval PerIteration { get; init => field = Rules.NonNegative(this, value); }

    /// <summary>Run-to-run variance this mechanism adds per iteration, in s² (independent between iterations; the noise
    /// model's is the variance of its synchronisation steps). 0 for deterministic mechanisms.</summary>
    public double VariancePerIterationSeconds2 { get; init => field = Rules.NonNegative(this, value); }
}
