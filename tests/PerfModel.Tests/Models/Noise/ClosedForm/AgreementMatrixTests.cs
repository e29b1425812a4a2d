using System.Globalization;
using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Noise.WallClock;
using PerfModel.Tests.Calibration.Noise;
using Xunit.Abstractions;

namespace PerfModel.Tests.Models.Noise.ClosedForm;

/// <summary>
/// The closed forms (<see cref="NoiseClosedForm.Evaluate"/>, default options) against the wall-clock simulator, the
/// reference semantics: a step "compute W = 100 µs, then synchronise (rounds of c = 2 µs)" for six noises × four shapes ×
/// P ∈ {64, 1,024, 16,384, 131,072} (recursive doubling also at P = 1,000, not a power of two) and P = 2^20 where the
/// simulator can afford it (every noise without a collective and with the barrier; the exponential, Pareto and tick noises
/// also with recursive doubling and the tree). Three numbers per case: the first step of a run
/// (<see cref="ClosedFormResult.FirstStepSeconds"/> against the simulator's step 1), the stationary step
/// (<see cref="ClosedFormResult.MeanStep"/> against the mean of 20 steps after a burn-in of 10, long enough for the first
/// step's in-progress detours to have worn off: with a burn-in of 1 the slow-mixing noises still carry them, e.g. +10 % for
/// the FWQ trace at P = 64), and the mean step of a run of 20 steps from the start
/// (<see cref="ClosedFormResult.RunMeanStepSeconds"/>, and <see cref="NoiseRun.MeanStepSeconds"/> from the heavy tails'
/// cold start, against <see cref="WallClockResult.RunMeanStep"/>). For the heavy tails (Pareto α = 2.5, log-normal σ = 2, the FWQ trace) the first
/// step is compared from a cold start (<see cref="ClosedFormOptions.InProgressAtStart"/> and
/// <see cref="WallClockOptions.InProgressAtStart"/> false): with the equilibrium remainders of the detours in progress the
/// maximum over P has a tail too heavy for a few trials to estimate its mean (Pareto: remainders of tail index
/// α − 1 = 1.5, an infinite variance; the simulated means fall short of the truth, by half at P = 131,072 for the
/// log-normal), so the wall-clock first step of those tails is checked against numerical integration instead
/// (<see cref="HeavyTailTruthTests"/>). Criterion: within 1 % or 3 standard errors of the simulated mean, whichever is
/// larger; trial counts fall with P so that the matrix runs in about two minutes on two cores. Combinations where a
/// closed form is measurably worse keep an explicit, measured bound (<see cref="KnownBounds"/>), never a silent widening.
/// Each case prints its numbers; nothing is written anywhere else.
/// </summary>
public sealed class AgreementMatrixTests(ITestOutputHelper output)
{
    private const double W = 100e-6, C = 2e-6;
    private const int Steps = 30, BurnIn = 10, RunSteps = 20;
    private const long Mega = 1 << 20;
    private static readonly long[] Ranks = [64, 1024, 16384, 131072];

    public static TheoryData<string, SyncShape, long> Cases()
    {
        var data = new TheoryData<string, SyncShape, long>();
        foreach (var noise in new[] { "exponential", "lognormal-2", "pareto-2.5", "tick", "tick@cosched", "fwq" })
            foreach (var sync in new[] { SyncShape.None, SyncShape.AllreduceRecursiveDoubling, SyncShape.Barrier, SyncShape.TreeReduceBroadcast })
            {
                foreach (var p in Ranks) data.Add(noise, sync, p);
                if (sync == SyncShape.AllreduceRecursiveDoubling) data.Add(noise, sync, 1000);
                // 2^20 ranks: the log-normal's and the FWQ trace's steps with a synchronisation last 8–60 ms there, a
                // million timelines with tens of detours each per step: about a minute per trial for the barrier
                // (LongCases), more for the collectives (not run); the rest take seconds.
                if (noise is not ("lognormal-2" or "fwq") || sync is SyncShape.None) data.Add(noise, sync, Mega);
            }
        // Recursive doubling far from a power of two at scale (12,000 = 8,192 + 3,808 pairing ranks).
        data.Add("exponential", SyncShape.AllreduceRecursiveDoubling, 12000);
        data.Add("lognormal-2", SyncShape.AllreduceRecursiveDoubling, 12000);
        // The dissemination barrier, which the predictor uses for MPI_Barrier, at a power of two and next to one.
        data.Add("exponential", SyncShape.DisseminationBarrier, 1000);
        data.Add("exponential", SyncShape.DisseminationBarrier, 1024);
        return data;
    }

