using System.Diagnostics.CodeAnalysis;
using PerfModel.Internal;
using PerfModel.Units;

namespace PerfModel.Noise;

/// <summary>
/// One bulk-synchronous step: every rank computes for <see cref="Work"/> (W, noise-free), then synchronises as
/// <see cref="Sync"/>; each round of a collective takes <see cref="Round"/> (c, noise-free). Valid when made: both ≥ 0 and
/// a defined <see cref="SyncShape"/>. <see cref="Round"/> is ignored by <see cref="SyncShape.None"/> and
/// <see cref="SyncShape.Barrier"/>. Noise-free step time (mean over ranks): W for None and Barrier; W + k·c for the
/// recursive-doubling and dissemination collectives; W + k·c + c·k/2 for the tree (k = ⌈log₂ P⌉; rank i's broadcast path
/// has popcount(i) hops, mean k/2 over 2^k ranks).
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

    /// <summary>k = ⌈log₂ P⌉ rounds for the collective shapes, 0 for None and Barrier.</summary>
    public int RoundsFor(double ranks) => Sync is SyncShape.None or SyncShape.Barrier ? 0 : NoiseClosedForm.Rounds(ranks);

    /// <summary>The step's time without noise at <paramref name="ranks"/> ranks (see the class remarks).</summary>
    public TimeInterval NoiseFree(double ranks)
    {
        var k = RoundsFor(ranks);
        return TimeInterval.FromSeconds(Work.Seconds + k * Round.Seconds + (Sync == SyncShape.TreeReduceBroadcast ? k / 2.0 * Round.Seconds : 0));
    }
}
