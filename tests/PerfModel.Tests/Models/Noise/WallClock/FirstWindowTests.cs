using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Noise.WallClock;

namespace PerfModel.Tests.Models.Noise.WallClock;

/// <summary>
/// The first compute window [0, W) of a rank on a stationary timeline. Derivation for a Poisson source (rate λ, duration D):
/// detours starting inside the window add λW·E[D]; the detours in progress at 0 are K ~ Poisson(λE[D]) (M/G/∞ in equilibrium),
/// each with a remainder of mean E[D²]/(2E[D]) (the equilibrium law), adding λE[D]·E[D²]/(2E[D]) = λE[D²]/2. So
/// E[step 1] = W + λ(W·E[D] + E[D²]/2), summed over sources. A periodic source (period Π, uniform phase) has W/Π starts in
/// the window on average and a tick in progress at 0 with probability E[D]/Π and a uniform remainder given its length:
/// E[step 1] = W + (W·E[D] + E[D²]/2)/Π, the same with λ = 1/Π; a replayed trace of length L likewise,
/// W + (W·ΣD + ΣD²/2)/L. Each case runs 1,000 independent ranks (None: the step is the mean over ranks) × 400 trials and
/// must agree within 4 standard errors; the per-window rule (no in-progress term) is far outside.
/// </summary>
public sealed class FirstWindowTests
{
    private const double W = 20e-6;

    public static TheoryData<string, DurationDistribution, double> Durations() => new()
    {
        // name, distribution, E[D²]
        { "exponential 50us", new ExponentialDuration(TimeInterval.FromMicroseconds(50)), 2 * 50e-6 * 50e-6 },
        { "fixed 50us", new FixedDuration(TimeInterval.FromMicroseconds(50)), 50e-6 * 50e-6 },
        { "lognormal median 30us sigma 0.8", new LogNormalDuration(TimeInterval.FromMicroseconds(30), 0.8), 30e-6 * 30e-6 * Math.Exp(2 * 0.8 * 0.8) },
        { "pareto 30us alpha 4", new ParetoDuration(TimeInterval.FromMicroseconds(30), 4), 4 * 30e-6 * 30e-6 / 2 },
        { "empirical 10/40/200us", new EmpiricalDuration([10e-6, 40e-6, 200e-6], [0.5, 0.3, 0.2]), 0.5 * 1e-10 + 0.3 * 16e-10 + 0.2 * 400e-10 },
    };

    [Theory]
    [MemberData(nameof(Durations))]
    public void PoissonFirstStepAddsTheInProgressRemainder(string name, DurationDistribution duration, double secondMoment)
    {
        const double rate = 1000;
        var noise = new NoiseProfile([TestProfiles.Source(name, rate, duration)]);
        var r = WallClockSimulator.Simulate(noise, TestProfiles.Step(W, SyncShape.None), 1000, new WallClockOptions(400, 1, 11) { BurnInSteps = 0 });
        var expected = W + rate * (W * duration.MeanSeconds + secondMoment / 2);
        SimulationReference.AssertWithinStandardErrors(expected, r.FirstStepSeconds, r.FirstStepStandardErrorSeconds, 4, name);
        var perWindow = W + rate * W * duration.MeanSeconds;
        Assert.True(r.FirstStepSeconds - perWindow > 10 * r.FirstStepStandardErrorSeconds, $"{name}: the in-progress term is resolved");
    }

