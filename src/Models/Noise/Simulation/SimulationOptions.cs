using System.Diagnostics.CodeAnalysis;
using PerfModel.Internal;

namespace PerfModel.Noise.Simulation;

/// <summary>Monte Carlo settings for <see cref="NoiseSimulator.Simulate"/>. Valid when made: trials ≥ 2 (the standard error
/// needs two), at most 10⁷ (beyond that the per-trial results no longer fit a modest memory), threads ≥ 0.</summary>
public sealed record SimulationOptions
{
    /// <summary>Largest number of trials accepted.</summary>
    public const int MaxTrials = 10_000_000;

    /// <summary>Settings of <paramref name="trials"/> trials from <paramref name="seed"/> on at most <paramref name="maxThreads"/> threads.</summary>
    [SetsRequiredMembers]
    public SimulationOptions(int trials, ulong seed, int maxThreads = 0)
    {
        Trials = trials;
        Seed = seed;
        MaxThreads = maxThreads;
    }

    /// <summary>Independent trials (steps) simulated, 2 … <see cref="MaxTrials"/>.</summary>
    public required int Trials
    {
        get;
        init => field = Rules.AtLeast(this, value, 2) <= MaxTrials ? value : throw Rules.Broken(this, nameof(Trials), value, $"must be at most {MaxTrials}");
    }

    /// <summary>Master seed. Trial t draws from its own xoshiro256** stream seeded from (Seed, t) through SplitMix64, so the
    /// result is a function of (inputs, Trials, Seed) only, bit-identical for every <see cref="MaxThreads"/>.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Worker threads, ≥ 0; 0 means <see cref="Environment.ProcessorCount"/>. Each worker holds its own rank arrays
    /// (8·P' bytes for the tree and recursive-doubling shapes, 16·P' for dissemination, none for None and Barrier).</summary>
    public required int MaxThreads { get; init => field = Rules.AtLeast(this, value, 0); }
}
