namespace PerfModel.Descriptions;

/// <summary>Thrown when a profile file (or trace, or merged calibration) breaks one or more rules; carries every error found,
/// each with its file and JSON path, not just the first.</summary>
public sealed class ProfileValidationException : Exception
{
    /// <summary>Creates the exception from the errors found (at least one).</summary>
    public ProfileValidationException(IReadOnlyList<ValidationError> errors)
        : base(string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
    {
        Errors = errors;
    }

    /// <summary>Every error found.</summary>
    public IReadOnlyList<ValidationError> Errors { get; }
}
