using System.Diagnostics.CodeAnalysis;
using PerfModel.Internal;

namespace PerfModel.Noise.WallClock;

/// <summary>
/// Monte Carlo settings for <see cref="WallClockSimulator.Simulate"/>. Valid when made: 2 ≤ trials ≤ 10⁷, 1 ≤ steps ≤ 10⁶,
/// burn-in ≥ 0, threads ≥ 0, overhead ≥ 0 when given. Rules that involve the shape (overhead ≤ c/2) or two settings
/// (burn-in &lt; steps, trials × steps ≤ <see cref="MaxTrialSteps"/>) are checked by the simulator, so that <c>with</c>
/// expressions may set them in any order.
/// </summary>
public sealed record WallClockOptions
{
    /// <summary>Largest number of trials accepted.</summary>
    public const int MaxTrials = 10_000_000;

    /// <summary>Largest number of steps per trial accepted.</summary>
    public const int MaxSteps = 1_000_000;

    /// <summary>Largest trials × steps accepted by <see cref="WallClockSimulator.Simulate"/> (each trial's mean and maximum
    /// clock are kept per step, 16 bytes).</summary>
    public const long MaxTrialSteps = 10_000_000;

    /// <summary><paramref name="trials"/> trials of <paramref name="steps"/> consecutive steps from <paramref name="seed"/>,
    /// on at most <paramref name="maxThreads"/> threads (0: one per processor).</summary>
    [SetsRequiredMembers]
    public WallClockOptions(int trials, int steps, ulong seed, int maxThreads = 0)
    {
        Trials = trials;
        Steps = steps;
        Seed = seed;
        MaxThreads = maxThreads;
        BurnInSteps = steps > 1 ? 1 : 0;
    }

    /// <summary>Independent trials (each a run of <see cref="Steps"/> steps of all ranks), 2 … <see cref="MaxTrials"/>.</summary>
    public required int Trials
    {
        get;
        init => field = Rules.AtLeast(this, value, 2) <= MaxTrials ? value : throw Rules.Broken(this, nameof(Trials), value, $"must be at most {MaxTrials}");
    }

    /// <summary>Consecutive steps per trial, 1 … <see cref="MaxSteps"/>: a late rank's delay carries into the next step.</summary>
    public required int Steps
    {
        get;
        init => field = Rules.AtLeast(this, value, 1) <= MaxSteps ? value : throw Rules.Broken(this, nameof(Steps), value, $"must be at most {MaxSteps}");
    }

    /// <summary>Master seed. Trial t's key comes from (Seed, t) alone; rank i's timeline of source s
    /// is a SplitMix64 stream keyed by (trial key, i, s) — by (trial key, s) alone for co-scheduled noise — so results are a
    /// function of (inputs, Trials, Steps, Seed) only, bit-identical for every <see cref="MaxThreads"/>.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Worker threads, ≥ 0; 0 means <see cref="Environment.ProcessorCount"/>. Each worker holds its own rank state:
    /// 8 bytes per rank (16 for the dissemination barrier), 24 per rank and noise source, 1 more when the profile has node
    /// classes — about 64 MB per worker at P = 2^20 with two sources. Fewer workers run when that many do not fit in the
    /// memory the process may use (results do not depend on the count).</summary>
    public required int MaxThreads { get; init => field = Rules.AtLeast(this, value, 0); }

    /// <summary>Steps left out of the stationary mean, ≥ 0 (default 1 — the first step starts with every rank aligned at
    /// t = 0 and is reported on its own — or 0 for a one-step run, whose stationary mean is then its first step); must be
    /// &lt; <see cref="Steps"/> when simulating.</summary>
    public int BurnInSteps { get; init => field = Rules.AtLeast(this, value, 0); } = 1;

    /// <summary>Whether detours are already running at t = 0 (default true: every timeline is stationary, so the first
    /// window of each rank pays the equilibrium remainders, λ·E[D²]/2 per Poisson source on average — the inspection paradox
    /// of noise-theory.md §1). False starts every timeline empty at t = 0 (a cold start, as the per-window rule assumes);
    /// the draws are the same, only the remainders at t = 0 are dropped.</summary>
    public bool InProgressAtStart { get; init; } = true;

    /// <summary>o, the CPU part of each end of a message (send overhead on the sender, receive overhead on the receiver);
    /// the rest of a round, c − 2o, is wire time, never charged with noise. Null (default): o = c/2, the whole round is CPU
    /// time, as the closed forms charge it. Must be ≤ c/2 when simulating.</summary>
    public TimeInterval? Overhead
    {
        get;
        init => field = value is { } o ? Rules.NonNegative(this, o) : null;
    }
}
