namespace PerfModel.Noise;

/// <summary>
/// The dissemination barrier at any P (Hensgen, Finkel, Manber, IJPP 1988; as MPICH): ⌈log₂ P⌉ rounds; in round m rank x
/// sends to (x + 2^m) mod P, then receives from (x − 2^m) mod P. After m rounds x's clock depends on the 2^m ranks
/// x − 2^m + 1 … x; the sets of x and of its round-m partner are disjoint while 2^(m+1) ≤ P, so as for recursive doubling
/// G_m = max(G_(m−1) ⊛ L_send, G_(m−1) ⊛ L_send) ⊛ L_receive exactly. In the last round of a P that is not a power of two the
/// two sets overlap in 2^K − P ranks; the partner's law is then taken as F^θ with θ = (P − 2^(K−1))/2^(K−1), the maximum
/// over the part of its set that x does not cover (an approximation, monotone in P). The stationary step is handled as
/// for recursive doubling (<see cref="RecursiveDoublingForm"/>). Node classes as there: laws per class, a rank charged
/// its class's noise in every window, its round-m partner x − 2^m on the same node (share (R − 2^m)/R of the ranks,
/// <see cref="StepContext.SameNode"/>) of its class, else of class c′ with its share.
/// </summary>
internal static class DisseminationForm
{
    public static (double First, double FirstNoiseFree, double Stationary, double StationaryNoiseFree) Evaluate(StepContext ctx, long ranks)
    {
        var classes = ctx.Classes;
        var waits = new List<double[][]>();
        var first = Run(ctx, ranks, null, waits);
        var outcome = first;
        double stationary = 0;
        for (var iteration = 0; iteration < 2; iteration++)
        {
            var offset = new RankClock[classes];
            for (var c = 0; c < classes; c++)
                offset[c] = RecursiveDoublingForm.OwnWindows(ctx, [.. waits.Select(w => w[c])], outcome[c].LastWindow, classes == 1 ? -1 : c) with { Tau = 0 };
            waits = [];
            outcome = Run(ctx, ranks, offset, waits);
            stationary = ctx.OverClasses(c => outcome[c].Mean - offset[c].Mean);
        }
        return (ctx.OverClasses(c => first[c].Mean), ctx.OverClasses(c => first[c].Tau), stationary, ctx.OverClasses(c => outcome[c].Tau));
    }

    private static RankClock[] Run(StepContext ctx, long ranks, RankClock[]? start, List<double[][]> waits)
    {
        var classes = ctx.Classes;
        int Cls(int c) => classes == 1 ? -1 : c;
        var clocks = new RankClock[classes];
        for (var c = 0; c < classes; c++) clocks[c] = ctx.Compute(start?[c], Cls(c));
        var rounds = Rounds(ranks);
        for (var m = 0; m < rounds; m++)
        {
            var send = new RankClock[classes];
            var partner = new RankClock[classes];
            for (var c = 0; c < classes; c++)
            {
                send[c] = ctx.Send(clocks[c], Cls(c));
                partner[c] = send[c];
                if (m == rounds - 1 && (1L << rounds) != ranks)
                {
                    var half = (double)(1L << m);
                    partner[c] = send[c] with { Delay = send[c].Delay.Power((ranks - half) / half) };
                }
            }
            var same = ctx.SameNode(1L << m, xor: false);
            var weights = new double[classes][];
            for (var c = 0; c < classes; c++) (clocks[c], weights[c]) = RecursiveDoublingForm.ReceiveFrom(ctx, send[c], partner, same, c);
            waits.Add(weights);
        }
        return clocks;
    }

    /// <summary>⌈log₂ P⌉ (<see cref="Communication.CollectiveRounds.CeilLog2"/>).</summary>
    internal static int Rounds(long ranks) => Communication.CollectiveRounds.CeilLog2(ranks);
}
