namespace PerfModel.Calibration.Published;

/// <summary>One message size of a <see cref="LogGpFit"/>: the median measured latency and the LogGP time.</summary>
/// <param name="SizeBytes">Message size m.</param>
/// <param name="MeasuredSeconds">Median over the runs of the one-way latency at m.</param>
/// <param name="FittedSeconds">LogGP's L + 2o + (m − 1)G with the fitted (host) parameters.</param>
public sealed record LatencyResidual(long SizeBytes, double MeasuredSeconds, double FittedSeconds)
{
    /// <summary>(measured − fitted) / measured: positive where LogGP underestimates.</summary>
    public double Relative => (MeasuredSeconds - FittedSeconds) / MeasuredSeconds;
}
