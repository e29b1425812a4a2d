namespace PerfModel.Validation;

/// <summary>How a published number is compared: a value the model should reproduce, or a bound it should respect.</summary>
public enum TargetComparison
{
    /// <summary>A value the model should reproduce (within <see cref="ValidationResult.ApproximateTolerance"/>).</summary>
    Approximately,

    /// <summary>An upper bound the model must not exceed.</summary>
    AtMost,

    /// <summary>A lower bound the model must reach.</summary>
    AtLeast,
}
