namespace PerfModel.Noise;

/// <summary>
/// The windows of one step, as the wall-clock simulator runs them (<see cref="WallClock.WallClockSimulator"/>): the compute
/// window W, and per message a send window o on the sender, the wire c − 2o and a receive window o on the receiver that
/// starts when the receiver is free and the message has arrived. Each window is charged the detours starting in it plus
/// the in-progress ones of the gap before it (<see cref="WindowNoise"/>): the gap runs from the nominal end of the rank's
/// previous window to the window's start, i.e. max(stretch, arrival − nominal end) for a receive and the stretch alone
/// otherwise. The gap enters through the age weights P(gap &gt; a) = 1 − F_stretch(a)·P(arrival − nominal end ≤ a), the
/// two clocks independent (they depend on disjoint sets of ranks): averaged over the gap's law, exact for the mean and
/// to first order in the in-progress mass for the law. Where the noise keeps 10⁻² detours or more in progress on a core, a
/// receive is charged instead per group of its starts, with the age weights of the gaps that end there
/// (<see cref="StartGroups"/>; <see cref="ClosedFormOptions.ReceivesConditionedOnStart"/>): a late start had a long gap. With node classes a window is charged its rank's class's noise
/// (the collectives keep a law per class: a rank keeps its class in every window; <see cref="RecursiveDoublingForm"/>,
/// <see cref="DisseminationForm"/>, <see cref="TreeForm"/>), or, for class −1, the share-weighted mixture of the classes'
/// (a rank drawn at random, for the mean noise of a window over ranks). A window's charged noise depends only on its length,
/// population and age weights; each such law is computed once per context (the windows of one kind repeat over the
/// levels, block kinds and passes of a collective: 27 % of recursive doubling's windows at 131,072 ranks, 42 % at 46,656).
/// </summary>
internal sealed class StepContext
{
    private readonly NoiseGrid grid;
    private readonly WindowNoise[] noises;
    private readonly double[] shares;
    private readonly double work;
    private readonly double[] ages;
    private readonly bool inProgressAtStart;
    private readonly bool conditionOnStart;
    private readonly long ranksPerNode;
    private readonly Dictionary<LawKey, GridMeasure> laws = [];

    public StepContext(NoisePopulations pops, double work, double overhead, double wire, bool inProgressAtStart = true, bool conditionOnStart = true)
    {
        this.conditionOnStart = conditionOnStart;
        this.inProgressAtStart = inProgressAtStart;
        ranksPerNode = (long)pops.RanksPerNode;
        grid = pops.Grid;
        noises = pops.Noise;
        shares = pops.Shares;
        this.work = work;
        Overhead = overhead;
        Wire = wire;
        var edges = pops.AgeEdges;
        ages = new double[edges.Length - 1];
        for (var b = 0; b < ages.Length; b++)
        {
            var (lo, hi) = (edges[b], edges[b + 1]);
            ages[b] = double.IsPositiveInfinity(hi) ? lo : lo == 0 ? 0.5 * hi : Math.Sqrt(lo * hi);
        }
    }

    public NoiseGrid Grid => grid;

    /// <summary>Populations: 1 without node classes, else the base and each class (<see cref="NoisePopulations"/>).</summary>
    public int Classes => noises.Length;

    /// <summary>Each population's share of the ranks.</summary>
    public double[] Shares => shares;

    /// <summary>Σ_c s_c f(c): the mean over ranks of a quantity known per class (f(0) itself without classes).</summary>
    public double OverClasses(Func<int, double> f)
    {
        var sum = 0.0;
        for (var c = 0; c < shares.Length; c++) sum += shares[c] * f(c);
        return sum;
    }

    /// <summary>The share of rank pairs (x, x XOR d) (<paramref name="xor"/>) or (x, x − d) that lie on one node of R
    /// consecutive ranks (<see cref="NoisePopulations.RanksPerNode"/>; 0 for classes of single cores, R = 1): such partners
    /// share a class, the others draw theirs independently. x − d: (R − d)/R for d &lt; R; x XOR d: counted over one period
    /// 2dR of both patterns; 0 for d ≥ R.</summary>
    public double SameNode(long distance, bool xor)
    {
        var r = ranksPerNode;
        if (r <= 1 || distance >= r) return 0;
        if (!xor) return (double)(r - distance) / r;
        var period = 2 * distance * r;
        long same = 0;
        for (long x = 0; x < period; x++)
            if (x / r == (x ^ distance) / r) same++;
        return (double)same / period;
    }

