namespace PerfModel.Noise;

/// <summary>
/// Recursive-doubling allreduce at any P, as MPICH runs it (Thakur, Rabenseifner, Gropp, IJHPCA 2005,
/// doi:10.1177/1094342005051521): p′ = 2^⌊log₂ P⌋, r = P − p′. Rank 2i (i &lt; r) sends its data to 2i + 1 and idles; the p′
/// ranks 2i + 1 (i &lt; r) and r + j exchange with new rank v XOR 2^m, m = 0 … log₂ p′ − 1 (each a send window, then a
/// receive window from the later of its own send end and the partner's); 2i + 1 sends the result back to 2i.
/// <para>Laws. The two clocks of an exchange depend on disjoint sets of ranks, so they are independent and a rank's law
/// after the round is max(S_x, S_y) ⊛ L_receive with S = clock ⊛ L_send (Hoefler, Schneider, Lumsdaine, SC10,
/// doi:10.1109/SC.2010.12; Agarwal, Garg, Vishnoi, HiPC 2005, doi:10.1007/11602569_25). Blocks of 2^m new ranks hold only
/// pre-step ranks, only others, or (one block per level) both; each kind has one law per level, a mixed block's being
/// the mixture of its two halves'. The step time is the mean over ranks of their completion.</para>
/// <para>Stationary step (an approximation). Rank i starts step n + 1 when it leaves step n, at a common time plus an
/// offset: the delays of the step's exchanges that reached it but not every rank. Each window's charged noise is such a
/// partial delay; it is carried on its own rank only (so every event counts once in the next step's maximum), i.e. the
/// offset is the sum of the noise of the rank's own send and receive windows over all levels, with the waits the
/// receives have in a stationary step, independent across ranks; pre-step ranks add the return message. The stationary
/// step is the mean over ranks of E[completion] − E[offset] for a step started from these offsets, with the waits taken
/// from the first step, then from the step that result gives. Its error against the wall-clock simulator is given on
/// <see cref="NoiseClosedForm"/>.</para>
/// </summary>
internal static class RecursiveDoublingForm
{
    /// <summary>Most passes of the stationary iteration.</summary>
    private const int MaxPasses = 8;

    /// <summary>A pass that changes the stationary step by at most this share of it ends the iteration.</summary>
    private const double SettledChange = 1e-3;

    /// <summary>Start clocks of the three kinds of rank: 2i (i &lt; r), 2i + 1 (i &lt; r), the rest; null at a run's start.</summary>
    public sealed record Starts(RankClock? Even, RankClock? Odd, RankClock? Rest);

    /// <summary>A step: the mean completion over ranks, its noise-free value, the last exchange's clock of the rest.</summary>
    public sealed record Outcome(double Mean, double NoiseFree, RankClock Final, RankClock? OddFinal, RankClock? EvenFinal);

    /// <summary>The first step and the stationary step: (first outcome, stationary mean, stationary noise-free); without
    /// <paramref name="stationaryStep"/> the first step alone (the stationary values NaN).</summary>
    public static (Outcome First, double Stationary, double StationaryNoiseFree) Evaluate(StepContext ctx, long ranks, bool stationaryStep = true)
    {
        var waits = new List<double[]>();
        var first = Run(ctx, ranks, new Starts(null, null, null), waits);
        if (!stationaryStep) return (first, double.NaN, double.NaN);
        var outcome = first;
        double stationary = 0, noiseFree = 0;
        // The offsets need the waits of a stationary step: run one from offsets made with the first step's waits, then
        // make the offsets again with its waits, until the step changes by less than 10⁻³ of itself. Light noise settles at
        // the second pass (the waits of a first and a stationary step hardly differ); noise whose detours outlast many steps
        // needs more (the real FWQ trace at P = 64: 290 µs after two passes, 254 µs settled, the simulator 240 ± 9 µs).
        for (var iteration = 0; iteration < MaxPasses; iteration++)
        {
            var (starts, meanOffset, noiseFreeOffset) = Offsets(ctx, ranks, outcome, waits);
            waits = [];
            outcome = Run(ctx, ranks, starts, waits);
            var previous = stationary;
            stationary = outcome.Mean - meanOffset;
            noiseFree = outcome.NoiseFree - noiseFreeOffset;
            if (iteration >= 1 && Math.Abs(stationary - previous) <= SettledChange * stationary) break;
        }
        return (first, stationary, noiseFree);
    }

