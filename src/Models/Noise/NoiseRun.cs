using System.Collections.Immutable;
using PerfModel.Descriptions;

namespace PerfModel.Noise;

/// <summary>
/// The expected steps of a run of n consecutive steps from the closed forms (<see cref="NoiseClosedForm"/>), the
/// counterpart of the wall-clock simulator's per-step means (<see cref="WallClock.WallClockResult.Steps"/>).
/// <para>Step 1 is <see cref="ClosedFormResult.FirstStepSeconds"/>. For steps of one window (no synchronisation, the
/// barrier, co-scheduled noise) the later steps follow the Markov chain of the delay carried from step to step from the
/// first step's delay, whose limit is the stationary step (the gap chain of <see cref="NoiseClosedForm"/>): a step's
/// in-progress remainders come from the gap its predecessor left, which starts at the first step's. For the other
/// collectives step k ≥ 2 is the stationary step of timelines that
/// have run A + t_k, g(A + t_k) = <see cref="ClosedFormResult.MeanStep"/> under
/// <see cref="ClosedFormOptions.TimelineAgeSeconds"/> = A + t_k, where t_k = Σ_(j&lt;k) E[step j] is the run's elapsed
/// time and A how long the timelines ran before it (A = ∞ with <see cref="ClosedFormOptions.InProgressAtStart"/>: every
/// step after the first is the stationary one, <see cref="ClosedFormResult.RunMeanStepSeconds"/>; A = 0 from a cold start).
/// From a cold start only the detours that began since t = 0 can be in progress, so a noise whose detours last many steps
/// (the FWQ trace's up to 15.6 ms, a log-normal σ = 2) reaches its stationary step only after as many steps; with the
/// first step followed at once by stationary ones the run's mean was 14–24 % high against the simulator
/// (tests/…/AgreementMatrixTests). An approximation: step k takes the stationary law of the delays carried between
/// steps, with only the in-progress remainders aged; its measured error is printed by those tests.</para>
/// <para>Cost: g is evaluated on ages A + t_2 · 1.25^j and interpolated linearly in log age between them, and is taken as
/// stationary from the first age where it is within 0.1 % of the stationary step, so a run of n steps costs
/// O(log n) evaluations, not n.</para>
/// </summary>
public static class NoiseRun
{
    /// <summary>Ratio of consecutive ages at which the aged stationary step is evaluated.</summary>
    private const double AgeRatio = 1.25;

    /// <summary>Relative distance to the stationary step below which the aged step is taken as stationary.</summary>
    private const double Settled = 1e-3;

    /// <summary>E[step k], k = 1 … <paramref name="steps"/>, seconds, of a run under <paramref name="noise"/> (see the class
    /// remarks); +∞ for the first step when <see cref="ClosedFormResult.FirstStepSeconds"/> is.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is less than 1, or as
    /// <see cref="NoiseClosedForm.Evaluate"/>.</exception>
    public static ImmutableArray<double> StepSeconds(NoiseProfile noise, StepShape shape, double ranks, int steps, ClosedFormOptions? options = null)
    {
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, $"steps={steps}, but a run has at least 1 step");
        options ??= ClosedFormOptions.Default;
        var result = NoiseClosedForm.Evaluate(noise, shape, ranks, options);
        var values = new double[steps];
        values[0] = result.FirstStepSeconds;
        var stationary = result.MeanStep.Seconds;
        var before = options.InProgressAtStart ? options.TimelineAgeSeconds : 0;
        if (double.IsPositiveInfinity(before) || !double.IsFinite(values[0]))
        {
            for (var k = 1; k < steps; k++) values[k] = stationary;
            return ImmutableArray.Create(values);
        }
        // One-window steps (no synchronisation, the barrier, co-scheduled noise): the gap chain's own transient.
        if (NoiseClosedForm.OneWindowRun(noise, shape, ranks, options, steps) is { } chainRun) return ImmutableArray.Create(chainRun);
        // g(age) on the ages before + t_2·1.25^j, evaluated lazily; settledAt: the first node within 0.1 % of stationary.
        var nodes = new List<double>();
        var settledAt = int.MaxValue;
        double Node(int j)
        {
            while (nodes.Count <= j && nodes.Count < settledAt)
            {
                var age = before + values[0] * Math.Pow(AgeRatio, nodes.Count);
                var g = NoiseClosedForm.Evaluate(noise, shape, ranks, options with { TimelineAgeSeconds = age }).MeanStep.Seconds;
                nodes.Add(g);
                if (Math.Abs(g - stationary) <= Settled * stationary) settledAt = nodes.Count - 1;
            }
            return j < nodes.Count ? nodes[j] : stationary;
        }
        var elapsed = values[0];
        for (var k = 1; k < steps; k++)
        {
            // Position of the age on the log grid of nodes (node 0 is the age of step 2).
            var x = Math.Log(elapsed / values[0]) / Math.Log(AgeRatio);
            var j = (int)Math.Floor(x + 1e-12);
            var lower = Node(j);
            values[k] = j >= settledAt ? stationary : lower + (x - j) * (Node(j + 1) - lower);
            elapsed += values[k];
        }
        return ImmutableArray.Create(values);
    }

    /// <summary>About how many closed-form evaluations <see cref="StepSeconds"/> makes, for a front end's cost estimate:
    /// 1 for timelines that have run long (or one step), 2 for one-window steps (the result and the gap chain's run), and
    /// for the other collectives 1 + the ages on the 1.25-ratio grid up to a run of n steps whose stationary step is at
    /// most ten times its first, 2 + ⌈log_1.25(10·n)⌉ (fewer when the steps settle sooner).</summary>
    public static int EvaluationsEstimate(StepShape shape, int steps, ClosedFormOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        options ??= ClosedFormOptions.Default;
        if (steps <= 1 || (options.InProgressAtStart && double.IsPositiveInfinity(options.TimelineAgeSeconds))) return 1;
        if (shape.Sync is SyncShape.None or SyncShape.Barrier) return 2;
        return 2 + (int)Math.Ceiling(Math.Log(10.0 * steps) / Math.Log(AgeRatio));
    }

    /// <summary>The mean step of a run of <paramref name="steps"/> steps, seconds: the mean of <see cref="StepSeconds"/>,
    /// and <see cref="ClosedFormResult.RunMeanStepSeconds"/> itself for timelines that have run long (the default
    /// options).</summary>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="StepSeconds"/>.</exception>
    public static double MeanStepSeconds(NoiseProfile noise, StepShape shape, double ranks, int steps, ClosedFormOptions? options = null)
    {
        options ??= ClosedFormOptions.Default;
        if (options.InProgressAtStart && double.IsPositiveInfinity(options.TimelineAgeSeconds))
            return NoiseClosedForm.Evaluate(noise, shape, ranks, options).RunMeanStepSeconds(steps);
        var values = StepSeconds(noise, shape, ranks, steps, options);
        return values.Sum() / steps;
    }
}
