namespace PerfModel.Calibration.Fitting;

/// <summary>A fit was impossible; <see cref="Reason"/> says why and the message names the data and the rule.</summary>
public sealed class CalibrationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">Why the fit was impossible.</param>
    /// <param name="message">The data and the rule, e.g. "faults/touch-4k: the time per page -1e-07 s is not positive".</param>
    public CalibrationException(CalibrationFailure reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    /// <summary>Why the fit was impossible.</summary>
    public CalibrationFailure Reason { get; }
}
