using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Noise.WallClock;
using Xunit.Abstractions;

namespace PerfModel.Tests.Models.Noise.WallClock;

/// <summary>
/// The simulator against <see cref="ScheduleReference"/>, an independent interpreter of every rank's MPI program.
/// Without noise the two must agree exactly, step by step, for every collective at powers of two and other P, with and
/// without wire time (W = 2^−16 s, c = 2^−18 s, o = c/2 or c/8: binary fractions, so every sum is exact and both sum the
/// ranks' clocks in rank order). With noise both are Monte Carlo runs from unrelated generators; each step's mean and
/// slowest-rank step must agree within 4.5 combined standard errors (about 30 comparisons per test; a fixed seed makes each
/// outcome deterministic).
/// </summary>
public sealed class ScheduleTests(ITestOutputHelper output)
{
    private const double W = 1.0 / 65536, C = 1.0 / 262144;

    public static TheoryData<SyncShape, int> NoiseFreeCases()
    {
        var data = new TheoryData<SyncShape, int>();
        foreach (var sync in Enum.GetValues<SyncShape>())
            foreach (var p in new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 16, 31, 33, 100, 256 })
                data.Add(sync, p);
        return data;
    }

    [Theory]
    [MemberData(nameof(NoiseFreeCases))]
    public void NoiseFreeStepsEqualTheReferencePrograms(SyncShape sync, int ranks)
    {
        const int steps = 4;
        foreach (var overhead in new[] { C / 2, C / 8 })
        {
            var r = WallClockSimulator.Simulate(NoiseProfile.None, TestProfiles.Step(W, sync, C), ranks,
                new WallClockOptions(2, steps, 1, 1) { Overhead = TimeInterval.FromSeconds(overhead) });
            var detours = Enumerable.Repeat(ScheduleReference.Detours.None, ranks).ToArray();
            var (mean, slowest) = ScheduleReference.Steps(ScheduleReference.Run(sync, ranks, steps, W, overhead, C - 2 * overhead, detours));
            for (var n = 0; n < steps; n++)
            {
                Assert.Equal(mean[n], r.Steps[n].MeanSeconds);
                Assert.Equal(mean[n], r.Steps[n].NoiseFreeSeconds);
                Assert.Equal(slowest[n], r.Steps[n].SlowestSeconds);
                Assert.Equal(slowest[n], r.Steps[n].NoiseFreeSlowestSeconds);
            }
        }
    }

    /// <summary>Poisson (exponential and fixed durations), a periodic tick with random durations and a replayed trace, on
    /// independent timelines: fraction 0.045 + 0.024 + 0.064 + 0.0875.</summary>
    private static readonly NoiseProfile Mixed = new(
    [
        TestProfiles.Source("daemon", 3000, new ExponentialDuration(TimeInterval.FromMicroseconds(15))),
        TestProfiles.Source("long", 200, 120e-6),
        new NoiseSource("tick", EventRate.FromPerSecond(20000), new EmpiricalDuration([2e-6, 8e-6], [0.8, 0.2]), NoiseArrival.Periodic),
        NoiseSource.FromTrace("trace", new DetourTrace([5e-6, 40e-6, 80e-6], [10e-6, 20e-6, 5e-6], TimeInterval.FromMicroseconds(400))),
    ]);

    public static TheoryData<SyncShape, int, bool> NoisyCases() => new()
    {
        { SyncShape.AllreduceRecursiveDoubling, 6, true },
        { SyncShape.AllreduceRecursiveDoubling, 8, true },
        { SyncShape.TreeReduceBroadcast, 7, true },
        { SyncShape.DisseminationBarrier, 6, true },
        { SyncShape.Barrier, 5, true },
        { SyncShape.None, 3, true },
        { SyncShape.AllreduceRecursiveDoubling, 6, false },
        { SyncShape.TreeReduceBroadcast, 6, false },
    };

    [Theory]
    [MemberData(nameof(NoisyCases))]
    public void NoisyStepsMatchTheReferenceMonteCarlo(SyncShape sync, int ranks, bool warm)
    {
        // W = 30 µs, c = 4 µs with o = 1 µs: 2 µs of each round is wire, never charged.
        const double work = 30e-6, round = 4e-6, overhead = 1e-6;
        const int steps = 5, trials = 3000;
        var shape = TestProfiles.Step(work, sync, round);
        var options = new WallClockOptions(trials, steps, 41) { Overhead = TimeInterval.FromSeconds(overhead), InProgressAtStart = warm, BurnInSteps = 0 };
        Compare(Mixed, shape, ranks, options, 3e-3, $"{sync} P={ranks} {(warm ? "stationary" : "cold")} start");
    }

    /// <summary>Fast noise: a Poisson daemon (20,000/s × exponential 10 µs), a 5 kHz tick with random durations and a 1 ms
    /// trace.</summary>
    private static readonly NoiseProfile Fast = new(
    [
        TestProfiles.Source("daemon", 20000, new ExponentialDuration(TimeInterval.FromMicroseconds(10))),
        new NoiseSource("tick", EventRate.FromPerSecond(5000), new EmpiricalDuration([1e-6, 9e-6], [0.75, 0.25]), NoiseArrival.Periodic),
        NoiseSource.FromTrace("trace", new DetourTrace([1e-4, 6e-4], [5e-5, 2e-5], TimeInterval.FromMilliseconds(1))),
    ]);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LongIdleGapsAreCrossedExactly(bool coScheduled)
    {
        // A wire time of 10 ms makes every receive wait about 10 ms idle: the independent Poisson daemon is fast-forwarded
        // over each gap (above 32/λ = 1.6 ms), the tick jumps over whole periods (its stream too), the trace jumps by binary
        // search; co-scheduled Poisson timelines step through instead. What the next window is charged — the remainders of
        // the detours still running when it starts — must match the brute-force reference.
        var shape = TestProfiles.Step(50e-6, SyncShape.AllreduceRecursiveDoubling, 10e-3);
        var options = new WallClockOptions(1500, 3, 53) { BurnInSteps = 0, Overhead = TimeInterval.FromMicroseconds(2) };
        Compare(Fast with { CoScheduled = coScheduled }, shape, 3, options, 0.08, coScheduled ? "co-scheduled, 10 ms wire" : "independent, 10 ms wire");
    }

    [Fact]
    public void WaitsForLongDetoursMatchTheReference()
    {
        // Detours of 20 ms (fraction 0.1) keep the other ranks waiting for milliseconds, long enough for the daemon
        // (5,000/s) to be fast-forwarded (gaps above 6.4 ms), and the 5 kHz tick to jump.
        var noise = new NoiseProfile(
        [
            TestProfiles.Source("rare", 5, 20e-3),
            TestProfiles.Source("daemon", 5000, new ExponentialDuration(TimeInterval.FromMicroseconds(10))),
            Fast.Sources[1],
        ]);
        var options = new WallClockOptions(1000, 3, 43) { BurnInSteps = 0 };
        Compare(noise, TestProfiles.Step(100e-6, SyncShape.Barrier), 6, options, 0.15, "barrier, 20 ms detours");
    }

    [Fact]
    public void NodeClassesAndCoScheduledClassesMatchTheReference()
    {
        // Base: a quiet tick on independent timelines; 30 % of the nodes (2 ranks each) share one co-scheduled daemon
        // timeline, 20 % have an independent long detour.
        var noise = new NoiseProfile([new NoiseSource("tick", EventRate.FromPerSecond(10000), new FixedDuration(TimeInterval.FromMicroseconds(3)), NoiseArrival.Periodic)])
        {
            NodeClasses =
            [
                new NodeNoiseClass(0.3, new NoiseProfile([TestProfiles.Source("daemon", 2000, new ExponentialDuration(TimeInterval.FromMicroseconds(25)))], coScheduled: true)),
                new NodeNoiseClass(0.2, new NoiseProfile([TestProfiles.Source("long", 300, 200e-6)])),
            ],
        };
        var shape = TestProfiles.Step(40e-6, SyncShape.AllreduceRecursiveDoubling, 4e-6) with { RanksPerNode = 2 };
        Compare(noise, shape, 10, new WallClockOptions(3000, 4, 47) { BurnInSteps = 0 }, 5e-3, "node classes");
    }

    private void Compare(NoiseProfile noise, StepShape shape, int ranks, WallClockOptions options, double horizon, string what)
    {
        var o = options.Overhead?.Seconds ?? shape.Round.Seconds / 2;
        var r = WallClockSimulator.Simulate(noise, shape, ranks, options);
        var reference = ScheduleReference.MonteCarlo(noise, shape.Sync, ranks, shape.RanksPerNode, options.Steps, shape.Work.Seconds, o, shape.Round.Seconds - 2 * o,
            options.InProgressAtStart, options.Trials, horizon, 1000 + ranks);
        for (var n = 0; n < options.Steps; n++)
        {
            var s = r.Steps[n];
            output.WriteLine($"{what}, step {n + 1}: mean {s.MeanSeconds * 1e6:F3} ± {s.StandardErrorSeconds * 1e6:F3} us vs reference {reference.Mean[n] * 1e6:F3} ± {reference.MeanSe[n] * 1e6:F3}; slowest {s.SlowestSeconds * 1e6:F3} vs {reference.Slowest[n] * 1e6:F3} ± {reference.SlowestSe[n] * 1e6:F3} us");
            SimulationReference.AssertWithinStandardErrors(reference.Mean[n], s.MeanSeconds, Math.Sqrt(Sq(s.StandardErrorSeconds) + Sq(reference.MeanSe[n])), 4.5, $"{what}: step {n + 1} mean");
            SimulationReference.AssertWithinStandardErrors(reference.Slowest[n], s.SlowestSeconds, Math.Sqrt(Sq(s.SlowestStandardErrorSeconds) + Sq(reference.SlowestSe[n])), 4.5, $"{what}: step {n + 1} slowest");
        }
    }

    private static double Sq(double x) => x * x;
}
