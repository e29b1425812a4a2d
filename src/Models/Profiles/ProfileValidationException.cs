namespace PerfModel.Profiles;

/// <summary>Thrown when a profile breaks one or more rules; carries every error, not just the first.</summary>
public sealed class ProfileValidationException : Exception
{
    public ProfileValidationException(IReadOnlyList<ValidationError> errors)
        : base(string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
    {
        Errors = errors;
    }

    public IReadOnlyList<ValidationError> Errors { get; }
}