    /// <summary>The cases too slow for every test run (about two minutes each on two cores): the barrier of the log-normal
    /// and the FWQ trace at 2^20 ranks. Run them with <c>dotnet test tests/PerfModel.Tests -c Release --filter
    /// Category=Long</c>.</summary>
    public static TheoryData<string, SyncShape, long> LongCases() => new()
    {
        { "lognormal-2", SyncShape.Barrier, Mega },
        { "fwq", SyncShape.Barrier, Mega },
    };


    private static NoiseProfile Noise(string name)
    {
        NoiseSource Source(DurationDistribution d, NoiseArrival arrival = NoiseArrival.Poisson) =>
            new(name, EventRate.FromPerSecond(1000), d, arrival);
        var us = TimeInterval.FromMicroseconds;
        return name switch
        {
            "exponential" => new([Source(new ExponentialDuration(us(5)))], false),
            "lognormal-2" => new([Source(new LogNormalDuration(us(1), 2))], false),
            "pareto-2.5" => new([Source(new ParetoDuration(us(2), 2.5))], false),
            "tick" => new([Source(new FixedDuration(us(2)), NoiseArrival.Periodic)], false),
            "tick@cosched" => new([Source(new FixedDuration(us(2)), NoiseArrival.Periodic)], true),
            _ => SharedFwqData.KvmProfile,
        };
    }

    /// <summary>Trials: rank-windows per case held near 4·10⁷ (at least 6 trials), fewer for the noises whose long waits
    /// make every step expensive (10⁷, at least 2). With a few trials the standard error itself is uncertain (with 3, a
    /// 3-s.e. band covers only about 90 %), so the cheap noises get 6 even where that exceeds the budget. The log-normal
    /// σ = 2 gets at least 40 up to P = 16,384 (about 0.1 s a trial there): its stationary steps spread so widely between
    /// runs that 2 trials misjudge both the mean and its standard error (recursive doubling at 16,384 read +52 % with 2
    /// trials, +12.9 % = 4.9 s.e. with 100); the FWQ trace at least 8 at P = 16,384 (about 1 s a trial; the tree read
    /// −7.3 % = 11 s.e. with 2 trials, −2.7 % = 2.1 s.e. with 10). At P = 2^20 the cheap noises get 3 (a recursive-doubling
    /// trial takes about 14 s there) and the log-normal barrier 10: its cold first step is the maximum of a million
    /// heavy-tailed waits, which read +78 % above the closed form with 2 trials and agreed with 10 (7,342 ± 1,312 µs and
    /// 9,359 ± 1,397 µs for two seeds against 7,948 µs).</summary>
    private static int Trials(string noise, SyncShape sync, long ranks)
    {
        var windows = ranks * (1.0 + (sync is SyncShape.AllreduceRecursiveDoubling or SyncShape.TreeReduceBroadcast ? 2 * Math.Log2(ranks) : 0)) * Steps;
        var expensive = noise is "fwq" or "lognormal-2";
        var floor = noise == "lognormal-2" && ranks <= 16384 ? 40
            : noise == "lognormal-2" && sync == SyncShape.Barrier && ranks >= Mega ? 10
            : noise == "fwq" && ranks == 16384 ? 8
            : expensive ? 2 : ranks >= Mega ? 3 : 6;
        return (int)Math.Clamp((expensive ? 1e7 : 4e7) / windows, floor, 400);
    }

