using System.Collections.Immutable;
using PerfModel.Descriptions;

namespace PerfModel.Noise.Simulation;

/// <summary>
/// Monte Carlo simulator of one bulk-synchronous step under OS noise, the reference the closed forms
/// (<see cref="NoiseAmplification"/> and the collective models) are validated against.
/// </summary>
/// <remarks>
/// Noise: each rank has the independent detour sources of <see cref="NoiseProfile"/>; over a window of w seconds its delay
/// X(w) is the sum of the durations of the detours that start inside the window, Poisson(λ_j w) of them per source, each
/// duration drawn as <see cref="DurationDistribution.Quantile"/>(u) with u uniform in [0, 1). The window is not stretched by
/// its detours. Co-scheduled noise (<see cref="NoiseProfile.CoScheduled"/>) draws each window once and applies the draw to
/// every rank. Fresh, independent noise is drawn for every rank (or sender) in every round of a collective.
/// <para>Step: Y_i = W + X_i(W), then the synchronisation of <see cref="StepShape.Sync"/> (formulas on <see cref="SyncShape"/>).
/// The collectives (recursive doubling, tree, dissemination) run on P' = 2^k ranks, k = ⌈log₂ P⌉: P is rounded up to a power
/// of two. A trial's step time is the mean over ranks of T_i; its maximum over ranks is reported too.</para>
/// <para>Determinism: trial t uses its own xoshiro256** stream from (Seed, t), and trials are distributed over at most
/// MaxThreads workers that each write only their trials' slots, so results are bit-identical for every thread count.
/// Cost: O(Trials · RankSteps per trial) with one uniform per window that has no detour; no allocation per trial.</para>
/// </remarks>
public static class NoiseSimulator
{
    /// <summary>Largest number of ranks accepted, 2^27 (the collectives keep 8–16 bytes per rank per worker).</summary>
    public const long MaxRanks = 1L << 27;

    /// <summary>Simulates <see cref="SimulationOptions.Trials"/> independent steps of <paramref name="ranks"/> ranks.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Ranks outside [1, 2^27], or more than 1e6 expected detours per window.</exception>
    public static SimulationResult Simulate(NoiseProfile noise, StepShape shape, long ranks, SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(options);
        Validate(ranks);

        var kernel = new TrialKernel(noise, shape, (int)ranks);
        var trials = options.Trials;
        var means = new double[trials];
        var maxima = new double[trials];
        var workers = Math.Min(options.MaxThreads == 0 ? Environment.ProcessorCount : options.MaxThreads, trials);
        var seed = options.Seed;
        if (workers <= 1)
        {
            var buffer = new double[kernel.BufferLength];
            for (var t = 0; t < trials; t++) RunTrial(kernel, seed, t, buffer, means, maxima);
        }
        else
        {
            var next = -1;
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ =>
            {
                var buffer = new double[kernel.BufferLength];
                int t;
                while ((t = Interlocked.Increment(ref next)) < trials) RunTrial(kernel, seed, t, buffer, means, maxima);
            });
        }

        var mean = Mean(means);
        var ss = 0.0;
        foreach (var m in means) ss += (m - mean) * (m - mean);
        return new SimulationResult(
            mean,
            Math.Sqrt(ss / (trials - 1) / trials),
            Mean(maxima),
            ImmutableArray.Create(means),
            kernel.RankStepsPerTrial * trials)
        {
            TrialMaxima = ImmutableArray.Create(maxima),
            SimulatedRanks = kernel.SimulatedRanks,
            Rounds = kernel.Rounds,
        };
    }

    private static void RunTrial(TrialKernel kernel, ulong seed, int trial, double[] buffer, double[] means, double[] maxima)
    {
        var rng = Xoshiro256StarStar.ForStream(seed, (ulong)trial);
        (means[trial], maxima[trial]) = kernel.Run(ref rng, buffer);
    }

    private static double Mean(double[] values)
    {
        var s = 0.0;
        foreach (var v in values) s += v;
        return s / values.Length;
    }

    private static void Validate(long ranks)
    {
        // Noise sources, shapes and options are valid by construction (NoiseSource, StepShape, SimulationOptions); what
        // is left is the simulator's own limit.
        if (ranks < 1 || ranks > MaxRanks)
            throw new ArgumentOutOfRangeException(nameof(ranks), ranks, $"ranks={ranks}, but it should be in [1, {MaxRanks}] (2^27)");
    }
}
