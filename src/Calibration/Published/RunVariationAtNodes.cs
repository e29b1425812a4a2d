namespace PerfModel.Calibration.Published;

/// <summary>The run-to-run spread of the small-message <c>osu_allreduce</c> time at one node count
/// (<see cref="NetworkRunVariationFit"/>): logs of the per-run average latency per call.</summary>
/// <param name="Nodes">Nodes of the allocation.</param>
/// <param name="Runs">Runs (complete size sweeps) with a value at both sizes.</param>
/// <param name="MedianSeconds">Median over the runs of the time per call at the fitted size.</param>
/// <param name="TotalLogSd">s = sample standard deviation (n − 1) over the runs of ln t at the fitted size: all of a run's
/// deviation, what lasts the whole run and what does not.</param>
/// <param name="PersistentLogSd">√max(0, c), c = sample covariance over the runs of ln t at the fitted size and ln t at
/// the partner size: the part of the deviation both sizes of one run share, i.e. what persists through the run.</param>
public sealed record RunVariationAtNodes(int Nodes, int Runs, double MedianSeconds, double TotalLogSd, double PersistentLogSd);
