namespace PerfModel.Calibration.Published;

/// <summary>One performance section of a CCS-QCD job output (the clover term with its inverse, or the BiCGStab solve),
/// as the program's rank 0 prints it: operations per node, elapsed time and their ratio, converted to SI units.</summary>
/// <param name="FlopCountPerNode">Floating-point operations per node ("Flop [MFlop/node]" × 10⁶).</param>
/// <param name="ElapsedSeconds">Elapsed time in seconds ("Elapsed Time [sec]"; printed to 0.1 ms).</param>
/// <param name="FlopsPerSecondPerNode">Floating-point operations per second per node ("Performance [MFlop/sec/node]"
/// × 10⁶; the program divides the unrounded count by the unrounded time).</param>
public sealed record CcsQcdKernelPerformance(double FlopCountPerNode, double ElapsedSeconds, double FlopsPerSecondPerNode);
