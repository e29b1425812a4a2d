using System.Runtime.CompilerServices;

namespace PerfModel.Noise.WallClock;

/// <summary>
/// One bulk-synchronous step of every rank on the wall clock: the compute window W, then the synchronisation, each message
/// as a send window of o on the sender, the wire (c − 2o) and a receive window of o on the receiver that starts when both
/// the receiver is free and the message has arrived (program order: MPI calls are blocking, with no asynchronous progress;
/// in an exchange a rank sends first, then receives). Each operation is one <see cref="RankClocks.Window"/>, so the step's
/// loops touch every rank once per round and allocate nothing. The shapes, for any P (MPICH's algorithms):
/// <list type="bullet">
/// <item>None: nothing. Barrier: ideal and free — every rank leaves when the last one arrives.</item>
/// <item>Recursive doubling: p′ = 2^⌊log₂ P⌋, r = P − p′; rank 2i (i &lt; r) sends to 2i + 1 and idles; p′ ranks (2i + 1
/// for i &lt; r, then r + j) exchange with new rank v XOR 2^m, m = 0 … log₂ p′ − 1; 2i + 1 sends the result back to 2i.</item>
/// <item>Binomial tree: reduce — rank x receives from x + 2^j for j = 0, 1, … while bit j of x is 0 (and x + 2^j &lt; P), then
/// sends to x − 2^lowbit(x); broadcast — x ≠ 0 receives from x − 2^lowbit(x), then sends to x + 2^j for j below lowbit(x)
/// (the root: below ⌈log₂ P⌉), highest first.</item>
/// <item>Dissemination: ⌈log₂ P⌉ rounds; in round m rank x sends to (x + 2^m) mod P, then receives from (x − 2^m) mod P.</item>
/// </list>
/// </summary>
internal sealed class StepKernel
{
    private readonly SyncShape sync;
    private readonly int ranks, lowerPower, extra, levels; // P, p′, r, ⌈log₂ P⌉
    private readonly double work, overhead, wire;         // W, o, c − 2o

    public StepKernel(StepShape shape, int ranks, double overhead)
    {
        sync = shape.Sync;
        this.ranks = ranks;
        lowerPower = 1 << (31 - int.LeadingZeroCount(ranks));
        extra = ranks - lowerPower;
        levels = ranks <= 1 ? 0 : 32 - int.LeadingZeroCount(ranks - 1);
        work = shape.Work.Seconds;
        this.overhead = overhead;
        wire = Math.Max(0, shape.Round.Seconds - 2 * overhead);
    }

    /// <summary>Rounds on the critical path of one step: 0 (None, Barrier); log₂ p′, plus 2 when P is not a power of two
    /// (recursive doubling); ⌈log₂ P⌉ (dissemination); 2⌈log₂ P⌉ levels (tree reduce, then broadcast).</summary>
    public int Rounds => sync switch
    {
        SyncShape.AllreduceRecursiveDoubling => 31 - int.LeadingZeroCount(lowerPower) + (extra > 0 ? 2 : 0),
        SyncShape.DisseminationBarrier => levels,
        SyncShape.TreeReduceBroadcast => 2 * levels,
        _ => 0,
    };

    /// <summary>CPU windows of one step: P compute windows plus two per message.</summary>
    public long CpuWindowsPerStep => ranks + 2 * sync switch
    {
        SyncShape.AllreduceRecursiveDoubling => 2L * extra + (long)lowerPower * (31 - int.LeadingZeroCount(lowerPower)),
        SyncShape.DisseminationBarrier => (long)ranks * levels,
        SyncShape.TreeReduceBroadcast => 2L * (ranks - 1),
        _ => 0L,
    };

    /// <summary>Whether the step needs <see cref="RankClocks.Arrival"/>.</summary>
    public bool NeedsArrivals => sync == SyncShape.DisseminationBarrier;

    /// <summary>Runs one step from the clocks' current times; the first step of a trial starts every timeline.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Step(RankClocks c, bool first)
    {
        var t = c.Time;
        if (first) for (var x = 0; x < t.Length; x++) t[x] = c.First(x, work);
        else for (var x = 0; x < t.Length; x++) t[x] = c.Window(x, t[x], work);
        switch (sync)
        {
            case SyncShape.Barrier: Barrier(t); break;
            case SyncShape.AllreduceRecursiveDoubling: RecursiveDoubling(c, t); break;
            case SyncShape.TreeReduceBroadcast: Tree(c, t); break;
            case SyncShape.DisseminationBarrier: Dissemination(c, t); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Barrier(double[] t)
    {
        var last = double.NegativeInfinity;
        foreach (var v in t) if (v > last) last = v;
        Array.Fill(t, last);
    }

    /// <summary>One message: the sender's send window from its clock, then the receiver's receive window.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Message(RankClocks c, double[] t, int from, int to)
    {
        var sent = t[from] = c.Window(from, t[from], overhead);
        t[to] = c.Window(to, Math.Max(t[to], sent + wire), overhead);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RecursiveDoubling(RankClocks c, double[] t)
    {
        for (var i = 0; i < extra; i++) Message(c, t, 2 * i, 2 * i + 1);
        for (var mask = 1; mask < lowerPower; mask <<= 1)
            for (var block = 0; block < lowerPower; block += 2 * mask)
                for (var v = block; v < block + mask; v++)
                    Exchange(c, t, extra == 0 ? v : Rank(v), extra == 0 ? v + mask : Rank(v + mask));
        for (var i = 0; i < extra; i++) Message(c, t, 2 * i + 1, 2 * i);
    }

    /// <summary>x and y both send, then both receive (each once the other's message is in).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Exchange(RankClocks c, double[] t, int x, int y)
    {
        var sx = c.Window(x, t[x], overhead);
        var sy = c.Window(y, t[y], overhead);
        t[x] = c.Window(x, Math.Max(sx, sy + wire), overhead);
        t[y] = c.Window(y, Math.Max(sy, sx + wire), overhead);
    }

    /// <summary>The rank of new rank v among the p′ ranks that run the exchanges.</summary>
    private int Rank(int v) => v < extra ? 2 * v + 1 : v + extra;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Tree(RankClocks c, double[] t)
    {
        // Reduce, level j: every x with lowbit(x) = j sends to x − 2^j, whose receives of the lower levels are done.
        for (var j = 0; j < levels; j++)
        {
            var h = 1 << j;
            for (var x = h; x < ranks; x += 2 * h) Message(c, t, x, x - h);
        }
        // Broadcast, level j from the top: every multiple x of 2^(j+1) with x + 2^j < P sends to x + 2^j (its only receive).
        for (var j = levels - 1; j >= 0; j--)
        {
            var h = 1 << j;
            for (var x = 0; x + h < ranks; x += 2 * h) Message(c, t, x, x + h);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Dissemination(RankClocks c, double[] t)
    {
        var a = c.Arrival;
        for (var m = 0; m < levels; m++)
        {
            var d = 1 << m;
            for (var x = 0; x < ranks; x++) a[x] = (t[x] = c.Window(x, t[x], overhead)) + wire;
            for (var x = 0; x < ranks; x++)
            {
                var from = x - d < 0 ? x - d + ranks : x - d;
                t[x] = c.Window(x, Math.Max(t[x], a[from]), overhead);
            }
        }
    }
}