    /// <summary>W.</summary>
    public double Work => work;

    /// <summary>o.</summary>
    public double Overhead { get; }

    /// <summary>c − 2o.</summary>
    public double Wire { get; }

    /// <summary>The compute window from a rank's clock at the step's start (null: the run's start, τ = 0 in the stationary
    /// noise state, or with nothing in progress for a cold start).</summary>
    public RankClock Compute(RankClock? start, int cls = -1) =>
        start is null ? Window(RankClock.At(grid, 0), work, inProgressAtStart ? Stationary : noises[0].NoGap, cls) : Window(start, work, WeightsAfter(start.LastWindow), cls);

    /// <summary>A window of <paramref name="length"/> right after the rank's previous one (the gap is its stretch).</summary>
    public RankClock Window(RankClock c, double length, int cls = -1) => Window(c, length, WeightsAfter(c.LastWindow), cls);

    /// <summary>The send window of a rank whose clock is <paramref name="c"/> (of population <paramref name="cls"/>, −1: the
    /// mixture).</summary>
    public RankClock Send(RankClock c, int cls = -1) => Window(c, Overhead, cls);

    /// <summary>A receive window that starts when the rank is free (<paramref name="current"/>) and the message sent by a
    /// partner whose send ends at <paramref name="partnerSend"/> has arrived; <paramref name="weights"/> gives the age
    /// weights of its gap instead of computing them from the two clocks. <see cref="LastReceiveWeights"/> holds the weights
    /// averaged over its starts, also where the window is charged per group of starts.</summary>
    public RankClock Receive(RankClock current, RankClock partnerSend, double[]? weights = null, int cls = -1)
    {
        var arrival = partnerSend with { Tau = partnerSend.Tau + Wire };
        var start = RankClock.MaxDelay(current, arrival, out var tau);
        var given = weights is not null;
        weights ??= ReceiveWeights(current.NominalEnd, current.LastWindow, arrival);
        LastReceiveWeights = weights;
        var before = new RankClock(tau, start, current.LastWindow, start);
        if (!given && ConditionsOnStart(cls) && StartGroups(current.NominalEnd, current.LastWindow, arrival, start, tau - current.Tau) is { } groups)
        {
            Conditioned = true;
            // The receive's noise given its start: each group of starts convolved with the law of its own age weights.
            var delays = new GridMeasure[groups.Length];
            var laws = new GridMeasure[groups.Length];
            var masses = new double[groups.Length];
            for (var j = 0; j < groups.Length; j++)
            {
                laws[j] = LawOf(Overhead, groups[j].Weights, cls);
                delays[j] = GridMeasure.Convolve(groups[j].Start, laws[j]);
                masses[j] = groups[j].Start.Total;
            }
            var ones = new double[groups.Length];
            Array.Fill(ones, 1.0);
            return new RankClock(tau + Overhead, GridMeasure.Mix(ones, delays), GridMeasure.Mix([.. masses.Select(m => m / masses.Sum())], laws), start);
        }
        return Window(before, Overhead, weights, cls);
    }

    /// <summary>Whether a receive built so far was charged per group of its starts.</summary>
    public bool Conditioned { get; private set; }

    /// <summary>In-progress mass (<see cref="WindowNoise.InProgressMass"/>) from which a receive's noise is conditioned on
    /// its start: 10⁻². Below it the conditioning was measured to move little at a cost of two to six times a collective's
    /// evaluation, and is left out: with three groups applied everywhere, Linux's default noise (its noisiest population
    /// 6·10⁻⁴) moved the default sweep's runtimes by at most 1.4·10⁻⁵ of themselves at 2.3 times the sweep's cost, and the
    /// agreement matrix's exponential, Pareto α 2.5 and log-normal σ 2 noise (all below 10⁻²) by at most 0.2 points
    /// (recursive doubling's stationary step at 131,072 ranks −1.37 → −1.24 % against the simulator). At 0.025 (a 200 µs
    /// daemon at 100/s) it moves recursive doubling's step by 5–6 % towards the simulator.</summary>
    internal const double ConditionedMass = 1e-2;

