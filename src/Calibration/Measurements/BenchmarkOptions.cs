namespace PerfModel.Calibration.Measurements;

/// <summary>How hard a micro-benchmark works. Quick keeps every benchmark to a few seconds; tiny sizes serve tests.</summary>
/// <param name="Quick">Short run (the whole quick calibration must finish in under 60 s on a 2-core machine).</param>
/// <param name="Scale">Multiplier on sizes and repetitions (1 = normal; tests use e.g. 0.01).</param>
/// <param name="Seed">Seed for anything randomised (pointer-chase permutations).</param>
public sealed record BenchmarkOptions(bool Quick, double Scale = 1, int Seed = 1729);
