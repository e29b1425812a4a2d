using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Noise.WallClock;

namespace PerfModel.Tests.Models.Noise.WallClock;

/// <summary>
/// Without noise every step is deterministic; the expected times are derived by hand from the per-rank programs (o = c/2,
/// wire 0). W = 2^−16 s and c = 2^−18 s are binary fractions, so sums of them are exact and most checks are equalities.
/// </summary>
public sealed class NoiseFreeTests
{
    private const double W = 1.0 / 65536, C = 1.0 / 262144;

    private static WallClockResult Run(SyncShape sync, long ranks, int steps = 4, NoiseProfile? noise = null) =>
        WallClockSimulator.Simulate(noise ?? NoiseProfile.None, TestProfiles.Step(W, sync, C), ranks, new WallClockOptions(2, steps, 7, 1));

    private static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-14 * expected, $"{what}: expected {expected:R}, got {actual:R}");

    [Theory]
    [InlineData(SyncShape.None, 1)]
    [InlineData(SyncShape.None, 1000)]
    [InlineData(SyncShape.Barrier, 1000)]
    [InlineData(SyncShape.AllreduceRecursiveDoubling, 1)]
    public void WithoutCollectiveRoundsEveryStepIsTheWork(SyncShape sync, long ranks)
    {
        var r = Run(sync, ranks);
        Assert.All(r.Steps, s =>
        {
            Assert.Equal(W, s.MeanSeconds);
            Assert.Equal(W, s.SlowestSeconds);
            Assert.Equal(W, s.NoiseFreeSeconds);
            Assert.Equal(0, s.StandardErrorSeconds);
        });
        Assert.Equal(W, r.StationaryStepSeconds);
        Assert.Equal(W, r.NoiseFreeStepSeconds);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(8, 3)]
    [InlineData(1024, 10)]
    public void RecursiveDoublingAtAPowerOfTwoTakesLog2PRoundsOnEveryRank(long ranks, int rounds)
    {
        // Every round: send [t, t + o), the partner's message arrives at t + o (wire 0), receive [t + o, t + c).
        var r = Run(SyncShape.AllreduceRecursiveDoubling, ranks);
        Assert.Equal(rounds, r.Rounds);
        Assert.All(r.Steps, s => { Assert.Equal(W + rounds * C, s.MeanSeconds); Assert.Equal(W + rounds * C, s.SlowestSeconds); });
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(5, 2)]
    [InlineData(6, 2)]
    [InlineData(7, 2)]
    [InlineData(12, 3)]
    [InlineData(100, 6)]
    [InlineData(1000, 9)]
    public void RecursiveDoublingAtOtherPHasFloorLog2PPlusTwoRounds(long ranks, int floorLog2)
    {
        // MPICH: the r = P − 2^⌊log₂P⌋ extra ranks hand over their data (one round) and get the result back (one round).
        // The critical path — 2i computes, sends to 2i + 1, ⌊log₂P⌋ exchanges, 2i + 1 returns the result — is W + (⌊log₂P⌋ + 2)c,
        // the slowest rank's first step; from step 2 on every rank's step is that cycle.
        var r = Run(SyncShape.AllreduceRecursiveDoubling, ranks);
        var expected = W + (floorLog2 + 2) * C;
        Assert.Equal(floorLog2 + 2, r.Rounds);
        Assert.Equal(expected, r.Steps[0].SlowestSeconds);
        foreach (var s in r.Steps.Skip(1))
        {
            Close(expected, s.MeanSeconds, $"step {s.Index} mean");
            Assert.Equal(expected, s.SlowestSeconds);
        }
        Close(expected, r.NoiseFreeStepSeconds, "stationary noise-free");
    }

    [Fact]
    public void RecursiveDoublingAtFiveRanksFirstStepByHand()
    {
        // P = 5: rank 0 sends to 1 (1 done at W + c); new ranks 0..3 = ranks 1..4; mask 1: (1,2) end W + 2c, (3,4) W + c;
        // mask 2: (1,3), (2,4) end W + 3c; rank 1 returns the result: rank 1 done at W + 3c + o, rank 0 at W + 4c.
        // Mean = (W + 4c + W + 3.5c + 3(W + 3c)) / 5 = W + 3.3c.
        var r = Run(SyncShape.AllreduceRecursiveDoubling, 5);
        Close((5 * W + 16.5 * C) / 5, r.Steps[0].MeanSeconds, "first step mean");
        Assert.Equal(W + 4 * C, r.Steps[0].SlowestSeconds);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(7, 3)]
    [InlineData(8, 3)]
    [InlineData(1000, 10)]
    public void DisseminationTakesCeilLog2PRoundsOnEveryRank(long ranks, int rounds)
    {
        var r = Run(SyncShape.DisseminationBarrier, ranks);
        Assert.Equal(rounds, r.Rounds);
        Assert.All(r.Steps, s => { Assert.Equal(W + rounds * C, s.MeanSeconds); Assert.Equal(W + rounds * C, s.SlowestSeconds); });
    }

    [Fact]
    public void BinomialTreeAtEightRanksFirstStepByHand()
    {
        // Reduce: the root has everything at R = W + 3c (levels 0, 1, 2, one c each). Broadcast (offsets from R, in c; a send
        // or receive window is o = c/2): the root sends to 4, 2, 1 over [0, 1.5); 4 receives [0.5, 1), sends to 6 and 5 over
        // [1, 2); 2 receives [1, 1.5), sends to 3 over [1.5, 2); 6 receives [1.5, 2), sends to 7 over [2, 2.5); the leaves 1,
        // 3, 5, 7 receive until 2, 2.5, 2.5, 3. Completions of ranks 0..7: 1.5, 2, 2, 2.5, 2, 2.5, 2.5, 3 — sum 18, so the mean
        // is W + 3c + 18c/8, the slowest W + 6c.
        var r = Run(SyncShape.TreeReduceBroadcast, 8);
        Assert.Equal(6, r.Rounds);
        Assert.Equal(W + 3 * C + 18 * C / 8, r.Steps[0].MeanSeconds);
        Assert.Equal(W + 6 * C, r.Steps[0].SlowestSeconds);
    }

    [Fact]
    public void ANoiselessProfileGivesExactlyTheNoiseFreeSteps()
    {
        var silent = new NoiseProfile([TestProfiles.Source("off", 0, 1e-3)]);
        foreach (var sync in Enum.GetValues<SyncShape>())
        {
            var r = Run(sync, 37, 5, silent);
            Assert.All(r.Steps, s => { Assert.Equal(s.NoiseFreeSeconds, s.MeanSeconds); Assert.Equal(s.NoiseFreeSlowestSeconds, s.SlowestSeconds); });
            Assert.Equal(r.NoiseFreeStepSeconds, r.StationaryStepSeconds);
            Assert.Equal(0, r.StationaryStandardErrorSeconds);
        }
    }

    [Fact]
    public void AnOverheadBelowHalfTheRoundMovesTimeToTheWireNotTheRound()
    {
        // o = c/8: a round is still c (o + wire c − 2o + o), so the noise-free steps do not change.
        var shape = TestProfiles.Step(W, SyncShape.AllreduceRecursiveDoubling, C);
        var r = WallClockSimulator.Simulate(NoiseProfile.None, shape, 64, new WallClockOptions(2, 3, 1, 1) { Overhead = TimeInterval.FromSeconds(C / 8) });
        Assert.Equal(C / 8, r.OverheadSeconds);
        Assert.Equal(C * 3 / 4, r.WireSeconds);
        Assert.All(r.Steps, s => Assert.Equal(W + 6 * C, s.MeanSeconds));
    }
}
