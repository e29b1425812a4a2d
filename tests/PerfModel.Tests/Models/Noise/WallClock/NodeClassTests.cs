using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Noise.WallClock;

namespace PerfModel.Tests.Models.Noise.WallClock;

/// <summary>Node noise classes: a whole node (RanksPerNode consecutive ranks) joins a class with probability Share, per trial.</summary>
public sealed class NodeClassTests
{
    private const double W = 20e-6;
    private static readonly NoiseProfile Bad = new([TestProfiles.Source("bad", 1000, new ExponentialDuration(TimeInterval.FromMicroseconds(50)))]);

    [Fact]
    public void AClassScalesTheFirstStepDelayByItsShare()
    {
        // Quiet base, a class of share s with exponential noise: E[step 1] = W + s·λ(Wβ + β²) (FirstWindowTests' derivation).
        const double share = 0.3, rate = 1000, beta = 50e-6;
        var noise = NoiseProfile.None with { NodeClasses = [new NodeNoiseClass(share, Bad)] };
        var r = WallClockSimulator.Simulate(noise, TestProfiles.Step(W, SyncShape.None) with { RanksPerNode = 8 }, 4000, new WallClockOptions(200, 1, 4) { BurnInSteps = 0 });
        SimulationReference.AssertWithinStandardErrors(W + share * rate * (W * beta + beta * beta), r.FirstStepSeconds, r.FirstStepStandardErrorSeconds, 4, "node class");
    }

    [Fact]
    public void TheRanksOfANodeShareItsClass()
    {
        // One node holding all 64 ranks: each trial is either entirely quiet (every step exactly W) or entirely noisy.
        var noise = NoiseProfile.None with { NodeClasses = [new NodeNoiseClass(0.5, Bad with { Sources = [TestProfiles.Source("bad", 20000, 30e-6)] })] };
        var r = WallClockSimulator.Simulate(noise, TestProfiles.Step(W, SyncShape.None) with { RanksPerNode = 64 }, 64, new WallClockOptions(400, 2, 6));
        // A quiet trial's step is W up to the rounding of a mean of 64 equal clocks.
        var quiet = r.TrialStationarySteps.Count(s => Math.Abs(s - W) < 1e-15);
        Assert.All(r.TrialStationarySteps.Where(s => Math.Abs(s - W) >= 1e-15), s => Assert.True(s > W + 5e-6));
        Assert.InRange(quiet, 200 - 4 * 10, 200 + 4 * 10); // Binomial(400, ½): sd 10
    }
}
