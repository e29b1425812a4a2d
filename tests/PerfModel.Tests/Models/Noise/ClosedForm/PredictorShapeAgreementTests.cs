using System.Globalization;
using PerfModel.Communication;
using PerfModel.Noise;
using PerfModel.Noise.WallClock;
using PerfModel.Profiles;
using Xunit.Abstractions;

namespace PerfModel.Tests.Models.Noise.ClosedForm;

/// <summary>
/// The step the predictor charges for the strong-scaled MiniFE allreduce under Linux's default noise (the noise model's
/// shape: compute W = work / synchronisations, recursive doubling over every core, round time from the LogGP term; the
/// predictor's <see cref="ClosedFormOptions.Fast"/>) against the wall-clock simulator, at 512 and 1,024 nodes (32,768 and
/// 65,536 cores, W = 32 and 16 µs). This is outside the agreement matrix's W = 100 µs: Linux's noisy cores' 1 ms detours
/// are 18–24 noise-free steps long, which hold the allreduce like a barrier over the same CPU time
/// (<see cref="ClosedFormOptions.LongDetoursAsBarrier"/>). Measured (seed 20181, 400 trials): closed 99.4 / 119.2 µs,
/// simulated 97.9 ± 2.3 / 115.0 ± 3.9 µs, +1.5 % / +3.6 % (0.7 / 1.1 standard errors; the recursion alone: 102.0 /
/// 135.2 µs). Before the grid left the noisy cores' 1 ms detour out of its linear part the closed form read 106.0 /
/// 129.3 µs (+8.3 % / +12.4 %, held then as measured bounds); with this test's 100 trials (95.1 ± 4.8 / 106.0 ± 7.3 µs)
/// 129.3 µs lies 3.2 standard errors off and fails here, as does the recursion alone at 1,024 nodes (4.0).
/// </summary>
public sealed class PredictorShapeAgreementTests(ITestOutputHelper output)
{
    private const int Trials = 100;

    [Theory]
    [InlineData(512)]
    [InlineData(1024)]
    public void MiniFE_allreduce_under_Linux_noise_against_the_simulator(int nodes)
    {
        var study = Defaults.Study();
        var prediction = study.Predict("minife", "linux", nodes);
        var app = study.App["minife"];
        var cores = (long)nodes * app.CoresPerNode;
        var rounds = new StepShape(TimeInterval.Zero, SyncShape.AllreduceRecursiveDoubling, TimeInterval.Zero).RoundsFor(cores);
        var collective = prediction.Term<CommunicationTerm>().CollectiveTimes[0].Seconds;
        var shape = new StepShape(prediction.Term<NoiseTerm>().Segment, SyncShape.AllreduceRecursiveDoubling, TimeInterval.FromSeconds(collective / rounds))
        {
            RanksPerNode = app.CoresPerNode,
        };
        var noise = study.Os["linux"].Noise;
        var closed = NoiseClosedForm.Evaluate(noise, shape, cores, ClosedFormOptions.Fast).MeanStep.Seconds;
        var sim = WallClockSimulator.Simulate(noise, shape, cores, new WallClockOptions(Trials, 30, 20181, 2) { BurnInSteps = 10 });
        var simulated = sim.StationaryStepSeconds;
        var error = closed / simulated - 1;
        // The agreement criterion of the matrix: 1 % or 3 standard errors, whichever is larger (the rare 1 ms detours make the
        // simulated mean noisy: 5–7 % per standard error with 100 trials).
        bool Within(double value) => Math.Abs(value - simulated) <= Math.Max(0.01 * simulated, 3 * sim.StationaryStandardErrorSeconds);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"MiniFE Linux {nodes} nodes (P = {cores}, W = {shape.Work.Seconds * 1e6:F2} us, c = {shape.Round.Seconds * 1e6:F3} us): closed {closed * 1e6:F1} us, simulated {simulated * 1e6:F1} ± {sim.StationaryStandardErrorSeconds * 1e6:F1} us ({Trials} trials), error {error * 100:+0.0;-0.0} % = {(closed - simulated) / sim.StationaryStandardErrorSeconds:+0.0;-0.0} s.e."));
        Assert.True(Within(closed));
        if (nodes == 1024)
        {
            // The model without the long-detour rule: recursive doubling's own approximation under every source misses.
            var recursion = NoiseClosedForm.Evaluate(noise, shape, cores, ClosedFormOptions.Fast with { LongDetoursAsBarrier = false }).MeanStep.Seconds;
            Assert.False(Within(recursion), $"recursion alone {recursion * 1e6:F1} us");
        }
    }
}
