namespace PerfModel.Noise;

/// <summary>
/// Binomial-tree reduce then broadcast at any P, as MPICH runs them (Thakur, Rabenseifner, Gropp, IJHPCA 2005,
/// doi:10.1177/1094342005051521). Reduce: rank x receives from x + 2^j for j = 0, 1, … while bit j of x is 0 (and
/// x + 2^j &lt; P), in that order, then sends to x − 2^lowbit(x). Broadcast: x ≠ 0 receives from x − 2^lowbit(x), then sends
/// to x + 2^j for j below lowbit(x) (the root: below ⌈log₂ P⌉), highest first.
/// <para>Reduce, exact up to the gap weights: the ranks x … x + n − 1 form a subtree whose root receives, level by level,
/// from children whose subtrees (2^j ranks, the last one n − 2^(L−1)) are disjoint, so R_(j+1) = Receive(R_j,
/// Send(Sub(s_j))) with independent clocks (Hoefler, Schneider, Lumsdaine, SC10, doi:10.1109/SC.2010.12); O(log P)
/// windows at any P. Broadcast: every message leaves after the root's reduce ends, later than any rank's own clock, so a
/// rank's completion is the root's plus the windows on its path (sends of its ancestors up to the one to it, its receive,
/// its own sends); the mean over ranks adds the mean noise of these windows, counted per subtree size (send windows
/// right after a window of the same rank; a receive window after the idle wait since the rank's reduce send, whose age
/// weights P(gap &gt; a) take the broadcast's arrival as the root's reduce end, the two clocks as independent — an
/// approximation).</para>
/// <para>Stationary step: rank y starts step n + 1 at the end of its broadcast, E_x + (its path), and the root's reduce
/// of step n + 1 ends at R(n + 1); relative to the entry E_x of a subtree's root, a subtree of size n has the same
/// offsets wherever it sits, so Sub′(n) = the reduce of the subtree started from its broadcast offsets follows the same
/// recursion, and the stationary step is E[Sub′(P)] (the root's entry is its reduce end). The offsets are taken
/// independent across ranks (an approximation: siblings share their ancestors' windows), and the broadcast receives'
/// gaps are the noise-free gap plus a barrier's stationary delay (see the code); the error against the simulator is given
/// on <see cref="NoiseClosedForm"/>.</para>
/// <para>Node classes: the reduce's subtree laws and the stationary entries are kept per class of the subtree's root, which
/// is charged its class's noise in every window; a child's root x + 2^j = x XOR 2^j shares it when both are on one node
/// (<see cref="StepContext.SameNode"/>), else has class c′ with its share (<see cref="RecursiveDoublingForm.ReceiveFrom"/>).
/// The broadcast's mean window noise is the mixture's (a mean, so exact over the classes), its gaps from the mixture of the
/// subtree roots' clocks.</para>
/// </summary>
internal static class TreeForm
{
    public static (double First, double FirstNoiseFree, double Stationary, double StationaryNoiseFree) Evaluate(StepContext ctx, long ranks, GridMeasure stationaryDelay)
    {
        var grid = ctx.Grid;
        var o = ctx.Overhead;
        var wire = ctx.Wire;
        // Reduce of the first step. The root of n ranks (2^(L−1) < n ≤ 2^L) receives from children of 1, 2, …, 2^(L−2)
        // ranks — after which its clock is that of the root of 2^(L−1) ranks — then from the last child, of n − 2^(L−1).
        // Per class of the subtree's root.
        var classes = ctx.Classes;
        int Cls(int c) => classes == 1 ? -1 : c;
        RankClock Mixed(RankClock[] perClass) => classes == 1 ? perClass[0] : RankClock.Mix(ctx.Shares, perClass);
        var sub = new Dictionary<long, RankClock[]>();
        RankClock[] Sub(long n)
        {
            if (sub.TryGetValue(n, out var c)) return c;
            c = new RankClock[classes];
            if (n == 1)
                for (var k = 0; k < classes; k++) c[k] = ctx.Compute(null, Cls(k));
            else
            {
                var half = 1L << (Communication.CollectiveRounds.CeilLog2(n) - 1);
                var (own, child) = (Sub(half), Sub(n - half));
                var same = ctx.SameNode(half, xor: true);
                var sent = new RankClock[classes];
                for (var k = 0; k < classes; k++) sent[k] = ctx.Send(child[k], Cls(k));
                for (var k = 0; k < classes; k++) c[k] = RecursiveDoublingForm.ReceiveFrom(ctx, own[k], sent, same, k).Clock;
            }
            sub[n] = c;
            return c;
        }
        var root = Mixed(Sub(ranks));

        // The broadcast receive of the root of a child subtree of n ranks: its gap runs from the end of its reduce send
        // to the broadcast's arrival, taken as the root's reduce end. In the first step: from the first step's clocks (as
        // independent). In a long run: the noise-free gap plus the delay of the step's slowest rank, whose law is taken
        // as a barrier's stationary one (<paramref name="stationaryDelay"/>): the first step's remainders would make every
        // gap as long as the first step's, and a reduce without them makes the gaps too short once the step's delay is
        // much longer than a window.
        var gapWeights = new Dictionary<(long, bool), double[]>();
        double[] Gap(long n, bool stationary = false)
        {
            if (gapWeights.TryGetValue((n, stationary), out var w)) return w;
            var sent = ctx.Send(Mixed(Sub(n)));
            w = stationary
                ? ctx.WeightsAfter(stationaryDelay.Shift(Math.Max(0, root.Tau + wire - sent.Tau)))
                : ctx.ReceiveWeights(sent.NominalEnd, sent.LastWindow, root with { Tau = root.Tau + wire });
            gapWeights[(n, stationary)] = w;
            return w;
        }

        // Broadcast: mean noise of a send window after another window of the rank, and of a receive after its wait.
        var afterWindow = ctx.Window(RankClock.At(grid, 0) with { LastWindow = ctx.Window(RankClock.At(grid, 0), o).LastWindow }, o).LastWindow.Moment;
        var sendCost = o + afterWindow;
        var (sends, receives) = PathCounts(ranks, new Dictionary<long, (double, double)>());
        var bySize = ReceivesBySize(ranks, new Dictionary<long, Dictionary<long, double>>());
        var receiveNoise = bySize.Sum(kv => kv.Value * ctx.Window(RankClock.At(grid, 0), o, Gap(kv.Key)).LastWindow.Moment);
        var p = (double)ranks;
        var first = root.Mean + (sends * sendCost + receives * (o + wire) + receiveNoise) / p;
        var firstNoiseFree = root.Tau + (sends * o + receives * (o + wire)) / p;

        // Stationary: the reduce of a subtree started from its broadcast offsets, relative to its root's entry.
        // The subtree root of n ranks (2^(L−1) < n ≤ 2^L) sends to its children, highest level first, then computes, then
        // receives their reduces, lowest level first. Its first send goes to the last child (n − 2^(L−1) ranks); everything
        // after it — the other sends, the compute, the children of 1 … 2^(L−2) ranks and their receives — is the step of
        // the root of 2^(L−1) ranks, shifted by that first send (a delay common to all of it, so it moves their maximum as
        // it moves each), and the last child's reduce arrives last: O(1) windows per subtree size, O(log P) in all.
        var entry = new Dictionary<long, RankClock[]>();
        RankClock[] Entry(long n)
        {
            if (entry.TryGetValue(n, out var c)) return c;
            c = new RankClock[classes];
            var gap = Gap(n, stationary: true);
            RankClock[]? fromSend = null;
            for (var k = 0; k < classes; k++)
            {
                var start = RankClock.At(grid, 0) with { LastWindow = ctx.Window(RankClock.At(grid, 0), o, gap, Cls(k)).LastWindow };
                if (n == 1)
                {
                    c[k] = ctx.Compute(start, Cls(k));
                    continue;
                }
                var half = 1L << (Communication.CollectiveRounds.CeilLog2(n) - 1);
                var firstSent = ctx.Send(start, Cls(k));
                var rest = Shifted(Entry(half)[k], firstSent);
                var childGap = Gap(n - half, stationary: true);
                var children = Entry(n - half);
                if (classes == 1)
                {
                    var childEntry = ctx.Window(firstSent with { Tau = firstSent.Tau + wire }, o, childGap);
                    c[k] = ctx.Receive(rest, ctx.Send(Shifted(children[0], childEntry)));
                    continue;
                }
                // The child's send after its entry window and its reduce, of each class c′, from a zero delay: the
                // window laws do not depend on the root's send (their gaps are given), so the child's send is the root's
                // send delay convolved with it, and the partner's mixture over c′ is convolved once.
                fromSend ??= FromSend(n - half, firstSent.Tau + wire, childGap);
                var mixed = RankClock.Mix(RecursiveDoublingForm.PartnerWeights(ctx, ctx.SameNode(half, xor: true), k), fromSend);
                c[k] = ctx.Receive(rest, mixed with { Delay = GridMeasure.Convolve(mixed.Delay, firstSent.Delay) }, null, k);
            }
            entry[n] = c;
            return c;
        }
        RankClock[] FromSend(long childSize, double entryTau, double[] childGap)
        {
            var children = Entry(childSize);
            var sends = new RankClock[classes];
            for (var q = 0; q < classes; q++)
            {
                var childEntry = ctx.Window(RankClock.At(grid, entryTau), o, childGap, q);
                sends[q] = ctx.Send(Shifted(children[q], childEntry), q);
            }
            return sends;
        }
        var period = Mixed(Entry(ranks));
        return (first, firstNoiseFree, period.Mean, period.Tau);
    }

