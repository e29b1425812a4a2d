using System.Diagnostics.CodeAnalysis;
using PerfModel.Internal;
using PerfModel.Units;

namespace PerfModel.Noise;

/// <summary>
/// One bulk-synchronous step: every rank computes for <see cref="Work"/> (W, noise-free), then synchronises as
/// <see cref="Sync"/>; each round of a collective takes <see cref="Round"/> (c, noise-free: a send overhead c/2 on the
/// sender and a receive overhead c/2 on the receiver, as the wall-clock simulator runs it). Valid when made: both ≥ 0
/// and a defined <see cref="SyncShape"/>. <see cref="Round"/> is ignored by <see cref="SyncShape.None"/> and
/// <see cref="SyncShape.Barrier"/>. Round counts are exact at any P (<see cref="RoundsFor"/>). Noise-free step time of a
/// long run (<see cref="NoiseFree"/>): W for None and Barrier; W + k·c for recursive doubling and dissemination; for the
/// binomial tree W + 2k·c when P is a power of two and W + (2k − 1)·c otherwise (reduce and broadcast pipeline across
/// steps). The first step of a run (<see cref="FirstStepNoiseFree"/>) is the mean over ranks of their completion.
/// </summary>
public sealed record StepShape
{
    /// <summary>A step of <paramref name="work"/>, then <paramref name="sync"/> with rounds of <paramref name="round"/>.</summary>
    [SetsRequiredMembers]
    public StepShape(TimeInterval work, SyncShape sync, TimeInterval round)
    {
        Work = work;
        Sync = sync;
        Round = round;
    }

    /// <summary>W: compute time of every rank.</summary>
    public required TimeInterval Work { get; init => field = Rules.NonNegative(this, value); }

    /// <summary>How the ranks synchronise.</summary>
    public required SyncShape Sync
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw Rules.Broken(this, nameof(Sync), value, $"is not a defined {nameof(SyncShape)}");
    }

    /// <summary>Ranks (cores) per node: the cores of a node share its node noise class
    /// (<see cref="Descriptions.NoiseProfile.NodeClasses"/>); 1 by default.</summary>
    public int RanksPerNode { get; init => field = Rules.AtLeast(this, value, 1); } = 1;

    /// <summary>c: noise-free time of one collective round.</summary>
    public required TimeInterval Round { get; init => field = Rules.NonNegative(this, value); }

    /// <summary>Rounds k of the collective at <paramref name="ranks"/> ranks (<see cref="NoiseClosedForm.Rounds(SyncShape, double)"/>):
    /// recursive doubling log₂ P at a power of two and ⌊log₂ P⌋ + 2 otherwise (MPICH); dissemination and the binomial tree
    /// ⌈log₂ P⌉; 0 for None and Barrier.</summary>
    public int RoundsFor(double ranks) => NoiseClosedForm.Rounds(Sync, ranks);

    /// <summary>The stationary step's time without noise at <paramref name="ranks"/> ranks (see the class remarks).</summary>
    public TimeInterval NoiseFree(double ranks)
    {
        var k = RoundsFor(ranks);
        var c = Round.Seconds;
        var n = (long)Math.Max(1, Math.Round(ranks));
        var levels = Sync == SyncShape.TreeReduceBroadcast ? (n > 1 && (n & (n - 1)) != 0 ? 2 * k - 1 : 2 * k) : k;
        return TimeInterval.FromSeconds(Work.Seconds + levels * c);
    }

    /// <summary>The first step's time without noise: the mean over ranks of when each leaves the step, all starting
    /// together. Differs from <see cref="NoiseFree"/> for recursive doubling at a P that is not a power of two (the ranks
    /// of the pairing exchanges finish later) and for the tree (its broadcast ends at different times).</summary>
    public TimeInterval FirstStepNoiseFree(double ranks)
    {
        var n = (long)Math.Max(1, Math.Round(ranks));
        var w = Work.Seconds;
        var c = Round.Seconds;
        switch (Sync)
        {
            case SyncShape.AllreduceRecursiveDoubling when n > 1 && (n & (n - 1)) != 0:
            {
                var k = RoundsFor(n) - 2;
                var extra = n - (1L << k);
                double p = n;
                return TimeInterval.FromSeconds(w + (k + 1) * c + extra / p * (0.5 * c) + extra / p * c);
            }
            case SyncShape.TreeReduceBroadcast:
                return TimeInterval.FromSeconds(w + TreeForm.NoiseFreeFirst(n, c / 2, 0));
            default:
                return NoiseFree(ranks);
        }
    }
}