    /// <summary>
    /// Measured relative errors of the combinations that do not meet 1 %-or-3-s.e., as bounds on |closed − simulated| /
    /// simulated (the key: noise, shape, P or * for every P, first, stationary or run of 20 steps). Each gives the measured
    /// number and why.
    /// </summary>
    private static readonly Dictionary<string, double> KnownBounds = new()
    {
        // Recursive doubling's stationary step, light noise, P = 131,072: −1.37 % (7.2 s.e. of 6 trials); with 8 trials of
        // another seed −0.38 % (1.4 s.e.). The offset approximation of the stationary step (RecursiveDoublingForm) runs
        // 0.2–0.8 % low at P ≥ 1,000.
        ["exponential/AllreduceRecursiveDoubling/131072/stationary"] = 0.02,
        // The same at 2^20: −1.23 % (7.6 s.e. of 3 trials), and the run of 20 steps −1.43 % (13.8 s.e.).
        ["exponential/AllreduceRecursiveDoubling/1048576/stationary"] = 0.02,
        ["exponential/AllreduceRecursiveDoubling/1048576/run of 20 steps"] = 0.02,
        // Statistical: the cold-start first step at P = 1,024 is the maximum of ~130 FWQ detours (up to 15.6 ms), which 15
        // trials under-sample: +76 % = 3.2 s.e.; the barrier's same maximum with 325 trials agrees (+6.9 %, 0.5 s.e.).
        ["fwq/AllreduceRecursiveDoubling/1024/first (cold start)"] = 1.0,
        // The collectives' stationary step under the FWQ trace and the log-normal: the steps' delays (up to 20 ms) are
        // hundreds of windows long, and the approximations of the stationary state — recursive doubling's offsets (the noise
        // of a rank's own windows over all levels, independent across ranks) — miss how those long waits correlate across
        // levels. Measured: recursive doubling −18.4 % at 16,384 (8 trials), −10.3 % at 131,072 (FWQ, 2 trials; −23.5 % and
        // −18.3 % with the receives' age weights averaged over their starts, ClosedFormOptions.ReceivesConditionedOnStart);
        // +17.3 % = 4.0 s.e. at 16,384 (log-normal, 40 trials; +12.9 % = 4.9 s.e. with 100). The FWQ tree, which read
        // −3.2 % at 16,384 and −6.0 % at 131,072 with averaged weights, agrees with them conditioned (+0.2 %, −0.6 %).
        // (With 2 trials the log-normal read +52 % and +55 % at 16,384 and the FWQ tree −7.3 %: too few trials for these
        // tails.
        // At P = 64 and 1,024 the FWQ trace agrees, +8.0 % = 2.2 s.e. and +11.5 % = 2.3 s.e.: the offsets are iterated
        // until the step settles; two passes gave +23.5 % at 64.)
        ["fwq/AllreduceRecursiveDoubling/16384/stationary"] = 0.30,
        ["fwq/AllreduceRecursiveDoubling/131072/stationary"] = 0.25,
        ["lognormal-2/AllreduceRecursiveDoubling/16384/stationary"] = 0.20,
        // The same overestimate at 12,000 ranks, not a power of two: +22.1 % = 5.0 s.e. (40 trials; 4,855 µs against
        // 3,978 ± 174 µs). It was −5.6 % while the stationary step took only two levels' waits there, which also left
        // E[step] dipping by up to 11.7 % between neighbouring P (MonotonicityTests).
        ["lognormal-2/AllreduceRecursiveDoubling/12000/stationary"] = 0.25,
        // The run of 20 steps: with the detours in progress from the start, the first step and then stationary ones; from
        // the heavy tails' cold start the steps as they build up (NoiseRun). Where the stationary step misses, the run
        // carries the miss: FWQ recursive doubling −18.5 % at 16,384 and −10.5 % at 131,072, log-normal recursive doubling
        // +16.4 % at 12,000 (3.6 s.e.) and +13.7 % at 16,384 (3.2 s.e.). (Taking steps 2 … 20 as stationary from a cold
        // start read +14.1 % = 8.6 s.e. for the FWQ barrier at 1,024, now −1.1 % = 0.7 s.e.; FWQ recursive doubling at
        // 1,000 and 1,024 +20.9 % and +18.6 %, now +17.1 % and +15.6 %.)
        ["fwq/AllreduceRecursiveDoubling/16384/run of 20 steps"] = 0.30,
        ["fwq/AllreduceRecursiveDoubling/131072/run of 20 steps"] = 0.25,
        ["lognormal-2/AllreduceRecursiveDoubling/12000/run of 20 steps"] = 0.25,
        ["lognormal-2/AllreduceRecursiveDoubling/16384/run of 20 steps"] = 0.20,
        // Statistical: the FWQ tree's run of 20 at 131,072, +1.6 % = 3.0 s.e. with 2 trials, whose standard error there
        // (117 µs) is 2.6 times smaller than that of the same trials' stationary step (309 µs), which agrees (−0.6 %).
        ["fwq/TreeReduceBroadcast/131072/run of 20 steps"] = 0.03,
        // Statistical: the log-normal's barrier and tree at 131,072 with 2 trials (the floor of the costly noises there),
        // +18.5 % = 3.7 s.e. and +21.3 % = 4.7 s.e.; the barrier with 10 trials of the same seed reads +1.9 % = 0.3 s.e.
        // (17,977 µs against 17,636 ± 1,124 µs). Those runs' steps are maxima of heavy-tailed waits: one trial of the tree
        // held a 76 ms step among steps of 10–20 ms, so 2 trials misjudge both the mean and its standard error.
        ["lognormal-2/Barrier/131072/run of 20 steps"] = 0.25,
        ["lognormal-2/TreeReduceBroadcast/131072/run of 20 steps"] = 0.30,
    };