    [Fact]
    public void OneRankWithExponentialNoiseMatchesTheClosedForm()
    {
        // The brief's case: one rank, many trials. λ = 1000/s, β = 50 µs: E = W + λ(Wβ + β²) = 20 + 1 + 2.5 µs.
        const double rate = 1000, beta = 50e-6;
        var noise = new NoiseProfile([TestProfiles.Source("exp", rate, new ExponentialDuration(TimeInterval.FromSeconds(beta)))]);
        var r = WallClockSimulator.Simulate(noise, TestProfiles.Step(W, SyncShape.None), 1, new WallClockOptions(200_000, 1, 5) { BurnInSteps = 0 });
        SimulationReference.AssertWithinStandardErrors(W + rate * (W * beta + beta * beta), r.FirstStepSeconds, r.FirstStepStandardErrorSeconds, 4, "one rank");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PeriodicTickFirstStep(bool empirical)
    {
        const double period = 100e-6;
        DurationDistribution d = empirical ? new EmpiricalDuration([5e-6, 60e-6], [0.7, 0.3]) : new FixedDuration(TimeInterval.FromMicroseconds(40));
        var secondMoment = empirical ? 0.7 * 25e-12 + 0.3 * 3600e-12 : 1600e-12;
        var noise = new NoiseProfile([new NoiseSource("tick", EventRate.FromPerSecond(1 / period), d, NoiseArrival.Periodic)]);
        var r = WallClockSimulator.Simulate(noise, TestProfiles.Step(W, SyncShape.None), 1000, new WallClockOptions(400, 1, 3) { BurnInSteps = 0 });
        var expected = W + (W * d.MeanSeconds + secondMoment / 2) / period;
        SimulationReference.AssertWithinStandardErrors(expected, r.FirstStepSeconds, r.FirstStepStandardErrorSeconds, 4, empirical ? "empirical tick" : "fixed tick");
    }

    [Fact]
    public void ReplayedTraceFirstStep()
    {
        // Detours of 10, 20 and 5 µs at 5, 40 and 80 µs of a 100 µs recording: ΣD = 35 µs, ΣD² = 525 µs²,
        // E = 30 + 30·0.35 + 525/200 = 43.125 µs for W = 30 µs.
        var trace = new DetourTrace([5e-6, 40e-6, 80e-6], [10e-6, 20e-6, 5e-6], TimeInterval.FromMicroseconds(100));
        var noise = new NoiseProfile([NoiseSource.FromTrace("trace", trace)]);
        var r = WallClockSimulator.Simulate(noise, TestProfiles.Step(30e-6, SyncShape.None), 1000, new WallClockOptions(400, 1, 8) { BurnInSteps = 0 });
        SimulationReference.AssertWithinStandardErrors(43.125e-6, r.FirstStepSeconds, r.FirstStepStandardErrorSeconds, 4, "trace");
    }
    [Fact]
    public void PeriodicTickCountAndInProgressProbability()
    {
        // One rank, a tick of d = 20 µs every Π = 100 µs (f = 10 kHz), window T = 130 µs: ticks at φ + kΠ, φ uniform, so
        // ⌊Tf⌋ = 1 tick starts in the window, or 2 with probability frac(Tf) = 0.3 (φ < 30 µs); the tick before is still
        // running at 0 with probability d·f = 0.2 (φ > 80 µs), its remainder uniform on (0, d). With one rank the trial's
        // first step is W + N·d + R, so N = ⌊delay/d⌋ and R = delay − N·d per trial. Binomial tolerances at 4 s.d.
        const double d = 20e-6, period = 100e-6, work = 130e-6;
        const int trials = 20000;
        var noise = new NoiseProfile([new NoiseSource("tick", EventRate.FromPerSecond(1 / period), new FixedDuration(TimeInterval.FromSeconds(d)), NoiseArrival.Periodic)]);
        var r = WallClockSimulator.Simulate(noise, TestProfiles.Step(work, SyncShape.None), 1, new WallClockOptions(trials, 1, 12) { BurnInSteps = 0 });
        var delays = r.TrialStationarySteps.Select(s => s - work).ToArray();
        var counts = delays.Select(x => (int)Math.Floor(x / d + 1e-9)).ToArray();
        var remainders = delays.Select((x, i) => x - counts[i] * d).ToArray();
        Assert.All(counts, n => Assert.InRange(n, 1, 2));
        var two = counts.Count(n => n == 2) / (double)trials;
        var running = remainders.Where(x => x > 1e-6 * d).ToArray();
        Assert.InRange(two, 0.3 - 4 * Math.Sqrt(0.21 / trials), 0.3 + 4 * Math.Sqrt(0.21 / trials));
        Assert.InRange(running.Length / (double)trials, 0.2 - 4 * Math.Sqrt(0.16 / trials), 0.2 + 4 * Math.Sqrt(0.16 / trials));
        // Uniform remainder: mean d/2, s.d. d/√12.
        var se = d / Math.Sqrt(12 * running.Length);
        SimulationReference.AssertWithinStandardErrors(d / 2, running.Average(), se, 4, "remainder of the running tick");
        // Two ticks start in the window only when φ < 30 µs, and then none is running at 0.
        Assert.DoesNotContain(Enumerable.Range(0, trials), i => counts[i] == 2 && remainders[i] > 1e-6 * d);
    }

    [Fact]
    public void PoissonFixedDetourCountsAndRemainders()
    {
        // One rank, Poisson λ = 2000/s, fixed d = 100 µs, T = 150 µs: delay = d·N + d·(U_1 + … + U_K) with N ~ Poisson(λT) = 0.3
        // and K ~ Poisson(λd) = 0.2 independent. So P(delay = 0) = e^(−λ(T + d)), P(delay = d exactly) = λT·e^(−λ(T + d))
        // (one start, nothing running), and E[delay] = λTd + λd²/2.
        const double rate = 2000, d = 100e-6, work = 150e-6;
        const int trials = 40000;
        var r = WallClockSimulator.Simulate(new NoiseProfile([TestProfiles.Source("fixed", rate, d)]), TestProfiles.Step(work, SyncShape.None), 1,
            new WallClockOptions(trials, 1, 13) { BurnInSteps = 0 });
        var delays = r.TrialStationarySteps.Select(s => s - work).ToArray();
        double Share(Func<double, bool> f) => delays.Count(f) / (double)trials;
        void Near(double p, double observed, string what) =>
            Assert.True(Math.Abs(observed - p) <= 4 * Math.Sqrt(p * (1 - p) / trials), $"{what}: expected {p:F4}, observed {observed:F4}");
        var none = Math.Exp(-rate * (work + d));
        Near(none, Share(x => Math.Abs(x) < 1e-12), "P(no delay)");
        Near(rate * work * none, Share(x => Math.Abs(x - d) < 1e-12), "P(exactly one detour starts, none running)");
        SimulationReference.AssertWithinStandardErrors(rate * work * d + rate * d * d / 2, r.FirstStepSeconds - work, r.FirstStepStandardErrorSeconds, 4, "E[delay]");
    }
}
