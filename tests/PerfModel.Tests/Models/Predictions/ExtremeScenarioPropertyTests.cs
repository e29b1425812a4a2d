using CsCheck;
using PerfModel.Descriptions;
using PerfModel.Predictions;
using PerfModel.Profiles;
using PerfModel.Tests.Support;
using PerfModel.Units;

namespace PerfModel.Tests.Models.Predictions;

/// <summary>Predictions at the extremes of what a profile admits: footprints up to 1 PiB per rank, nodes 1 … 10^6,
/// iterations, compute and traffic across their limits. Every prediction is finite, or refused with
/// <see cref="UnrepresentablePredictionException"/> naming the scenario; it is never below the same prediction without
/// noise, and more noise never makes it faster.</summary>
public sealed class ExtremeScenarioPropertyTests
{
    [Fact]
    public void PredictionsAreFiniteNeverBelowNoiseFreeAndMonotoneInNoise()
    {
        var study = Defaults.Study();
        var quiet = study.Predictor.Without("noise-amplification");
        var linux = study.Os["linux"];
        // Twice every rate, the class of noisy cores' included (dropping the class would make the profile quieter, not noisier).
        NoiseProfile Doubled(NoiseProfile n) => new([.. n.Sources.Select(s => s with { Rate = EventRate.FromPerSecond(s.Rate.PerSecond * 2) })], n.CoScheduled);
        var noisier = linux with
        {
            Noise = Doubled(linux.Noise) with { NodeClasses = [.. linux.Noise.NodeClasses.Select(c => c with { Noise = Doubled(c.Noise) })] },
        };
        var gen = Gen.Select(Gen.Int[0, Defaults.AppNames.Length - 1], Gen.Double[0, 50], Gen.Double[-6, 4], Gen.Double[0, 15], Gen.Int[0, 6], Gen.Double[3, 18]);
        var outcomes = new int[2];
        SeededProperty.ForAll(gen, seed: 20260618, count: 60, c =>
        {
            var (appIndex, log2Footprint, logCompute, logIterations, log10Nodes, logTraffic) = c;
            var baseApp = study.App[Defaults.AppNames[appIndex]];
            var footprint = ByteSize.FromBytes(Math.Max(baseApp.Heap.PeakHeap.Bytes, Math.Pow(2, log2Footprint)));
            AppProfile app;
            try
            {
                app = baseApp with
                {
                    FootprintPerRank = footprint, ComputePerIteration = TimeInterval.FromSeconds(Math.Pow(10, logCompute)),
                    Iterations = Math.Pow(10, logIterations), MemoryTrafficPerIteration = ByteSize.FromBytes(Math.Pow(10, logTraffic)),
                };
            }
            catch (InvalidDescriptionException)
            {
                return;
            }
            var nodes = (int)Math.Pow(10, log10Nodes);
            var error = PerfModel.Tests.Fuzz.InputFuzz.Run($"{app.Name} at {nodes}", () =>
            {
                var p = study.Predictor.Predict(new Scenario(study.Platform, linux, app, nodes));
                PerfModel.Tests.Fuzz.InputFuzz.AssertFinite(p);
                var noiseFree = quiet.Predict(new Scenario(study.Platform, linux, app, nodes));
                Assert.True(p.Runtime.Seconds >= noiseFree.Runtime.Seconds * (1 - 1e-12), $"{p.Runtime} below noise-free {noiseFree.Runtime}");
                var more = study.Predictor.Predict(new Scenario(study.Platform, noisier, app, nodes));
                Assert.True(more.Runtime.Seconds >= p.Runtime.Seconds * (1 - 1e-9), $"twice the noise: {more.Runtime} < {p.Runtime}");
            });
            if (error is UnrepresentablePredictionException u) Assert.Contains(app.Name, u.Message, StringComparison.Ordinal);
            outcomes[error is null ? 0 : 1]++;
        });
        Assert.True(outcomes[0] > 0, $"{outcomes[0]} predicted, {outcomes[1]} refused");
    }
}
