namespace PerfModel.Noise;

/// <summary>
/// The dissemination barrier at any P (Hensgen, Finkel, Manber, IJPP 1988; as MPICH): ⌈log₂ P⌉ rounds; in round m rank x
/// sends to (x + 2^m) mod P, then receives from (x − 2^m) mod P. After m rounds x's clock depends on the 2^m ranks
/// x − 2^m + 1 … x; the sets of x and of its round-m partner are disjoint while 2^(m+1) ≤ P, so as for recursive doubling
/// G_m = max(G_(m−1) ⊛ L_send, G_(m−1) ⊛ L_send) ⊛ L_receive exactly. In the last round of a P that is not a power of two the
/// two sets overlap in 2^K − P ranks; the partner's law is then taken as F^θ with θ = (P − 2^(K−1))/2^(K−1), the maximum
/// over the part of its set that x does not cover (an approximation, monotone in P). The stationary step is handled as
/// for recursive doubling (<see cref="RecursiveDoublingForm"/>).
/// </summary>
internal static class DisseminationForm
{
    public static (double First, double FirstNoiseFree, double Stationary, double StationaryNoiseFree) Evaluate(StepContext ctx, long ranks)
    {
        var waits = new List<double[]>();
        var first = Run(ctx, ranks, null, waits);
        var outcome = first;
        double stationary = 0;
        for (var iteration = 0; iteration < 2; iteration++)
        {
            var offset = RecursiveDoublingForm.OwnWindows(ctx, waits, outcome.LastWindow) with { Tau = 0 };
            waits = [];
            outcome = Run(ctx, ranks, offset, waits);
            stationary = outcome.Mean - offset.Mean;
        }
        return (first.Mean, first.Tau, stationary, outcome.Tau);
    }

    private static RankClock Run(StepContext ctx, long ranks, RankClock? start, List<double[]> waits)
    {
        var c = ctx.Compute(start);
        var rounds = Rounds(ranks);
        for (var m = 0; m < rounds; m++)
        {
            var send = ctx.Send(c);
            var partner = send;
            if (m == rounds - 1 && (1L << rounds) != ranks)
            {
                var half = (double)(1L << m);
                partner = send with { Delay = send.Delay.Power((ranks - half) / half) };
            }
            c = ctx.Receive(send, partner);
            waits.Add(ctx.LastReceiveWeights);
        }
        return c;
    }

    /// <summary>⌈log₂ P⌉ (<see cref="Communication.CollectiveRounds.CeilLog2"/>).</summary>
    internal static int Rounds(long ranks) => Communication.CollectiveRounds.CeilLog2(ranks);
}
