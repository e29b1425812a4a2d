namespace PerfModel.Predictions;

/// <summary>A prediction with its performance relative to Linux at the same node count (FOM ratio, &gt; 1 = faster than Linux).</summary>
public sealed record SweepRow(Prediction Prediction, double RelativeToLinux);