    private static double Bound(string noise, SyncShape sync, long ranks, string metric) =>
        KnownBounds.TryGetValue($"{noise}/{sync}/{ranks}/{metric}", out var b) ? b
        : KnownBounds.TryGetValue($"{noise}/{sync}/*/{metric}", out b) ? b : 0;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Closed_form_matches_the_wall_clock_simulator(string noiseName, SyncShape sync, long ranks) => Compare(noiseName, sync, ranks);

    [Theory]
    [Trait("Category", "Long")]
    [MemberData(nameof(LongCases))]
    public void Closed_form_matches_the_wall_clock_simulator_at_a_million_ranks(string noiseName, SyncShape sync, long ranks) => Compare(noiseName, sync, ranks);

    private void Compare(string noiseName, SyncShape sync, long ranks)
    {
        var noise = Noise(noiseName);
        var shape = TestProfiles.Step(W, sync, C);
        var trials = Trials(noiseName, sync, ranks);
        var heavy = noiseName is "pareto-2.5" or "lognormal-2" or "fwq";
        var closed = NoiseClosedForm.Evaluate(noise, shape, ranks);
        var first = heavy ? NoiseClosedForm.Evaluate(noise, shape, ranks, ClosedFormOptions.Default with { InProgressAtStart = false }) : closed;
        var sim = WallClockSimulator.Simulate(noise, shape, ranks,
            new WallClockOptions(trials, Steps, 20181, 2) { BurnInSteps = BurnIn, InProgressAtStart = !heavy });
        var failures = new List<string>();
        void Check(string metric, double closedValue, double simulated, double standardError)
        {
            var error = closedValue - simulated;
            var tolerance = AgreementCriterion.Tolerance(simulated, standardError);
            var bound = Bound(noiseName, sync, ranks, metric) * simulated;
            var ok = Math.Abs(error) <= Math.Max(tolerance, bound);
            var known = bound > 0 ? string.Create(CultureInfo.InvariantCulture, $", known bound {bound / simulated * 100:F1} %") : "";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{noiseName} {sync} P={ranks} {metric}: closed {closedValue * 1e6:F3} us, simulated {simulated * 1e6:F3} ± {standardError * 1e6:F3} us ({trials} trials), error {error / simulated * 100:+0.00;-0.00} % = {error / standardError:+0.0;-0.0} s.e.{known}{(ok ? "" : "  FAIL")}"));
            if (!ok) failures.Add(metric);
        }
        Check(heavy ? "first (cold start)" : "first", first.FirstStepSeconds, sim.FirstStepSeconds, sim.FirstStepStandardErrorSeconds);
        Check("stationary", closed.MeanStep.Seconds, sim.StationaryStepSeconds, sim.StationaryStandardErrorSeconds);
        // From a cold start the run follows the steps' build-up (NoiseRun); with the detours in progress from the start
        // every step after the first is the stationary one.
        var run = sim.RunMeanStep(RunSteps);
        var closedRun = heavy
            ? NoiseRun.MeanStepSeconds(noise, shape, ranks, RunSteps, ClosedFormOptions.Default with { InProgressAtStart = false })
            : closed.RunMeanStepSeconds(RunSteps);
        Check($"run of {RunSteps} steps", closedRun, run.MeanSeconds, run.StandardErrorSeconds);
        Assert.True(failures.Count == 0, $"{noiseName} {sync} P={ranks}: outside 1 %-or-3-s.e. for {string.Join(", ", failures)}");
    }
}