    /// <summary>Whether the receives of population <paramref name="cls"/> (−1: any) are conditioned on their start.</summary>
    private bool ConditionsOnStart(int cls) =>
        conditionOnStart && (cls < 0 ? noises.Any(n => n.InProgressMass >= ConditionedMass) : noises[cls].InProgressMass >= ConditionedMass);

    /// <summary>Survivals of a receive's start at which its law is cut into groups, each charged the in-progress noise of
    /// its own gaps (<see cref="StartGroups"/>): the median, then a decade at a time to 5·10⁻⁴ (five groups). Finer groups
    /// converge slowly for a tenfold cost: a 200 µs daemon at 100/s on every core, recursive doubling's first step against
    /// the wall-clock simulator at 1,024 / 16,384 ranks: averaged weights −11.3 / −9.9 %, cuts at 0.5 and 10⁻³ −7.1 /
    /// −6.1 %, these −5.5 / −4.8 %, seven cuts from 0.9 to 10⁻⁵ −4.9 / −4.6 %, nineteen −4.1 / −4.1 %.</summary>
    private static ReadOnlySpan<double> StartCuts => [0.5, 0.05, 0.005, 5e-4];

    /// <summary>
    /// The start law of a receive cut into groups at the survivals <see cref="StartCuts"/>, and each group's age weights
    /// P(gap &gt; a | start in the group). A late start is a long gap (the rank waited), whose in-progress detours are the
    /// older and longer ones; averaging the weights over all starts (<see cref="ReceiveWeights"/>) charges an early start
    /// the late ones' remainders and a late start too few. Let D_x be the delay at the nominal end of the rank's last window
    /// (law x_i with mass m_i), σ that window's stretch and A = D_arr + c the arrival on the same clock: the start is
    /// T = max(D_x + σ, A), the gap T − D_x, and given D_x = x_i, F_(T|i)(t) = F_σ(t − x_i)·F_A(t − c) (the three
    /// independent). For a group u &lt; T ≤ v: P(gap &gt; a, T ∈ (u, v]) = Σ_i m_i [F_(T|i)(v) − F_(T|i)(max(u, x_i + a))]⁺,
    /// divided by P(T ∈ (u, v]) = Σ_i m_i [F_(T|i)(v) − F_(T|i)(u)]. The groups are runs of whole grid points (so a group's
    /// bounds are grid points, and the groups move with the grid: the reason the conditioning is more sensitive to the grid
    /// than the averaged weights, 10⁻³ of a step against 10⁻⁴; splitting a point's mass at the cut instead put part of an
    /// atom — a start at exactly 0 — in a group whose bounds exclude it, and charged it a later start's remainders). Null
    /// when the start has a single group (a start concentrated on one point).
    /// </summary>
    /// <param name="nominalEnd">The rank's clock at its last window's nominal end.</param>
    /// <param name="stretch">The law of the last window's charged noise σ.</param>
    /// <param name="arrival">The message's arrival clock.</param>
    /// <param name="start">The law of the receive's start delay (on the clock τ = max of the two τ).</param>
    /// <param name="shift">τ of the start minus τ of the rank's clock (≥ 0).</param>
    internal (GridMeasure Start, double[] Weights)[]? StartGroups(RankClock nominalEnd, GridMeasure stretch, RankClock arrival, GridMeasure start, double shift)
    {
        var x = grid.X;
        var n = x.Length;
        var survival = start.Survival();
        // The last index of each group but the last (whose end is +∞): the first point where the start's survival is at
        // or below the cut. The groups are runs of whole points, so each point's mass, an atom included, is charged with
        // the weights of the starts its own group bounds hold.
        var ends = new List<int>();
        foreach (var cut in StartCuts)
        {
            var k = Array.FindIndex(survival, v => v <= cut);
            if (k < 0 || k == n - 1) break;
            if (ends.Count > 0 && k <= ends[^1]) continue;
            ends.Add(k);
        }
        if (ends.Count == 0) return null;
        var c = arrival.Tau - nominalEnd.Tau;
        var sa = stretch.Survival();
        var sd = arrival.Delay.Survival();
        double Fs(double t) => t < 0 ? 0 : 1 - WindowNoise.SurvivalAt(stretch, sa, t);
        double Fa(double t) => t < 0 ? 0 : 1 - WindowNoise.SurvivalAt(arrival.Delay, sd, t);
        var own = nominalEnd.Delay.M;
        // Group bounds on the rank's clock: (u_j, v_j], u_0 = −∞, v_last = +∞.
        var bounds = new double[ends.Count + 2];
        bounds[0] = double.NegativeInfinity;
        for (var j = 0; j < ends.Count; j++) bounds[j + 1] = x[ends[j]] + shift;
        bounds[^1] = double.PositiveInfinity;
        double F(int i, double t) => double.IsNegativeInfinity(t) ? 0 : double.IsPositiveInfinity(t) ? 1 : Fs(t - x[i]) * Fa(t - c);
        var groups = new List<(GridMeasure, double[])>();
        for (var j = 0; j + 1 < bounds.Length; j++)
        {
            var lo = j == 0 ? 0 : ends[j - 1] + 1;
            var hi = j < ends.Count ? ends[j] : n - 1;
            var m = new double[n];
            Array.Copy(start.M, lo, m, lo, hi - lo + 1);
            var last = j == ends.Count;
            // The mass beyond the grid, with its excess (infinite for remainders of infinite mean), is the last group's.
            var part = new GridMeasure(grid, m, last ? start.Over : 0, last ? start.OverExcess : 0);
            if (!(part.Total > 0)) continue;
            var (u, v) = (bounds[j], bounds[j + 1]);
            var norm = 0.0;
            for (var i = 0; i < own.Length; i++)
                if (own[i] != 0) norm += own[i] * Math.Max(0, F(i, v) - F(i, u));
            var w = new double[ages.Length];
            if (norm > 0)
                for (var b = 0; b < w.Length; b++)
                {
                    if (double.IsPositiveInfinity(noises[0].AgeEdges[b + 1])) continue;
                    var joint = 0.0;
                    for (var i = 0; i < own.Length; i++)
                        if (own[i] != 0) joint += own[i] * Math.Max(0, F(i, v) - F(i, Math.Max(u, x[i] + ages[b])));
                    w[b] = Math.Clamp(joint / norm, 0, 1);
                }
            groups.Add((part, w));
        }
        return groups.Count < 2 ? null : [.. groups];
    }

