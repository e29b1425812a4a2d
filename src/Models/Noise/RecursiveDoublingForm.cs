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
/// <para>Node classes. Every law is kept per class: a rank of class c is charged c's noise in each of its windows (it
/// keeps its class), and its partner of level m shares the class when both are on one node (the share q_m of pairs
/// x, x XOR 2^m among R consecutive ranks per node, <see cref="StepContext.SameNode"/>; 0 for classes of single cores) and
/// otherwise has class c′ with its share. The pairing of the pre-step ranks 2i, 2i + 1 is taken the same way (d = 1), and
/// the exchanges of the new ranks with q_m of the old ranks (an approximation where P is not a power of two).</para>
/// <para>Stationary step (an approximation). Rank i starts step n + 1 when it leaves step n, at a common time plus an
/// offset: the delays of the step's exchanges that reached it but not every rank. Each window's charged noise is such a
/// partial delay; it is carried on its own rank only (so every event counts once in the next step's maximum), i.e. the
/// offset is the sum of the noise of the rank's own send and receive windows over all levels, with the waits the
/// receives have in a stationary step at every level (a rank of the rest those of the blocks of the highest new ranks, a
/// pre-step rank 2i + 1 those of the lowest, which the pre-step ranks fill first), independent across ranks; pre-step
/// ranks add the return message. The two ranks of a pair carry one delay: 2i receives the result after 2i + 1's own
/// windows, so both offsets hold 2i + 1's delay D, and the next pre-step exchange is max(2i + 1's compute, 2i's compute
/// and send) + D, not the maximum of two independent copies of D (which at P = 1,000, 488 pairs, read +39 % under
/// log-normal σ = 2 noise against the simulator, now +6 %). The stationary
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

    /// <summary>Start clocks of the three kinds of rank, per class: 2i (i &lt; r), 2i + 1 (i &lt; r), the rest; null at a
    /// run's start.</summary>
    public sealed record Starts(RankClock[]? Even, RankClock[]? Odd, RankClock[]? Rest)
    {
        /// <summary>The offsets of a pair's ranks without the delay D that both carry (per class: 2i + 1's own, which 2i
        /// received with the result), and D's law: the pre-step exchange is run from them and D added after, once (null:
        /// from <see cref="Even"/> and <see cref="Odd"/>, as at a run's start).</summary>
        public (RankClock[] Even, RankClock[] Odd, GridMeasure[] PairDelay)? Relative { get; init; }
    }

    /// <summary>A step: the mean completion over ranks, its noise-free value, the last exchange's clock of the rest, of
    /// 2i + 1 and of 2i after the return message (per class), and <see cref="Law"/>, the last exchange's clock of a rank of
    /// the rest drawn with the classes' shares.</summary>
    public sealed record Outcome(double Mean, double NoiseFree, RankClock[] Final, RankClock[]? OddFinal, RankClock[]? EvenFinal, RankClock Law);

    /// <summary>The first step and the stationary step: (first outcome, stationary mean, stationary noise-free); without
    /// <paramref name="stationaryStep"/> the first step alone (the stationary values NaN).</summary>
    public static (Outcome First, double Stationary, double StationaryNoiseFree) Evaluate(StepContext ctx, long ranks, bool stationaryStep = true)
    {
        var waits = new List<double[][]>();
        var preWaits = new List<double[][]>();
        var first = Run(ctx, ranks, new Starts(null, null, null), waits, preWaits);
        if (!stationaryStep) return (first, double.NaN, double.NaN);
        var outcome = first;
        double stationary = 0, noiseFree = 0;
        // The offsets need the waits of a stationary step: run one from offsets made with the first step's waits, then
        // make the offsets again with its waits, until the step changes by less than 10⁻³ of itself. Light noise settles at
        // the second pass (the waits of a first and a stationary step hardly differ); noise whose detours outlast many steps
        // needs more (the real FWQ trace at P = 64: 290 µs after two passes, 254 µs settled, the simulator 240 ± 9 µs).
        for (var iteration = 0; iteration < MaxPasses; iteration++)
        {
            var (starts, meanOffset, noiseFreeOffset) = Offsets(ctx, ranks, outcome, waits, preWaits);
            (waits, preWaits) = ([], []);
            outcome = Run(ctx, ranks, starts, waits, preWaits);
            var previous = stationary;
            stationary = outcome.Mean - meanOffset;
            noiseFree = outcome.NoiseFree - noiseFreeOffset;
            if (iteration >= 1 && Math.Abs(stationary - previous) <= SettledChange * stationary) break;
        }
        return (first, stationary, noiseFree);
    }

    /// <summary>Each kind's offset at the start of the next step, per class (see the class remarks), and their means over
    /// ranks.</summary>
    private static (Starts Starts, double Mean, double Tau) Offsets(StepContext ctx, long ranks, Outcome step, List<double[][]> waits, List<double[][]> preWaits)
    {
        var classes = ctx.Classes;
        var rest = new RankClock[classes];
        for (var c = 0; c < classes; c++)
        {
            var cls = classes == 1 ? -1 : c;
            rest[c] = OwnWindows(ctx, [.. waits.Select(w => w[c])], step.Final[c].LastWindow, cls) with { Tau = 0 };
        }
        RankClock[]? odd = null, even = null, oddRel = null, evenRel = null;
        GridMeasure[]? pairDelay = null;
        if (step.OddFinal is { } o && step.EvenFinal is { } e)
        {
            var sent = new RankClock[classes];
            var sentRel = new RankClock[classes];
            pairDelay = new GridMeasure[classes];
            oddRel = new RankClock[classes];
            evenRel = new RankClock[classes];
            odd = new RankClock[classes];
            even = new RankClock[classes];
            for (var c = 0; c < classes; c++)
            {
                var cls = classes == 1 ? -1 : c;
                // The pre-step rank 2i + 1's own windows, with the waits of its chain, then its return message.
                var own = OwnWindows(ctx, [.. preWaits.Select(w => w[c])], step.Final[c].LastWindow, cls) with { Tau = 0 };
                sent[c] = ctx.Send(own, cls);
                odd[c] = sent[c] with { Tau = o[c].Tau - step.Final[c].Tau };
                pairDelay[c] = own.Delay;
                sentRel[c] = ctx.Send(RankClock.At(ctx.Grid, 0) with { LastWindow = own.LastWindow }, cls);
                oddRel[c] = sentRel[c] with { Tau = odd[c].Tau };
            }
            // The even rank has idled since its pre-step send: its receive window is the step's.
            var q = ctx.SameNode(1, xor: true);
            for (var c = 0; c < classes; c++)
            {
                // The partner 2i + 1 is of this class on the same node, else of class c′ with its share (a mixture: the
                // receive's convolution is linear in it).
                var partner = classes == 1 ? sent[0] : RankClock.Mix(PartnerWeights(ctx, q, c), sent);
                even[c] = new RankClock(e[c].Tau - step.Final[c].Tau, GridMeasure.Convolve(partner.Delay, e[c].LastWindow), e[c].LastWindow, partner.Delay);
                var partnerRel = classes == 1 ? sentRel[0] : RankClock.Mix(PartnerWeights(ctx, q, c), sentRel);
                evenRel[c] = new RankClock(even[c].Tau, GridMeasure.Convolve(partnerRel.Delay, e[c].LastWindow), e[c].LastWindow, partnerRel.Delay);
            }
        }
        var (mean, tau) = Weighted(ctx, ranks, rest, odd, even);
        return (new Starts(even, odd, rest) { Relative = odd is null ? null : (evenRel!, oddRel!, pairDelay!) }, mean, tau);
    }

    /// <summary>Mean over ranks of E[clock] and of τ, for the kinds' clocks (per class, weighted by the shares).</summary>
    private static (double Mean, double Tau) Weighted(StepContext ctx, long ranks, RankClock[] rest, RankClock[]? odd, RankClock[]? even)
    {
        if (odd is null || even is null) return (ctx.OverClasses(c => rest[c].Mean), ctx.OverClasses(c => rest[c].Tau));
        var extra = ranks - (1L << Communication.CollectiveRounds.FloorLog2(ranks));
        var p = (double)ranks;
        var wRest = (p - 2 * extra) / p;
        var wPre = extra / p;
        return (wRest * ctx.OverClasses(c => rest[c].Mean) + wPre * ctx.OverClasses(c => odd[c].Mean + even[c].Mean), wRest * ctx.OverClasses(c => rest[c].Tau) + wPre * ctx.OverClasses(c => odd[c].Tau + even[c].Tau));
    }

    /// <summary>The noise of a rank's own windows over the exchange levels (a send window, then a receive window with the
    /// level's waits), from τ = 0, charged the noise of population <paramref name="cls"/> (−1: the mixture): its offset.</summary>
    internal static RankClock OwnWindows(StepContext ctx, IReadOnlyList<double[]> waits, GridMeasure lastWindow, int cls = -1)
    {
        var c = RankClock.At(ctx.Grid, 0) with { LastWindow = lastWindow };
        foreach (var w in waits) c = ctx.Window(ctx.Send(c, cls), ctx.Overhead, w, cls);
        return c;
    }

    public static Outcome Run(StepContext ctx, long ranks, Starts starts, List<double[][]>? waits = null, List<double[][]>? preWaits = null)
    {
        var classes = ctx.Classes;
        int Cls(int c) => classes == 1 ? -1 : c;
        var levels = Communication.CollectiveRounds.FloorLog2(ranks);
        var extra = ranks - (1L << levels);
        var y = new RankClock[classes];
        for (var c = 0; c < classes; c++) y[c] = ctx.Compute(starts.Rest?[c], Cls(c));
        RankClock[]? h = null, evenSent = null;
        var pairSame = ctx.SameNode(1, xor: true);
        if (extra > 0)
        {
            evenSent = new RankClock[classes];
            h = new RankClock[classes];
            for (var c = 0; c < classes; c++) evenSent[c] = ctx.Send(ctx.Compute(starts.Even?[c], Cls(c)), Cls(c));
            if (starts.Relative is { } rel)
            {
                // Both ranks of a pair carry 2i + 1's delay D from the last step (2i received it with the result): the
                // exchange is run without it and D added after, once.
                var evenRel = new RankClock[classes];
                for (var c = 0; c < classes; c++) evenRel[c] = ctx.Send(ctx.Compute(rel.Even[c], Cls(c)), Cls(c));
                for (var c = 0; c < classes; c++)
                {
                    var r = ReceiveFrom(ctx, ctx.Compute(rel.Odd[c], Cls(c)), evenRel, pairSame, c).Clock;
                    h[c] = r with { Delay = GridMeasure.Convolve(r.Delay, rel.PairDelay[c]), Before = GridMeasure.Convolve(r.Before, rel.PairDelay[c]) };
                }
            }
            else
                for (var c = 0; c < classes; c++) h[c] = ReceiveFrom(ctx, ctx.Compute(starts.Odd?[c], Cls(c)), evenSent, pairSame, c).Clock;
        }

        // Block laws by level and number of pre-step members (memoised), per class; a first step's exchanges are the same at
        // every P and kept in the context.
        var memo = new Dictionary<(int, long), RankClock[]>();
        var weightsAt = new Dictionary<(int, long), double[][]>();
        var shared = starts.Rest is null && starts.Odd is null && starts.Even is null ? ctx.FirstStepExchanges : null;
        RankClock[] Block(int level, long preCount)
        {
            if (memo.TryGetValue((level, preCount), out var b)) return b;
            if (level == 0) b = preCount == 1 ? h! : y;
            else
            {
                var half = 1L << (level - 1);
                var low = Math.Min(preCount, half);
                var (first, second) = (Block(level - 1, low), Block(level - 1, preCount - low));
                double[][] weights;
                if (shared is not null && shared.TryGetValue((level, preCount), out var known)) (b, weights) = known;
                else
                {
                    (b, weights) = Exchange(ctx, first, second, ctx.SameNode(half, xor: true));
                    shared?.Add((level, preCount), (b, weights));
                }
                weightsAt[(level, preCount)] = weights;
            }
            memo[(level, preCount)] = b;
            return b;
        }
        var final = Block(levels, extra);
        waits?.AddRange(Chain(weightsAt, levels, extra, lower: false));
        if (extra > 0) preWaits?.AddRange(Chain(weightsAt, levels, extra, lower: true));
        var law = classes == 1 ? final[0] : RankClock.Mix(ctx.Shares, final);
        if (extra == 0) return new Outcome(ctx.OverClasses(c => final[c].Mean), ctx.OverClasses(c => final[c].Tau), final, null, null, law);

        // Return message: 2i + 1 sends, 2i receives (it has idled since its pre-step send).
        var oddFinal = new RankClock[classes];
        var evenFinal = new RankClock[classes];
        for (var c = 0; c < classes; c++) oddFinal[c] = ctx.Send(final[c], Cls(c));
        for (var c = 0; c < classes; c++) evenFinal[c] = ReceiveFrom(ctx, evenSent![c], oddFinal, pairSame, c).Clock;
        var n = (double)ranks;
        var wRest = (n - 2 * extra) / n;
        var wPre = extra / n;
        return new Outcome(wRest * ctx.OverClasses(c => final[c].Mean) + wPre * ctx.OverClasses(c => oddFinal[c].Mean + evenFinal[c].Mean),
            wRest * ctx.OverClasses(c => final[c].Tau) + wPre * ctx.OverClasses(c => oddFinal[c].Tau + evenFinal[c].Tau), final, oddFinal, evenFinal, law);
    }

    /// <summary>The age weights of a rank's receives, level 1 first, from those of every block of the step (by level and
    /// pre-step ranks): a block of 2^l new ranks holding m pre-step ranks splits into halves of 2^(l−1), the pre-step ranks
    /// filling the lower half first (min(m, 2^(l−1)) there, the rest in the upper). A pre-step rank 2i + 1 is followed
    /// into the lower half (<paramref name="lower"/>), a rank of the rest into the upper one.</summary>
    private static double[][][] Chain(Dictionary<(int, long), double[][]> weightsAt, int levels, long extra, bool lower)
    {
        var chain = new double[levels][][];
        var pre = extra;
        for (var level = levels; level >= 1; level--)
        {
            chain[level - 1] = weightsAt[(level, pre)];
            var half = 1L << (level - 1);
            pre = lower ? Math.Min(pre, half) : pre - Math.Min(pre, half);
        }
        return chain;
    }

    /// <summary>The law of the class of a partner of a rank of class <paramref name="c"/>: c with probability
    /// <paramref name="same"/> (one node), else class c′ with its share.</summary>
    internal static double[] PartnerWeights(StepContext ctx, double same, int c)
    {
        var s = ctx.Shares;
        var w = new double[s.Length];
        for (var p = 0; p < s.Length; p++) w[p] = (1 - same) * s[p] + (p == c ? same : 0);
        return w;
    }

    /// <summary>The receive window of a rank of class <paramref name="c"/> whose clock is <paramref name="current"/>, from a
    /// partner whose send ends at <paramref name="partnerSends"/>[c′] for a partner of class c′: of class c with probability
    /// <paramref name="same"/>, else of class c′ with its share. The partner's send is taken as the mixture of its classes'
    /// (exact for the wait, max(current, arrival), whose law is linear in the arrival's; for the window's in-progress noise
    /// the gap's law is averaged, as for every receive: <see cref="StepContext"/>); and the receive's age weights.</summary>
    internal static (RankClock Clock, double[] Weights) ReceiveFrom(StepContext ctx, RankClock current, RankClock[] partnerSends, double same, int c)
    {
        if (ctx.Classes == 1)
        {
            var only = ctx.Receive(current, partnerSends[0]);
            return (only, ctx.LastReceiveWeights);
        }
        var received = ctx.Receive(current, RankClock.Mix(PartnerWeights(ctx, same, c), partnerSends), null, c);
        return (received, ctx.LastReceiveWeights);
    }

    /// <summary>One exchange between independent blocks a and b (per class): the law of a random rank of class c of the pair
    /// afterwards, its partner sharing its class with probability <paramref name="same"/>; and, per class, the age weights
    /// of its receive windows.</summary>
    internal static (RankClock[] Clocks, double[][] Weights) Exchange(StepContext ctx, RankClock[] a, RankClock[] b, double same)
    {
        var classes = ctx.Classes;
        int Cls(int c) => classes == 1 ? -1 : c;
        var clocks = new RankClock[classes];
        var weights = new double[classes][];
        var sa = new RankClock[classes];
        for (var c = 0; c < classes; c++) sa[c] = ctx.Send(a[c], Cls(c));
        if (ReferenceEquals(a, b))
        {
            for (var c = 0; c < classes; c++) (clocks[c], weights[c]) = ReceiveFrom(ctx, sa[c], sa, same, c);
            return (clocks, weights);
        }
        var sb = new RankClock[classes];
        for (var c = 0; c < classes; c++) sb[c] = ctx.Send(b[c], Cls(c));
        for (var c = 0; c < classes; c++)
        {
            var (ra, _) = ReceiveFrom(ctx, sa[c], sb, same, c);
            var (rb, wb) = ReceiveFrom(ctx, sb[c], sa, same, c);
            clocks[c] = RankClock.Mix(0.5, ra, rb);
            weights[c] = wb;
        }
        return (clocks, weights);
    }
}
