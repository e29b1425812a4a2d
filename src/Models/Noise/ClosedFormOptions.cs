using PerfModel.Internal;

namespace PerfModel.Noise;

/// <summary>Resolution and reporting options of <see cref="NoiseClosedForm"/>. Valid when made: every count ≥ its minimum,
/// the ratio in (0, 1], the tail target in (0, 1).</summary>
public sealed record ClosedFormOptions
{
    /// <summary>Default resolution: 256 linear points, geometric ratio 1.05, tail target 10⁻⁸; 5 one-step runs.</summary>
    public static readonly ClosedFormOptions Default = new();

    /// <summary>The predictor's resolution (<see cref="NoiseModel"/>): 48 linear points, geometric ratio 1.12, tail target
    /// 10⁻⁴ (beyond, the fitted power law), age bins of ratio 1.6. Its accuracy, measured with the default Linux noise (W = 100 µs, c = 2 µs) against a
    /// grid of 512 linear points (tests/…/GridResolutionTests): within 0.01 % at P = 64, 1,024 and 16,384 for the barrier,
    /// recursive doubling and the tree, −0.40 % / −0.32 % / −0.24 % on the stationary step at 131,072 (where a noisy
    /// core's 1 ms detour, a point of the geometric part, decides the step); McKernel's noise within 0.01 %; exponential
    /// detours (5 µs at 1,000/s) within 0.45 %; the heavy tails of 2/s Pareto(20 µs) detours over 200 µs at 131,072 ranks
    /// within 0.03 % of their numerical integration (α 1.5, 2.0; HeavyTailTruthTests holds Default to it). The linear part resolves the short detours (a long, rare fixed duration
    /// stays out of it, <see cref="GridPlan"/>): 127–131 points under Linux's noise against 516–517 at
    /// <see cref="Default"/>, about 16 times fewer pairs per convolution.</summary>
    public static readonly ClosedFormOptions Fast = new() { LinearPoints = 48, TailRatio = 0.12, TailTarget = 1e-4, GeometricPoints = 160 };

    /// <summary>Points of the grid's linear part, where the body of the delays lives and fixed durations sit exactly; ≥ 16.</summary>
    public int LinearPoints { get; init => field = Rules.AtLeast(this, value, 16); } = 256;

    /// <summary>ρ: the grid's geometric part has points x, x(1 + ρ), x(1 + ρ)², …; in (0, 1]. The error of a smooth tail is
    /// second order in ρ. It also sets the resolution of the gaps before windows (age bins of ratio 1 + 5ρ).</summary>
    [Units.Dimensionless("relative spacing of the geometric points")]
    public double TailRatio
    {
        get;
        init => field = double.IsFinite(value) && value > 0 && value <= 1 ? value : throw Rules.Broken(this, nameof(TailRatio), value, "must be in (0, 1]");
    } = 0.05;

    /// <summary>Most points of the geometric part; ≥ 8.</summary>
    public int GeometricPoints { get; init => field = Rules.AtLeast(this, value, 8); } = 480;

    /// <summary>The geometric part ends where P times one rank's tail probability falls below this (beyond it the tail is a
    /// fitted power law); in (0, 1).</summary>
    [Units.Dimensionless("probability")]
    public double TailTarget
    {
        get;
        init => field = double.IsFinite(value) && value > 0 && value < 1 ? value : throw Rules.Broken(this, nameof(TailTarget), value, "must be in (0, 1)");
    } = 1e-8;

    /// <summary>Whether detours are already running when a run starts (default true: every rank's noise is stationary at
    /// t = 0, so the first step pays the equilibrium remainders of the detours in progress — the wall-clock rule,
    /// <see cref="WallClock.WallClockOptions.InProgressAtStart"/>). False: a cold start, the first step's windows charged
    /// only with the detours that start in them (the "starts-only" rule of per-window models); the collectives' idle waits
    /// are still taken in the stationary state. Only <see cref="ClosedFormResult.FirstStepSeconds"/> (and the run spread of
    /// one-step runs) depends on it.</summary>
    public bool InProgressAtStart { get; init; } = true;

