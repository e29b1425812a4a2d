namespace PerfModel.Noise;

/// <summary>
/// The windows of one step, as the wall-clock simulator runs them (<see cref="WallClock.WallClockSimulator"/>): the compute
/// window W, and per message a send window o on the sender, the wire c − 2o and a receive window o on the receiver that
/// starts when the receiver is free and the message has arrived. Each window is charged the detours starting in it plus
/// the in-progress ones of the gap before it (<see cref="WindowNoise"/>): the gap runs from the nominal end of the rank's
/// previous window to the window's start, i.e. max(stretch, arrival − nominal end) for a receive and the stretch alone
/// otherwise. The gap enters through the age weights P(gap &gt; a) = 1 − F_stretch(a)·P(arrival − nominal end ≤ a), the
/// two clocks independent (they depend on disjoint sets of ranks): averaged over the gap's law, exact for the mean and
/// to first order in the in-progress mass for the law. With node classes every window's law is the share-weighted
/// mixture of the classes' (each rank's class drawn anew per window: an approximation that ignores that a rank keeps its
/// class; see <see cref="NoiseClosedForm"/> for its measured error).
/// </summary>
internal sealed class StepContext
{
    private readonly NoiseGrid grid;
    private readonly WindowNoise[] noises;
    private readonly double[] shares;
    private readonly double work;
    private readonly double[] ages;
    private readonly bool inProgressAtStart;

    public StepContext(NoisePopulations pops, double work, double overhead, double wire, bool inProgressAtStart = true)
    {
        this.inProgressAtStart = inProgressAtStart;
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

    /// <summary>W.</summary>
    public double Work => work;

    /// <summary>o.</summary>
    public double Overhead { get; }

    /// <summary>c − 2o.</summary>
    public double Wire { get; }

    /// <summary>The compute window from a rank's clock at the step's start (null: the run's start, τ = 0 in the stationary
    /// noise state, or with nothing in progress for a cold start).</summary>
    public RankClock Compute(RankClock? start) =>
        start is null ? Window(RankClock.At(grid, 0), work, inProgressAtStart ? Stationary : noises[0].NoGap) : Window(start, work, WeightsAfter(start.LastWindow));

    /// <summary>A window of <paramref name="length"/> right after the rank's previous one (the gap is its stretch).</summary>
    public RankClock Window(RankClock c, double length) => Window(c, length, WeightsAfter(c.LastWindow));

    /// <summary>The send window of a rank whose clock is <paramref name="c"/>.</summary>
    public RankClock Send(RankClock c) => Window(c, Overhead);

    /// <summary>A receive window that starts when the rank is free (<paramref name="current"/>) and the message sent by a
    /// partner whose send ends at <paramref name="partnerSend"/> has arrived; <paramref name="weights"/> gives the age
    /// weights of its gap instead of computing them from the two clocks.</summary>
    public RankClock Receive(RankClock current, RankClock partnerSend, double[]? weights = null)
    {
        var arrival = partnerSend with { Tau = partnerSend.Tau + Wire };
        var start = RankClock.MaxDelay(current, arrival, out var tau);
        weights ??= ReceiveWeights(current.NominalEnd, current.LastWindow, arrival);
        LastReceiveWeights = weights;
        var before = new RankClock(tau, start, current.LastWindow, start);
        return Window(before, Overhead, weights);
    }

    /// <summary>A window of <paramref name="length"/> from clock <paramref name="c"/> with the given age weights.</summary>
    public RankClock Window(RankClock c, double length, double[] weights)
    {
        GridMeasure delay, law;
        if (noises.Length == 1 && !noises[0].HasPeriodic && length < work)
        {
            var jumps = noises[0].Jumps(length, weights);
            var coarse = jumps.Compress(GapChain.CompressPoints);
            law = DetourMeasure.ConvolveCompoundPoisson(GridMeasure.Zero(grid), jumps, coarse);
            delay = DetourMeasure.ConvolveCompoundPoisson(c.Delay, jumps, coarse);
        }
        else
        {
            law = noises.Length == 1 ? noises[0].Law(length, weights) : GridMeasure.Mix(shares, [.. noises.Select(n => n.Law(length, weights))]);
            delay = GridMeasure.Convolve(c.Delay, law);
        }
        return new RankClock(c.Tau + length, delay, law, c.Delay);
    }

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
}
