namespace PerfModel.Noise;

/// <summary>
/// The windows of one step, as the wall-clock simulator runs them (<see cref="WallClock.WallClockSimulator"/>): the compute
/// window W, and per message a send window o on the sender, the wire c − 2o and a receive window o on the receiver that
/// starts when the receiver is free and the message has arrived. Each window is charged the detours starting in it plus
/// the in-progress ones of the gap before it (<see cref="WindowNoise"/>): the gap runs from the nominal end of the rank's
/// previous window to the window's start, i.e. max(stretch, arrival − nominal end) for a receive and the stretch alone
/// otherwise. The gap enters through the age weights P(gap &gt; a) = 1 − F_stretch(a)·P(arrival − nominal end ≤ a), the
/// two clocks independent (they depend on disjoint sets of ranks): averaged over the gap's law, exact for the mean and
/// to first order in the in-progress mass for the law. With node classes a window is charged its rank's class's noise
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
    private readonly long ranksPerNode;
    private readonly Dictionary<LawKey, GridMeasure> laws = [];

    public StepContext(NoisePopulations pops, double work, double overhead, double wire, bool inProgressAtStart = true)
    {
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
    /// weights of its gap instead of computing them from the two clocks.</summary>
    public RankClock Receive(RankClock current, RankClock partnerSend, double[]? weights = null, int cls = -1)
    {
        var arrival = partnerSend with { Tau = partnerSend.Tau + Wire };
        var start = RankClock.MaxDelay(current, arrival, out var tau);
        weights ??= ReceiveWeights(current.NominalEnd, current.LastWindow, arrival);
        LastReceiveWeights = weights;
        var before = new RankClock(tau, start, current.LastWindow, start);
        return Window(before, Overhead, weights, cls);
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