    /// <summary>The first step's mean completion over ranks without noise, less W: the reduce's root time from the subtree
    /// recursion on τ alone, plus the broadcast's mean path.</summary>
    internal static double NoiseFreeFirst(long ranks, double overhead, double wire)
    {
        if (ranks <= 1) return 0;
        var memo = new Dictionary<long, double>();
        double Sub(long n)
        {
            if (memo.TryGetValue(n, out var t)) return t;
            t = 0;
            for (var j = 0; (1L << j) < n; j++) t = Math.Max(t, Sub(Math.Min(1L << j, n - (1L << j))) + overhead + wire) + overhead;
            memo[n] = t;
            return t;
        }
        var (sends, receives) = PathCounts(ranks, new Dictionary<long, (double, double)>());
        return Sub(ranks) + (sends * overhead + receives * (overhead + wire)) / ranks;
    }

    /// <summary>Over the ranks of a subtree of n: for each child-subtree size m, how many (rank, receive on its broadcast
    /// path) pairs are the receive of the root of a child subtree of m ranks.</summary>
    private static Dictionary<long, double> ReceivesBySize(long n, Dictionary<long, Dictionary<long, double>> memo)
    {
        if (memo.TryGetValue(n, out var r)) return r;
        r = [];
        foreach (var m in Children(n))
        {
            r[m] = r.GetValueOrDefault(m) + m;
            foreach (var (size, count) in ReceivesBySize(m, memo)) r[size] = r.GetValueOrDefault(size) + count;
        }
        memo[n] = r;
        return r;
    }