    /// <summary>A window of <paramref name="length"/> from clock <paramref name="c"/> with the given age weights, charged the
    /// noise of population <paramref name="cls"/> (−1: the mixture of the populations).</summary>
    public RankClock Window(RankClock c, double length, double[] weights, int cls = -1)
    {
        var law = LawOf(length, weights, cls);
        var delay = GridMeasure.Convolve(c.Delay, law);
        return new RankClock(c.Tau + length, delay, law, c.Delay);
    }

    /// <summary>The law of the charged noise of a window, computed once per length, population and age weights; the
    /// mixture's from its populations' own (which the collectives' per-class windows of the same length and weights share).</summary>
    private GridMeasure LawOf(double length, double[] weights, int cls)
    {
        var key = new LawKey(length, cls, weights);
        if (laws.TryGetValue(key, out var law)) return law;
        law = cls < 0 && noises.Length > 1
            ? GridMeasure.Mix(shares, [.. Enumerable.Range(0, noises.Length).Select(c => LawOf(length, weights, c))])
            : Law(length, weights, cls);
        laws[key] = law;
        return law;
    }

    /// <summary>The law of the charged noise of a window of <paramref name="length"/> with the given age weights, of population
    /// <paramref name="cls"/> (−1 without node classes).</summary>
    private GridMeasure Law(double length, double[] weights, int cls)
    {
        var one = noises.Length == 1 ? noises[0] : noises[cls];
        GridMeasure law;
        if (noises.Length == 1 && !one.HasPeriodic && length < work)
        {
            // A window shorter than the compute (a message's overhead) holds few detours: the compound Poisson series
            // from a point mass, its terms of two or more jumps on the jumps compressed (their weight is O(μ²)).
            var jumps = one.Jumps(length, weights);
            law = DetourMeasure.ConvolveCompoundPoisson(GridMeasure.Zero(grid), jumps, jumps.Compress(GapChain.CompressPoints));
        }
        else
            // Node classes keep Panjer's recursion (exact on the linear part): on their grid, planned over every class's
            // sources, the compressed terms lose the body of a short-detour class next to a long one (a share of 10⁻⁹ of
            // cores with 200 µs detours beside 5 µs ones moved recursive doubling's step 0.15 % off the base noise's, and
            // further on finer grids, where Panjer's stays within 0.1 % and converges to it).
            law = one.Law(length, weights);
        return law;
    }