    /// <summary>Each kind's offset at the start of the next step (see the class remarks) and their means over ranks.</summary>
    private static (Starts Starts, double Mean, double Tau) Offsets(StepContext ctx, long ranks, Outcome step, List<double[]> waits)
    {
        var rest = OwnWindows(ctx, waits, step.Final.LastWindow) with { Tau = 0 };
        RankClock? odd = null, even = null;
        if (step.OddFinal is { } o && step.EvenFinal is { } e)
        {
            var sent = ctx.Send(rest);
            odd = sent with { Tau = o.Tau - step.Final.Tau };
            // The even rank has idled since its pre-step send: its receive window is the step's.
            even = new RankClock(e.Tau - step.Final.Tau, GridMeasure.Convolve(sent.Delay, e.LastWindow), e.LastWindow, sent.Delay);
        }
        var (mean, tau) = Weighted(ranks, rest, odd, even);
        return (new Starts(even, odd, rest), mean, tau);
    }

    /// <summary>Mean over ranks of E[clock] and of τ, for the kinds' clocks.</summary>
    private static (double Mean, double Tau) Weighted(long ranks, RankClock rest, RankClock? odd, RankClock? even)
    {
        if (odd is null || even is null) return (rest.Mean, rest.Tau);
        var extra = ranks - (1L << Communication.CollectiveRounds.FloorLog2(ranks));
        var p = (double)ranks;
        var wRest = (p - 2 * extra) / p;
        var wPre = extra / p;
        return (wRest * rest.Mean + wPre * (odd.Mean + even.Mean), wRest * rest.Tau + wPre * (odd.Tau + even.Tau));
    }

    /// <summary>The noise of a rank's own windows over the exchange levels (a send window, then a receive window with the
    /// level's waits), from τ = 0: its offset.</summary>
    internal static RankClock OwnWindows(StepContext ctx, List<double[]> waits, GridMeasure lastWindow)
    {
        var c = RankClock.At(ctx.Grid, 0) with { LastWindow = lastWindow };
        foreach (var w in waits) c = ctx.Window(ctx.Send(c), ctx.Overhead, w);
        return c;
    }

    public static Outcome Run(StepContext ctx, long ranks, Starts starts, List<double[]>? waits = null)
    {
        var levels = Communication.CollectiveRounds.FloorLog2(ranks);
        var extra = ranks - (1L << levels);
        var y = ctx.Compute(starts.Rest);
        RankClock? h = null, evenSent = null;
        if (extra > 0)
        {
            evenSent = ctx.Send(ctx.Compute(starts.Even));
            h = ctx.Receive(ctx.Compute(starts.Odd), evenSent);
        }

        // Block laws by level and number of pre-step members (memoised).
        var memo = new Dictionary<(int, long), RankClock>();
        RankClock Block(int level, long preCount)
        {
            if (memo.TryGetValue((level, preCount), out var c)) return c;
            if (level == 0) c = preCount == 1 ? h! : y;
            else
            {
                var half = 1L << (level - 1);
                var low = Math.Min(preCount, half);
                c = Exchange(ctx, Block(level - 1, low), Block(level - 1, preCount - low));
                if (preCount == (extra >> (levels - level)) << 0 && waits is not null && waits.Count < level) waits.Add(ctx.LastReceiveWeights);
            }
            memo[(level, preCount)] = c;
            return c;
        }
        var final = Block(levels, extra);
        if (extra == 0) return new Outcome(final.Mean, final.Tau, final, null, null);

        // Return message: 2i + 1 sends, 2i receives (it has idled since its pre-step send).
        var oddFinal = ctx.Send(final);
        var evenFinal = ctx.Receive(evenSent!, oddFinal);
        var p = (double)ranks;
        var wRest = (p - 2 * extra) / p;
        var wPre = extra / p;
        return new Outcome(wRest * final.Mean + wPre * (oddFinal.Mean + evenFinal.Mean), wRest * final.Tau + wPre * (oddFinal.Tau + evenFinal.Tau),
            final, oddFinal, evenFinal);
    }

    /// <summary>One exchange between independent clocks a and b: the law of a random rank of the pair afterwards.</summary>
    internal static RankClock Exchange(StepContext ctx, RankClock a, RankClock b)
    {
        var sa = ctx.Send(a);
        if (ReferenceEquals(a, b)) return ctx.Receive(sa, sa);
        var sb = ctx.Send(b);
        return RankClock.Mix(0.5, ctx.Receive(sa, sb), ctx.Receive(sb, sa));
    }
}
