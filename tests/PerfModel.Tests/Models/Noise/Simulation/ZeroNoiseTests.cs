using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Noise.Simulation;

namespace PerfModel.Tests.Models.Noise.Simulation;

/// <summary>Without noise every trial is the noise-free schedule; these values are derived by hand from the shape definitions.</summary>
public sealed class ZeroNoiseTests
{
    private static readonly SimulationOptions Options = new(trials: 3, seed: 7, maxThreads: 2);

    /// <summary>k = ⌈log₂ P⌉.</summary>
    private static int Rounds(long p) => p <= 1 ? 0 : (int)Math.Ceiling(Math.Log2(p) - 1e-12);

    /// <summary>
    /// Noise-free (mean over ranks, max over ranks) of T_i. None/Barrier: (W, W). Recursive doubling and dissemination: every
    /// round adds c to every rank, (W + kc, W + kc). Tree: the reduce makes R = W + kc (rank 0 waits for the chain
    /// 2^(k−1) → … → 0 of k hops); rank i's broadcast path takes one hop per 1 bit of i, so T_i = W + kc + popcount(i)·c,
    /// whose mean over the 2^k ranks is W + kc + c·k/2 (each of the k bits is set in half the ranks) and whose max is
    /// W + 2kc (rank 2^k − 1).
    /// </summary>
    private static (double Mean, double Max) NoiseFree(SyncShape sync, double w, double c, long p)
    {
        var k = Rounds(p);
        return sync switch
        {
            SyncShape.None or SyncShape.Barrier => (w, w),
            SyncShape.AllreduceRecursiveDoubling or SyncShape.DisseminationBarrier => (w + k * c, w + k * c),
            SyncShape.TreeReduceBroadcast => (w + k * c + c * k / 2.0, w + 2 * k * c),
            _ => throw new ArgumentOutOfRangeException(nameof(sync)),
        };
    }

    public static TheoryData<SyncShape, long> Cases()
    {
        var data = new TheoryData<SyncShape, long>();
        foreach (var sync in Enum.GetValues<SyncShape>())
            foreach (var p in new long[] { 1, 2, 3, 5, 64, 1000, 1024 })
                data.Add(sync, p);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DyadicTimesAreReproducedExactly(SyncShape sync, long p)
    {
        // W = 3/4 and c = 2^−10 are binary fractions, and every partial sum and mean here (at most ~2^11 terms of at most
        // 20 bits of mantissa) is exactly representable, so the simulated values must equal the hand-derived ones exactly.
        const double w = 0.75, c = 1.0 / 1024;
        var r = NoiseSimulator.Simulate(NoiseProfile.None, TestProfiles.Step(w, sync, c), p, Options);
        var (mean, max) = NoiseFree(sync, w, c, p);
        Assert.All(r.TrialMeans, m => Assert.Equal(mean, m));
        Assert.All(r.TrialMaxima, m => Assert.Equal(max, m));
        Assert.Equal(mean, r.MeanStepSeconds);
        Assert.Equal(max, r.MeanMaxStepSeconds);
        Assert.Equal(0.0, r.StandardErrorSeconds);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DecimalTimesAgreeToRounding(SyncShape sync, long p)
    {
        // W = 1 ms, c = 3 µs are not binary fractions: each of the at most ~2k additions along a path and the sum over
        // ≤ 1024 ranks rounds, relative error ≤ ~1100·2^−53 ≈ 1.2e-13 < 1e-12. Zero-rate and zero-duration sources are
        // present to show they contribute nothing.
        const double w = 1e-3, c = 3e-6;
        var idle = new NoiseProfile([TestProfiles.Source("off", 0, 1e-3), TestProfiles.Source("instant", 1e4, 0)], false);
        var r = NoiseSimulator.Simulate(idle, TestProfiles.Step(w, sync, c), p, Options);
        var (mean, max) = NoiseFree(sync, w, c, p);
        Assert.Equal(mean, r.MeanStepSeconds, mean * 1e-12);
        Assert.Equal(max, r.MeanMaxStepSeconds, max * 1e-12);
    }

    [Theory]
    [InlineData(SyncShape.None, 1000, 1000, 0, 1000)]
    [InlineData(SyncShape.Barrier, 1000, 1000, 0, 1000)]
    [InlineData(SyncShape.AllreduceRecursiveDoubling, 1000, 1024, 10, 1024 * 11)]
    [InlineData(SyncShape.DisseminationBarrier, 5, 8, 3, 8 * 4)]
    [InlineData(SyncShape.TreeReduceBroadcast, 5, 8, 3, 8 + 2 * 7)]
    [InlineData(SyncShape.AllreduceRecursiveDoubling, 1, 1, 0, 1)]
    public void CollectivesRoundRanksUpToAPowerOfTwo(SyncShape sync, long p, long simulated, int rounds, long rankStepsPerTrial)
    {
        // P' = 2^⌈log₂ P⌉ ranks for the collectives; rank-windows per trial: P' work windows plus P' (RD, dissemination) or
        // P'/2^r senders per reduce and broadcast round (tree: 2(P' − 1) in all).
        var r = NoiseSimulator.Simulate(NoiseProfile.None, TestProfiles.Step(1e-3, sync, 1e-6), p, Options);
        Assert.Equal(simulated, r.SimulatedRanks);
        Assert.Equal(rounds, r.Rounds);
        Assert.Equal(rankStepsPerTrial * Options.Trials, r.RankSteps);
        Assert.Equal(Options.Trials, r.TrialMeans.Length);
        Assert.Equal(Options.Trials, r.TrialMaxima.Length);
    }
}
