using System.Globalization;
using System.Runtime.CompilerServices;

namespace PerfModel.Noise.WallClock;

/// <summary>
/// One worker's mutable state for a trial: every rank's clock (<see cref="Time"/>, the end of its last CPU operation) and,
/// per (rank, source) slot, the stream word and the pending detour (start, duration) of its noise timeline. Allocated once
/// per worker and reused for every trial, so a trial allocates nothing.
/// <para>Charging (LogGOPSim's <c>Noise::get_noise</c>): a CPU window [t, t + T) ends at t + T + the remainders at t of
/// the detours in progress at t + the full duration of every detour that starts in [t, t + T). Detours starting in the
/// stretch beyond t + T are not charged to the window (no compounding); they stay pending, and a later window charges what
/// is left of them at its own start, if anything — as it does for detours that start while the rank waits. A rank's
/// windows follow each other (each starts at or after the previous one's stretched end), so every detour is consumed once,
/// in start order, and every detour charged before t has ended by t: the stateful rule equals the stateless one.</para>
/// <para>Guards: a window that would start or end past <see cref="WallClockSimulator.HorizonSeconds"/> (or at a non-finite
/// time), and a trial that draws more detours than its budget (see <see cref="BeginTrial"/>), stop the run with an
/// <see cref="ArgumentException"/> that says why, instead of running for ever.</para>
/// </summary>
internal sealed class RankClocks
{
    private readonly TimelineModel model;
    private readonly int stride;
    private readonly SourceTimeline[][] sourcesOf;  // per population
    private readonly bool[] fastForwardOf;          // per population: independent timelines (no co-scheduling)
    private readonly int baseCount;                 // sources of population 0
    private readonly bool hasClasses;
    private readonly double[] starts, durations;
    private readonly ulong[] streams;
    private readonly byte[] population;
    private readonly bool inProgressAtStart;
    private ulong trialKey;
    private int trial;
    private long budget, trialBudget;

    public RankClocks(TimelineModel model, int ranks, bool arrivals, bool inProgressAtStart)
    {
        this.model = model;
        this.inProgressAtStart = inProgressAtStart;
        stride = model.Stride;
        sourcesOf = [.. model.Populations.Select(p => p.Sources)];
        fastForwardOf = [.. model.Populations.Select(p => !p.CoScheduled)];
        baseCount = sourcesOf[0].Length;
        hasClasses = model.HasClasses;
        Time = new double[ranks];
        Arrival = arrivals ? new double[ranks] : [];
        starts = new double[ranks * stride];
        durations = new double[ranks * stride];
        streams = new ulong[ranks * stride];
        population = model.HasClasses ? new byte[ranks] : [];
    }

    /// <summary>Bytes a worker's state takes for <paramref name="ranks"/> ranks (the arrays allocated above).</summary>
    public static long BytesFor(TimelineModel model, long ranks, bool arrivals) =>
        ranks * (8 + (arrivals ? 8 : 0) + 24L * model.Stride + (model.HasClasses ? 1 : 0));

    /// <summary>Each rank's clock: when its last CPU operation ended (seconds from the trial's start).</summary>
    public double[] Time { get; }

    /// <summary>Scratch: arrival time of the message a rank sent in the current round (dissemination only).</summary>
    public double[] Arrival { get; }

    /// <summary>Resets the clocks to 0 and draws the node classes of trial <paramref name="index"/> (key
    /// <paramref name="key"/>), which may draw at most <paramref name="detourBudget"/> detours; timelines start in
    /// <see cref="First"/>.</summary>
    public void BeginTrial(int index, ulong key, long detourBudget)
    {
        trial = index;
        trialKey = key;
        budget = trialBudget = detourBudget;
        Array.Clear(Time);
        if (population.Length == 0) return;
        var perNode = model.RanksPerNode;
        for (var r = 0; r < population.Length; r += perNode)
        {
            var p = model.PopulationOf(key, r / perNode);
            population.AsSpan(r, Math.Min(perNode, population.Length - r)).Fill(p);
        }
    }

    /// <summary>The rank's first CPU window, [0, <paramref name="length"/>): starts its timeline in equilibrium (the
    /// detours in progress at 0 are charged their remainders, unless the run starts cold) and returns the window's
    /// stretched end.</summary>
    public double First(int rank, double length)
    {
        var pop = PopulationOf(rank);
        var sources = pop.Sources;
        var rankLabel = pop.CoScheduled ? 0UL : (ulong)rank + 1;
        var b = rank * stride;
        var inProgress = 0.0;
        for (var s = 0; s < sources.Length; s++)
        {
            ref var stream = ref streams[b + s];
            stream = StreamRandom.Key(trialKey, rankLabel, (ulong)(population.Length == 0 ? 0 : population[rank]) << 32 | (uint)s);
            inProgress += sources[s].Start(ref stream, out starts[b + s], out durations[b + s]);
        }
        return Window(rank, 0, length) + (inProgressAtStart ? inProgress : 0);
    }

    /// <summary>The rank's CPU window [t, t + <paramref name="length"/>) (t at or after the stretched end of its previous
    /// window): returns its end stretched by the detours charged to it. The common case, no detour pending before the end,
    /// reads one start per source.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Window(int rank, double t, double length)
    {
        var end = t + length;
        var n = hasClasses ? sourcesOf[population[rank]].Length : baseCount;
        if (n == 0) return end;
        var b = rank * stride;
        var charge = 0.0;
        var pending = starts;
        for (var s = 0; s < n; s++)
            if (pending[b + s] < end) charge += Consume(rank, s, b + s, t, end);
        return end + charge;
    }

    private TimelineModel.Population PopulationOf(int rank) => model.Populations[population.Length == 0 ? 0 : population[rank]];

    /// <summary>Charges every pending detour of slot <paramref name="i"/> that starts before <paramref name="end"/>: in full
    /// when it starts in [t, end), its remainder (if any) when it started before t.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private double Consume(int rank, int slot, int i, double t, double end)
    {
        var pop = hasClasses ? population[rank] : 0;
        var source = sourcesOf[pop][slot];
        if (!(end <= WallClockSimulator.HorizonSeconds))
            throw Runaway(rank, source, t, $"its clock reached {F(end)} s, past the simulator's horizon of {F(WallClockSimulator.HorizonSeconds)} s (beyond it a double no longer resolves the detours)");
        if (!source.Consume(ref streams[i], ref starts[i], ref durations[i], t, end, fastForwardOf[pop], ref budget, out var charge))
            throw Runaway(rank, source, t, $"replaying its co-scheduled timeline up to {F(end)} s would draw more detours than are left of the trial's budget of {N(trialBudget)}");
        if (budget < 0)
            throw Runaway(rank, source, t, $"the trial has drawn more than its budget of {N(trialBudget)} detours (64 times the expected number plus 4 per CPU window and source, at least 2^30)");
        return charge;
    }

    private static string F(double seconds) => seconds.ToString("G4", CultureInfo.InvariantCulture);

    private static string N(long count) => count.ToString(CultureInfo.InvariantCulture);

    private ArgumentException Runaway(int rank, SourceTimeline source, double t, string what) => new(
        $"The noise made trial {trial} run away: rank {rank} (source '{source.Name}', window at {F(t)} s) — {what}. Some detour, or a " +
        "detour remainder at t = 0, is astronomically long: with a heavy-tailed duration (Pareto with alpha near 1, a log-normal with a " +
        "large sigma) the stationary remainder E[D^2]/(2E[D]) is infinite or huge. Use a lighter tail, or start cold (InProgressAtStart = false).",
        "noise");
}
