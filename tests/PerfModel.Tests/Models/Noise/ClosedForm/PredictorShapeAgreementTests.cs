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
/// (<see cref="ClosedFormOptions.LongDetoursAsBarrier"/>). Measured (seed 20181, 400 trials): closed 106.0 / 129.3 µs,
/// simulated 97.9 ± 2.3 / 115.0 ± 3.9 µs, +8.3 % / +12.4 % (the recursion alone: 108.7 / 146.0 µs, and +79 % at 2,048
/// nodes); the rest is the barrier chain's own error with a class of noisy cores — a barrier over the same CPU time gives
/// 106.0 / 129.3 µs by its closed form and 99.3 ± 2.3 / 119.7 ± 4.0 µs simulated. Held as measured bounds (the check
/// fails if the error grows, and reports if it shrinks below 1 %-or-3-s.e.), so the MiniFE Linux delay the validation
/// uses is known to be high by this much.
/// </summary>
public sealed class PredictorShapeAgreementTests(ITestOutputHelper output)
{
    private const int Trials = 100;

    [Theory]
    [InlineData(512, 0.083)]
    [InlineData(1024, 0.124)]
    public void MiniFE_allreduce_under_Linux_noise_against_the_simulator(int nodes, double knownBound)
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
        var within = Math.Abs(closed - simulated) <= Math.Max(0.01 * simulated, 3 * sim.StationaryStandardErrorSeconds);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"MiniFE Linux {nodes} nodes (P = {cores}, W = {shape.Work.Seconds * 1e6:F2} us, c = {shape.Round.Seconds * 1e6:F3} us): closed {closed * 1e6:F1} us, simulated {simulated * 1e6:F1} ± {sim.StationaryStandardErrorSeconds * 1e6:F1} us ({Trials} trials), error {error * 100:+0.0;-0.0} %{(within ? " (within 1 %-or-3-s.e.: the bound can go)" : "")}"));
        // Tolerance: the error measured with 400 trials plus 3 standard errors of this run (the rare 500 µs detours make the
        // simulated mean noisy: about 4 % per standard error with 100 trials).
        var allowed = knownBound + 3 * sim.StationaryStandardErrorSeconds / simulated;
        Assert.InRange(error, -allowed, allowed);
    }
}
