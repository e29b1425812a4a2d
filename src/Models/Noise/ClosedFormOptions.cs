using PerfModel.Internal;

namespace PerfModel.Noise;

/// <summary>Resolution and reporting options of <see cref="NoiseClosedForm"/>. Valid when made: every count ≥ its minimum,
/// the ratio in (0, 1], the tail target in (0, 1).</summary>
public sealed record ClosedFormOptions
{
    /// <summary>Default resolution: 256 linear points, geometric ratio 1.05, tail target 10⁻⁸; 5 one-step runs.</summary>
    public static readonly ClosedFormOptions Default = new();

    /// <summary>The predictor's resolution (<see cref="NoiseModel"/>): 64 linear points, geometric ratio 1.15, tail target
    /// 10⁻⁶, age bins of ratio 1.75; 10–25 times cheaper than <see cref="Default"/>. Its accuracy, measured with the default
    /// Linux noise (W = 100 µs, c = 2 µs) against a grid of 512–1,024 linear points: within 0.5 % at P = 64, 1,024 and
    /// 131,072 for every shape, but up to +3.9 % on the stationary step (+2.0 % on the first) at P = 16,384 (barrier +3.8 %,
    /// recursive doubling and dissemination +3.3 %, tree +3.9 %; tests/…/GridResolutionTests), where <see cref="Default"/>
    /// is within 0.35 %. The linear part spans the noisy cores' 1 ms detour, so its step (16 µs) is coarser than the short
    /// detours whose maximum over ranks decides the step at that scale, and a maximum over values split between points is
    /// biased up: there +15 % of the step's noise delay. Within 0.03 % of the exact heavy-tail maxima
    /// (HeavyTailTruthTests).</summary>
    public static readonly ClosedFormOptions Fast = new() { LinearPoints = 64, TailRatio = 0.15, TailTarget = 1e-6, GeometricPoints = 160 };

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

    /// <summary>Whether the sources whose mean detour outlasts four of the step's CPU time (at the largest P) enter the
    /// stationary step of an allreduce (recursive doubling) or a dissemination barrier as a barrier over the step's CPU
    /// time (default true; see <see cref="NoiseClosedForm"/>). False: the collective's own stationary approximation under
    /// every source, which overestimates such steps (measured: +9.5 % at 65,536 ranks under Linux's noise, W = 100 µs;
    /// +79 % for the MiniFE allreduce at 2,048 nodes) — kept for comparison.</summary>
    public bool LongDetoursAsBarrier { get; init; } = true;

    /// <summary>k: runs whose expected min/median/max are reported (P18 shows min/max of 5); ≥ 1.</summary>
    public int Runs { get; init => field = Rules.AtLeast(this, value, 1); } = 5;

    /// <summary>Steps in one run (1: a run is one step, the first; more: the normal approximation of the sum of stationary
    /// steps); ≥ 1.</summary>
    public int StepsPerRun { get; init => field = Rules.AtLeast(this, value, 1); } = 1;
}