    /// <summary>Recursive doubling's exchanges of a run's first step (every rank starting from the run's start), by level
    /// and number of pre-step ranks in the block: the laws of the block's ranks afterwards and the age weights of their
    /// receives. They do not depend on P, so the evaluations of one step at several P — the stationary step's bounds at its
    /// power-of-two core and anchor (<see cref="NoiseClosedForm"/>) — compute each once (<see cref="RecursiveDoublingForm.Run"/>).</summary>
    public Dictionary<(int Level, long PreRanks), (RankClock[] Clocks, double[][] Weights)> FirstStepExchanges { get; } = [];

    /// <summary>The age weights of the last receive window built (for replaying a level's waits).</summary>
    public double[] LastReceiveWeights { get; private set; } = [];

    /// <summary>Age weights of the stationary state.</summary>
    public double[] Stationary => noises[0].Stationary;

    /// <summary>Age weights P(stretch &gt; a) for a window right after one whose charged noise has law <paramref name="stretch"/>.</summary>
    public double[] WeightsAfter(GridMeasure stretch) => noises[0].WeightsFor(stretch);

    /// <summary>Age weights of a receive window: P(gap &gt; a) = 1 − F_stretch(a)·P(arrival − nominal end ≤ a) per age bin.</summary>
    public double[] ReceiveWeights(RankClock nominalEnd, GridMeasure stretch, RankClock arrival)
    {
        var w = new double[ages.Length];
        var c = arrival.Tau - nominalEnd.Tau;
        var sa = stretch.Survival();
        var sd = arrival.Delay.Survival();
        var x = grid.X;
        var own = nominalEnd.Delay.M;
        for (var b = 0; b < w.Length; b++)
        {
            var a = ages[b];
            // P(D_arr − D_x > a − c) = Σ_i P(D_x = x_i) P(D_arr > x_i + a − c)
            var later = 0.0;
            var k = 0;
            for (var i = 0; i < own.Length; i++)
            {
                if (own[i] == 0) continue;
                var y = x[i] + a - c;
                double s;
                if (y < 0) s = 1;
                else if (y >= x[^1]) s = arrival.Delay.Over;
                else
                {
                    k = x[k] > y ? grid.Locate(y) : grid.LocateFrom(k, y);
                    s = sd[k];
                }
                later += own[i] * s;
            }
            var fa = 1 - WindowNoise.SurvivalAt(stretch, sa, a);
            w[b] = double.IsPositiveInfinity(noises[0].AgeEdges[b + 1]) ? 0 : Math.Clamp(1 - fa * (1 - later), 0, 1);
        }
        return w;
    }

    /// <summary>What a window's charged noise depends on: its length, population and age weights (compared by value).</summary>
    private readonly struct LawKey(double length, int cls, double[] weights) : IEquatable<LawKey>
    {
        private readonly double length = length;
        private readonly int cls = cls;
        private readonly double[] weights = weights;

        public bool Equals(LawKey other) => length == other.length && cls == other.cls && weights.AsSpan().SequenceEqual(other.weights);

        public override bool Equals(object? obj) => obj is LawKey other && Equals(other);

        public override int GetHashCode()
        {
            var h = new HashCode();
            h.Add(length);
            h.Add(cls);
            foreach (var w in weights) h.Add(w);
            return h.ToHashCode();
        }
    }
}
