namespace PerfModel.Calibration.Published;

/// <summary>A measured allreduce against the fitted LogGP's recursive-doubling time (<see cref="LogGpFit.CheckAllreduce"/>).</summary>
/// <param name="Nodes">Nodes of the allocation.</param>
/// <param name="Samples">Measured values (runs) at that node count.</param>
/// <param name="MeasuredMedianSeconds">Median of the measured average latency per call.</param>
/// <param name="PredictedSeconds">The model's time with one rank per node.</param>
public sealed record AllreduceComparison(int Nodes, int Samples, double MeasuredMedianSeconds, double PredictedSeconds)
{
    /// <summary>(predicted − measured) / measured: negative where the model is too fast.</summary>
    public double RelativeError => (PredictedSeconds - MeasuredMedianSeconds) / MeasuredMedianSeconds;
}