    /// <summary>A child's reduce clock (relative to its entry) moved to its entry clock: τ and delays add.</summary>
    private static RankClock Shifted(RankClock relative, RankClock entry) =>
        relative with
        {
            Tau = relative.Tau + entry.Tau,
            Delay = GridMeasure.Convolve(relative.Delay, entry.Delay),
            Before = GridMeasure.Convolve(relative.Before, entry.Delay),
        };

    /// <summary>Subtree sizes of the children of a subtree of n ranks, by level: min(2^j, n − 2^j) for 2^j &lt; n.</summary>
    private static long[] Children(long n)
    {
        var list = new List<long>();
        for (var j = 0; (1L << j) < n; j++) list.Add(Math.Min(1L << j, n - (1L << j)));
        return [.. list];
    }

    /// <summary>Over the ranks of a subtree of n (its root entered the broadcast): Σ of the send windows and of the receive
    /// windows on each rank's way from the root's entry to its own completion.</summary>
    private static (double Sends, double Receives) PathCounts(long n, Dictionary<long, (double, double)> memo)
    {
        if (memo.TryGetValue(n, out var r)) return r;
        var children = Children(n);
        double sends = children.Length, receives = 0;
        for (var k = 0; k < children.Length; k++)
        {
            // Child k receives after the root's sends at levels ≥ k (children.Length − k of them).
            var (cs, cr) = PathCounts(children[k], memo);
            sends += children[k] * (children.Length - k) + cs;
            receives += children[k] + cr;
        }
        memo[n] = (sends, receives);
        return (sends, receives);
    }
}
