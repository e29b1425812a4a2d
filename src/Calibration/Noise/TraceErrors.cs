using PerfModel.Descriptions;

namespace PerfModel.Calibration.Noise;

/// <summary>The errors of one trace file, collected by the trace readers: row problems accumulate (at most
/// <see cref="MaxErrors"/>, then reading stops) and are thrown together; structural problems stop at once. Every error
/// names the file and a location (<c>$</c>, <c>line 12</c>, <c>line 12, column value_ns</c>).</summary>
internal sealed class TraceErrors(string file)
{
    /// <summary>Errors collected before reading stops.</summary>
    public const int MaxErrors = 10;

    private readonly List<ValidationError> errors = [];

    /// <summary>Records a row error; returns false so that callers can write <c>ok = Add(...)</c>. Throws once
    /// <see cref="MaxErrors"/> are collected.</summary>
    /// <exception cref="ProfileValidationException">The limit was reached.</exception>
    public bool Add(string where, string rule)
    {
        errors.Add(new ValidationError(file, where, rule));
        if (errors.Count >= MaxErrors)
        {
            errors.Add(new ValidationError(file, "$", $"stopped reading after {MaxErrors} errors"));
            throw new ProfileValidationException(errors.ToArray());
        }
        return false;
    }

    /// <summary>Throws the collected errors, if any.</summary>
    /// <exception cref="ProfileValidationException">At least one error was recorded.</exception>
    public void ThrowIfAny()
    {
        if (errors.Count > 0) throw new ProfileValidationException(errors.ToArray());
    }

    /// <summary>The exception to throw for a problem that stops reading at once, with the errors collected before it.</summary>
    public ProfileValidationException Fail(string where, string rule)
    {
        errors.Add(new ValidationError(file, where, rule));
        return new ProfileValidationException(errors.ToArray());
    }

    /// <summary>The location of one cell: <c>line 12, column value_ns</c>.</summary>
    public static string At(int line, string column) => $"line {line}, column {column}";
}
