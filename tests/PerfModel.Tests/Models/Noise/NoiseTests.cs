using CsCheck;
using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Noise.WallClock;
using static PerfModel.Tests.Support.TestProfiles;

namespace PerfModel.Tests.Models.Noise;

public sealed class NoiseTests
{
    private const double Window = 0.01;
    private const double Duration = 2e-6;

    private static NoiseProfile OneSource(double rate, double duration) =>
        new([Source("s", rate, duration)], coScheduled: false);

    /// <summary>E[max over <paramref name="participants"/> cores of the detour time in a window], seconds.</summary>
    private static double ExpectedMaxDelaySeconds(NoiseProfile noise, double windowSeconds, double participants) =>
        NoiseAmplification.ExpectedMaxDelay(noise, TimeInterval.FromSeconds(windowSeconds), participants).Seconds;

    /// <summary>E[X] = Σ_j λ_j W E[d_j] (compound Poisson mean).</summary>
    private static double Mean(NoiseProfile noise) => noise.Sources.Sum(s => s.Rate.PerSecond * Window * s.Duration.MeanSeconds);

    // ---- (a) no noise ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(1.0)]
    [InlineData(64.0)]
    [InlineData(131072.0)]     // 2^17
    [InlineData(1073741824.0)] // 2^30
    public void NoSourcesGiveExactlyZeroDelay(double p)
    {
        // With no detour source X = 0 surely, so max over P copies is 0: no tolerance, the value must be exactly 0.
        Assert.Equal(0.0, ExpectedMaxDelaySeconds(NoiseProfile.None, Window, p));
        Assert.Equal(0.0, ExpectedMaxDelaySeconds(NoiseProfile.None with { CoScheduled = true }, Window, p));
        // Sources with zero rate or zero duration contribute nothing either.
        var idle = new NoiseProfile([Source("off", 0, 1e-3), Source("instant", 1e3, 0)], false);
        Assert.Equal(0.0, ExpectedMaxDelaySeconds(idle, Window, p));
    }

    // ---- (b) one participant: the long-run delay of a single rank against the wall-clock simulator ---------------

    [Theory]
    [InlineData(0.01)]
    [InlineData(3.0)]
    [InlineData(30.0)]
    [InlineData(100.0)]
    public void OneParticipantMatchesTheWallClockSimulator(double meanCount)
    {
        // A single rank running steps back to back loses the detours that start in its windows plus the remainders of
        // those in progress when a window starts (LogGOPSim's rule); the simulator runs exactly that. Independent truth:
        // the simulator's stationary step; tolerance 1 % of the delay or 3 standard errors, whichever is larger (the
        // agreement criterion of the closed forms).
        var rate = meanCount / Window;
        var noise = OneSource(rate, Duration);
        var closed = ExpectedMaxDelaySeconds(noise, Window, 1);
        var sim = WallClockSimulator.Simulate(noise, new StepShape(TimeInterval.FromSeconds(Window), SyncShape.Barrier, TimeInterval.Zero), 1,
            new WallClockOptions(400, 11, 97));
        var simulated = sim.StationaryStepSeconds - Window;
        Assert.True(Math.Abs(closed - simulated) <= Math.Max(0.01 * simulated, 3 * sim.StationaryStandardErrorSeconds),
            $"closed {closed:G6} s, simulated {simulated:G6} ± {sim.StationaryStandardErrorSeconds:G3} s");
        // And at least the detours that start in the window, λ W d (the per-window rule's mean).
        Assert.True(closed >= rate * Window * Duration * (1 - 1e-9), $"{closed:G17} < λWd = {rate * Window * Duration:G17}");
    }

    // ---- (c) co-scheduled noise is not amplified ------------------------------------------------------------------

    [Theory]
    [InlineData(64.0)]
    [InlineData(1048576.0)]
    [InlineData(1073741824.0)]
    public void CoScheduledNoiseDoesNotGrowWithP(double p)
    {
        // All cores are hit at the same instants, so the slowest core is any core: the delay at P equals the delay of one
        // core. 1e-12 relative: the same evaluation with a different P must not depend on P at all (rounding only).
        var noise = LinuxNoise with { CoScheduled = true };
        var one = ExpectedMaxDelaySeconds(noise, Window, 1);
        Assert.True(one > 0);
        AssertRelative(one, ExpectedMaxDelaySeconds(noise, Window, p), 1e-12);
    }

    [Fact]
    public void UncoordinatedNoiseIsAmplifiedBeyondTheMean()
    {
        // At P = 2^20 the slowest core has seen far more than the mean λWd = 0.0025 d for the timer tick alone:
        // E[max K] ≥ the k with P·P(K ≥ k) ≈ 1, i.e. at least one full tick (K ≥ 1 has probability ≈ 2.5e-3).
        var noise = LinuxNoise;
        var mean = Mean(noise);
        var amplified = ExpectedMaxDelaySeconds(noise, Window, 1048576);
        Assert.True(amplified > 10 * mean, $"E[max] = {amplified:G6} should exceed 10 x mean = {10 * mean:G6}");
    }

