namespace PerfModel.Calibration.Published;

/// <summary>One point of a <see cref="BandwidthSaturationFit"/>: measured and fitted rate at a thread count.</summary>
/// <param name="Threads">OpenMP threads (cores).</param>
/// <param name="MeasuredBytesPerSecond">The published rate.</param>
/// <param name="FittedBytesPerSecond">The model's rate min(β n, B).</param>
public sealed record SaturationResidual(int Threads, double MeasuredBytesPerSecond, double FittedBytesPerSecond)
{
    /// <summary>(measured − fitted) / measured: positive where the model underestimates.</summary>
    public double Relative => (MeasuredBytesPerSecond - FittedBytesPerSecond) / MeasuredBytesPerSecond;
}