    /// <summary>How long every rank's noise timeline has run when the step begins, seconds (default +∞: the stationary
    /// state). Finite: a detour in progress at a window's start began after the timeline did, so the remainders charged
    /// to the step's windows keep only the detours younger than this — the state of a run that started cold (no detour in
    /// progress at t = 0, <see cref="InProgressAtStart"/> false) this long ago, from which
    /// <see cref="NoiseRun.StepSeconds"/> takes the steps of such a run. Only Poisson and trace sources are
    /// affected: a periodic source's in-progress tick is younger than its duration. &gt; 0.</summary>
    public double TimelineAgeSeconds
    {
        get;
        init => field = value > 0 ? value : throw Rules.Broken(this, nameof(TimelineAgeSeconds), value, "must be > 0 (+∞ for a timeline that has run long)");
    } = double.PositiveInfinity;

    /// <summary>Whether the sources whose mean detour outlasts four of the step's CPU time (at the largest P) enter the
    /// stationary step of an allreduce (recursive doubling) or a dissemination barrier as a barrier over the step's CPU
    /// time (default true; see <see cref="NoiseClosedForm"/>). False: the collective's own stationary approximation under
    /// every source, which overestimates such steps (measured: +8.0 % at 65,536 ranks under Linux's noise, W = 100 µs;
    /// +71 % for the MiniFE allreduce at 2,048 nodes) — kept for comparison. A measured limit: long detours that are also
    /// frequent (fixed 10 ms at 2/s on every core, about 33 in a step of 1,024 ranks) chain along the exchanges, and both
    /// this rule (−38 %) and the recursion alone (−19 %) fall below the simulated stationary step
    /// (tests/…/LongDetourAgreementTests).</summary>
    public bool LongDetoursAsBarrier { get; init; } = true;

    /// <summary>Whether a collective's receive window, where the noise keeps at least 10⁻² detours in progress on a core
    /// (λ·E[D] summed over the sources), is charged the in-progress remainders of its own gap given when it starts — its
    /// start law cut into five runs of grid points where its survival passes 0.5, 0.05, 0.005 and 5·10⁻⁴, each with the
    /// age weights of its own gaps — rather than weights averaged over every start (default true; see
    /// <see cref="NoiseClosedForm"/>). The ranks
    /// that waited longest are the ones on the critical path, and their long gaps hold the older, longer detours. Measured
    /// against the wall-clock simulator (tests/…/AgreementMatrixTests, FrequentDaemonAgreementTests,
    /// LongDetourAgreementTests): under the FWQ trace recursive doubling's stationary step −23.5 → −18.4 % at 16,384 ranks
    /// and −18.3 → −10.3 % at 131,072, the tree's −6.0 → −0.6 % at 131,072; a 200 µs daemon at 100/s on every core,
    /// recursive doubling at 1,024 ranks: first step −11.3 → −5.5 %, stationary −15.7 → −10.5 %; fixed 10 ms detours at
    /// 2/s, 1,024 ranks: the first step −12.3 → −3.2 %. It costs 2–6 times a collective's evaluation where it applies
    /// (FWQ: recursive doubling 8 → 48 ms at 16,384 ranks, the tree 10 → 32 ms). Lighter noise (Linux's default,
    /// McKernel's, mOS's) is left as it was. False: the averaged weights, kept for comparison.</summary>
    public bool ReceivesConditionedOnStart { get; init; } = true;

    /// <summary>k: runs whose expected min/median/max are reported (P18 shows min/max of 5); ≥ 1.</summary>
    public int Runs { get; init => field = Rules.AtLeast(this, value, 1); } = 5;

    /// <summary>Steps in one run (1: a run is one step, the first; more: the normal approximation of the sum of stationary
    /// steps); ≥ 1.</summary>
    public int StepsPerRun { get; init => field = Rules.AtLeast(this, value, 1); } = 1;
}