    // ---- (e) monotonicity (deterministic property tests) ----------------------------------------------------------

    // Relative slack for monotonicity: the two evaluations are independent double-precision sums (different truncation
    // levels 1e-18/P, different atoms) with rounding error ~1e-14; a genuine decrease is a modelling error of larger size.
    private const double MonotoneSlack = 1e-12;

    [Fact]
    public void NonDecreasingInParticipants()
    {
        var gen = Gen.Select(Gen.Double[0, 20], Gen.Double[1, 1e9], Gen.Double[1, 1e9]);
        SeededProperty.ForAll(gen, seed: 11, count: 150, t =>
        {
            var (mean, pa, pb) = t;
            var noise = OneSource(mean / Window, Duration);
            var (lo, hi) = (Math.Min(pa, pb), Math.Max(pa, pb));
            var eLo = ExpectedMaxDelaySeconds(noise, Window, lo);
            var eHi = ExpectedMaxDelaySeconds(noise, Window, hi);
            Assert.True(eHi >= eLo * (1 - MonotoneSlack), $"E[max] at P={hi:G6} is {eHi:G17} < {eLo:G17} at P={lo:G6}");
        });
    }

    [Fact]
    public void NonDecreasingInRate()
    {
        var gen = Gen.Select(Gen.Double[0, 3000], Gen.Double[0, 3000], Gen.Double[1, 1e8]);
        SeededProperty.ForAll(gen, seed: 12, count: 150, t =>
        {
            var (ra, rb, p) = t;
            var (lo, hi) = (Math.Min(ra, rb), Math.Max(ra, rb));
            var noise = LinuxNoise;
            var eLo = ExpectedMaxDelaySeconds(noise with { Sources = [Source("s", lo, Duration), noise.Sources[1]] }, Window, p);
            var eHi = ExpectedMaxDelaySeconds(noise with { Sources = [Source("s", hi, Duration), noise.Sources[1]] }, Window, p);
            Assert.True(eHi >= eLo * (1 - MonotoneSlack), $"E[max] at rate {hi:G6} is {eHi:G17} < {eLo:G17} at rate {lo:G6}");
        });
    }

    [Fact]
    public void NonDecreasingInDuration()
    {
        var gen = Gen.Select(Gen.Double[0, 1e-4], Gen.Double[0, 1e-4], Gen.Double[1, 1e8], Gen.Double[0, 2000]);
        SeededProperty.ForAll(gen, seed: 13, count: 150, t =>
        {
            var (da, db, p, rate) = t;
            var (lo, hi) = (Math.Min(da, db), Math.Max(da, db));
            var eLo = ExpectedMaxDelaySeconds(OneSource(rate, lo), Window, p);
            var eHi = ExpectedMaxDelaySeconds(OneSource(rate, hi), Window, p);
            Assert.True(eHi >= eLo * (1 - MonotoneSlack), $"E[max] at d={hi:G6} is {eHi:G17} < {eLo:G17} at d={lo:G6}");
        });
    }

    // ---- (f) extreme scale ----------------------------------------------------------------------------------------

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.5)]
    [InlineData(3.0)]
    [InlineData(200.0)]
    public void BillionParticipantsGiveAFiniteValueAboveTheMean(double meanCount)
    {
        const double p = 1073741824; // 2^30
        var noise = new NoiseProfile([Source("tick", meanCount / Window, Duration), Source("daemon", 2, 40e-6)], false);
        var e = ExpectedMaxDelaySeconds(noise, Window, p);
        Assert.True(double.IsFinite(e), $"E[max] = {e}");
        // At least the mean of one core (P = 1), with a rounding slack of 1e-12 relative ...
        var mean = Mean(noise);
        Assert.True(e >= mean * (1 - 1e-12), $"E[max] = {e:G17} is below the mean {mean:G17}");
        // ... and below what one core would see if every possible detour of the window hit it: the window's whole
        // Poisson count of ticks at 40 standard deviations above its mean, plus the daemon's 40 µs as often, plus one
        // of each in progress (a crude bound, far above any expected maximum over 2^30 cores).
        var m = meanCount;
        var bound = (m + 40 * Math.Sqrt(m) + 40) * Duration + 40 * 40e-6 + Duration + 40e-6;
        Assert.True(e <= bound, $"E[max] = {e:G17} above the crude bound {bound:G17}");
    }

    private static void AssertRelative(double expected, double actual, double tolerance)
    {
        var err = Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), double.Epsilon);
        Assert.True(err <= tolerance, $"expected {expected:G17}, actual {actual:G17}, relative error {err:G3} > {tolerance:G3}");
    }
}
