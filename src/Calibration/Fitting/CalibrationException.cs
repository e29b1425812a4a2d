namespace PerfModel.Calibration.Fitting;

/// <summary>A fit was impossible; <see cref="Reason"/> says why and the message names the data and the rule.</summary>
public sealed class CalibrationException : Exception
{
    public CalibrationException(CalibrationFailure reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public CalibrationFailure Reason { get; }
}
