using CsCheck;
using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Tests.Support;
using PerfModel.Units;

namespace PerfModel.Tests.Models.Noise;

/// <summary>The noise closed forms at the extremes of what the inputs admit: P up to 2^30, rates 1e-9 … 1e6 /s, durations
/// 1 ns … 10 s, Pareto α down to 1.05. Every step is finite (or refused with the limit named when its window holds more
/// detours than the closed forms resolve), never below its noise-free time, and monotone: more ranks or more noise
/// never make it faster.</summary>
public sealed class ExtremeInputPropertyTests
{
    private static readonly Gen<DurationDistribution> Durations =
        Gen.Select(Gen.Int[0, 3], Gen.Double[-9, 1], Gen.Double[0.05, 3], Gen.Double[1.05, 4]).Select((kind, logSeconds, sigma, alpha) =>
        {
            var seconds = TimeInterval.FromSeconds(Math.Pow(10, logSeconds));
            return kind switch
            {
                0 => (DurationDistribution)new FixedDuration(seconds),
                1 => new ExponentialDuration(seconds),
                2 => new LogNormalDuration(seconds, sigma),
                _ => new ParetoDuration(seconds, alpha),
            };
        });

    /// <summary>A source at a rate of 1e-9 … 1e6 /s, lowered when needed so that its detours take under half a core.</summary>
    private static readonly Gen<NoiseProfile> Noise =
        Gen.Select(Durations, Gen.Double[-9, 6], Gen.Bool, Gen.Bool).Select((d, logRate, periodic, co) =>
        {
            var rate = Math.Min(Math.Pow(10, logRate), 0.5 / d.MeanSeconds);
            var bounded = d is FixedDuration;
            if (periodic && bounded) rate = Math.Min(rate, 0.5 / d.MaxSeconds);
            var arrival = periodic && bounded ? NoiseArrival.Periodic : NoiseArrival.Poisson;
            return new NoiseProfile([new NoiseSource("s", EventRate.FromPerSecond(rate), d, arrival)], co);
        });

    private static readonly SyncShape[] Shapes = [SyncShape.None, SyncShape.Barrier, SyncShape.TreeReduceBroadcast, SyncShape.AllreduceRecursiveDoubling, SyncShape.DisseminationBarrier];

    [Fact]
    public void StepsAreFiniteMonotoneInRanksAndNeverBelowNoiseFree()
    {
        var gen = Gen.Select(Noise, Gen.Int[0, Shapes.Length - 1], Gen.Double[-6, 1], Gen.Int[0, 30]);
        SeededProperty.ForAll(gen, seed: 20260616, count: 100, c =>
        {
            var (noise, s, logWork, log2P) = c;
            var sync = Shapes[s];
            // The collectives cost more per evaluation: their P stays below 2^20 so that the suite stays fast.
            var p = sync is SyncShape.None or SyncShape.Barrier ? Math.Pow(2, log2P) : Math.Pow(2, Math.Min(log2P, 20));
            var shape = new StepShape(TimeInterval.FromSeconds(Math.Pow(10, logWork)), sync, TimeInterval.FromSeconds(2e-6));
            var small = Evaluate(noise, shape, Math.Max(1, p / 2));
            var large = Evaluate(noise, shape, p);
            if (small is null || large is null) return; // refused with the limit named
            foreach (var r in new[] { small, large })
            {
                Assert.True(double.IsFinite(r.MeanStep.Seconds), $"stationary step {r.MeanStep}");
                Assert.True(r.MeanStep >= r.NoiseFree, $"stationary step {r.MeanStep} below noise-free {r.NoiseFree}");
                Assert.True(r.FirstStepSeconds >= r.FirstStepNoiseFree.Seconds, $"first step {r.FirstStepSeconds} below noise-free {r.FirstStepNoiseFree}");
                Assert.True(r.Runs.Min.Seconds >= r.FirstStepNoiseFree.Seconds * (1 - 1e-12), $"fastest run {r.Runs.Min} below noise-free {r.FirstStepNoiseFree}");
                Assert.True(r.Median >= r.NoiseFree && r.P99 >= r.Median, $"median {r.Median}, p99 {r.P99}, noise-free {r.NoiseFree}");
            }
            // More ranks never faster: exact for no synchronisation and the barrier (one grid at every P); the collectives
            // are monotone within their documented exceptions (recursive doubling at a power of two, the tree's first step).
            if (sync is SyncShape.None or SyncShape.Barrier)
                Assert.True(large.MeanStep.Seconds >= small.MeanStep.Seconds * (1 - 1e-9), $"P {p}: {large.MeanStep} < P/2: {small.MeanStep}");
        });
    }

    [Fact]
    public void MoreNoiseIsNeverFaster()
    {
        var gen = Gen.Select(Noise, Gen.Double[1.01, 10], Gen.Int[0, 1], Gen.Double[-6, 0], Gen.Int[0, 30]);
        SeededProperty.ForAll(gen, seed: 20260617, count: 100, c =>
        {
            var (noise, factor, s, logWork, log2P) = c;
            var source = noise.Sources[0];
            var rate = source.Rate.PerSecond * factor;
            if (rate * source.Duration.MeanSeconds >= 0.9 || (source.Arrival == NoiseArrival.Periodic && rate * source.Duration.MaxSeconds >= 0.9)) return;
            var more = new NoiseProfile([source with { Rate = EventRate.FromPerSecond(rate) }], noise.CoScheduled);
            var shape = new StepShape(TimeInterval.FromSeconds(Math.Pow(10, logWork)), s == 0 ? SyncShape.None : SyncShape.Barrier, TimeInterval.Zero);
            var p = Math.Pow(2, log2P);
            var a = Evaluate(noise, shape, p);
            var b = Evaluate(more, shape, p);
            if (a is null || b is null) return;
            Assert.True(b.MeanStep.Seconds >= a.MeanStep.Seconds * (1 - 1e-6), $"rate ×{factor}: {b.MeanStep} < {a.MeanStep}");
        });
    }

    [Fact]
    public void WindowsBeyondTheResolvedDetoursAreRefusedWithTheLimit()
    {
        var noise = new NoiseProfile([new NoiseSource("s", EventRate.FromPerSecond(1e6), new FixedDuration(TimeInterval.FromSeconds(1e-9)))], false);
        var shape = new StepShape(TimeInterval.FromSeconds(1), SyncShape.None, TimeInterval.Zero);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => NoiseClosedForm.Evaluate(noise, shape, 64, ClosedFormOptions.Fast));
        Assert.Contains("at most 1E+05 per step", e.Message, StringComparison.Ordinal);
    }

    private static ClosedFormResult? Evaluate(NoiseProfile noise, StepShape shape, double ranks)
    {
        try
        {
            return NoiseClosedForm.Evaluate(noise, shape, ranks, ClosedFormOptions.Fast);
        }
        catch (ArgumentOutOfRangeException e) when (e.Message.Contains("expected detours", StringComparison.Ordinal))
        {
            return null;
        }
    }
}
