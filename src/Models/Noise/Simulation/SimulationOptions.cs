namespace PerfModel.Noise.Simulation;

/// <summary>
/// Monte Carlo settings for <see cref="NoiseSimulator.Simulate"/>.
/// </summary>
/// <param name="Trials">Independent trials (steps) simulated, ≥ 2 (the standard error needs at least two).</param>
/// <param name="Seed">Master seed. Trial t draws from its own xoshiro256** stream seeded from (Seed, t) through SplitMix64,
/// so the result is a function of (inputs, Trials, Seed) only, bit-identical for every <paramref name="MaxThreads"/>.</param>
/// <param name="MaxThreads">Worker threads, ≥ 0; 0 means <see cref="Environment.ProcessorCount"/>. Each worker holds its own
/// rank arrays (8·P' bytes for the tree and recursive-doubling shapes, 16·P' for dissemination, none for None and Barrier).</param>
public sealed record SimulationOptions(int Trials, ulong Seed, int MaxThreads = 0);
