namespace PerfModel.Calibration.Published;

/// <summary>The profiler summary of one section of a CCS-QCD job output (the lines <c>&lt;section&gt; Time: … (S)</c> and
/// <c>&lt;section&gt; FLOPS: … (GFLOPS)</c> that the FIBER mini-app profiler prints after the performance sections): rank
/// 0's time and operation rate, each printed to three decimals.</summary>
/// <param name="Seconds">The section's time in seconds ("Time", to 1 ms).</param>
/// <param name="FlopsPerSecondPerNode">Floating-point operations per second per node ("FLOPS" in GFLOPS × 10⁹).</param>
public sealed record CcsQcdProfilerSummary(double Seconds, double FlopsPerSecondPerNode);
