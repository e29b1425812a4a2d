using PerfModel.Descriptions;

namespace PerfModel.Noise;

/// <summary>
/// The charged noise of one rank's CPU window under the wall-clock rule (Hoefler, Schneider, Lumsdaine, SC10,
/// doi:10.1109/SC.2010.12): the full length of every detour that starts in the window, plus the remainder of every detour
/// in progress at its start that started in the uncharged time before it (the gap: the previous window's stretch and any
/// wait; every detour that started earlier was charged in full and has ended). The gap enters through age weights
/// w_b = P(gap &gt; a) over age bins [e_b, e_(b+1)): the in-progress jumps are Σ_b w_b ν_b, ν_b the remainders of the
/// detours of age in the bin (<see cref="DetourMeasure.InProgress"/>); w ≡ 1 is the stationary state of a timeline that
/// has run long (the first window of a run), w_b = 1{e_(b+1) ≤ g} a gap of exactly g. For a random gap independent of the
/// window's own detours this averages the in-progress intensity over the gap's law, exact for the mean and to first order
/// in the in-progress mass for the distribution.
/// <para>Per source: Poisson (and trace sources, seen as Poisson arrivals of the trace's rate with its empirical durations):
/// compound Poisson of starts λT·D and in-progress jumps. Periodic (rate f, phase uniform on [0, 1/f)): with n = ⌊Tf⌋,
/// φ = frac(Tf), a window of age a since the last tick holds n ticks when a &lt; (1 − φ)/f and n + 1 otherwise, and the tick
/// of age a is in progress with remainder D − a when D &gt; a (at most one: D &lt; 1/f); the two regimes are mixed exactly
/// (Tsafrir, Etsion, Feitelson, Kirkpatrick, ICS 2005, doi:10.1145/1088149.1088195). The sources are independent, so
/// their laws convolve.</para>
/// </summary>
internal sealed class WindowNoise
{
    private readonly NoiseGrid grid;
    private readonly NoiseSource[] poisson;
    private readonly NoiseSource[] periodic;
    private readonly GridMeasure[] inProgressBins; // Σ over Poisson sources, per age bin
    private readonly bool[] binHasMass; // whether each age bin's measure has positive total
    private readonly Dictionary<double, GridMeasure> starts = [];
    private readonly Dictionary<double, GridMeasure> startsLaw = [];

    /// <param name="grid">The evaluation's grid.</param>
    /// <param name="profile">The population's sources.</param>
    /// <param name="ageEdges">Age-bin edges e_0 = 0 &lt; … &lt; e_B = ∞.</param>
    /// <param name="timelineAgeSeconds">How long the timelines have run (∞: stationary). A detour in progress started after
    /// the timeline began, so the Poisson sources' in-progress remainders keep only the ages below it
    /// (<see cref="ClosedFormOptions.TimelineAgeSeconds"/>); a periodic source's in-progress tick is younger than its
    /// duration, which no step start after the first reaches.</param>
    public WindowNoise(NoiseGrid grid, NoiseProfile profile, double[] ageEdges, double timelineAgeSeconds = double.PositiveInfinity)
    {
        this.grid = grid;
        var active = CompoundPoissonLattice.Active(profile);
        poisson = [.. active.Where(s => s.Arrival != NoiseArrival.Periodic)];
        periodic = [.. active.Where(s => s.Arrival == NoiseArrival.Periodic)];
        CoScheduled = profile.CoScheduled;
        AgeEdges = ageEdges;
        inProgressBins = new GridMeasure[ageEdges.Length - 1];
        var bySource = poisson.Select(s => DetourMeasure.InProgressBins(grid, s.Duration, s.Rate.PerSecond, ageEdges)).ToArray();
        for (var b = 0; b + 1 < ageEdges.Length; b++)
        {
            var (lo, hi) = (ageEdges[b], ageEdges[b + 1]);
            var parts = lo >= timelineAgeSeconds ? []
                : poisson.Select((s, k) => (s, k)).Where(p => p.s.Duration.MaxSeconds > lo)
                    .Select(p => hi <= timelineAgeSeconds ? bySource[p.k][b] : DetourMeasure.InProgress(grid, p.s.Duration, p.s.Rate.PerSecond, lo, timelineAgeSeconds)).ToArray();
            inProgressBins[b] = parts.Length == 0 ? GridMeasure.Empty(grid) : GridMeasure.Mix([.. parts.Select(_ => 1.0)], parts);
        }
        binHasMass = [.. inProgressBins.Select(m => m.Total > 0)];
        InProgressMass = inProgressBins.Sum(m => m.Total);
        MeanRate = active.Sum(s => s.Rate.PerSecond);
    }

    /// <summary>Age-bin edges e_0 = 0 &lt; e_1 &lt; … &lt; e_B = ∞.</summary>
    public double[] AgeEdges { get; }

    /// <summary>Whether every rank of this population has the same timeline.</summary>
    public bool CoScheduled { get; }

    /// <summary>The expected number of the Poisson sources' detours in progress at a time of the stationary state,
    /// Σ λ·E[D] (Little's law; within the timeline's age and the grid).</summary>
    public double InProgressMass { get; }

    /// <summary>Σ λ over the sources.</summary>
    public double MeanRate { get; }

    /// <summary>Whether there is no source at all.</summary>
    public bool Silent => poisson.Length == 0 && periodic.Length == 0;

    /// <summary>Age weights of the stationary state (a run's first window).</summary>
    public double[] Stationary => [.. Enumerable.Repeat(1.0, AgeEdges.Length - 1)];

    /// <summary>Age weights of no gap (nothing in progress).</summary>
    public double[] NoGap => new double[AgeEdges.Length - 1];

    /// <summary>Age weights P(gap &gt; a) at each bin's geometric middle, for a gap with the given law (0 for the ages
    /// beyond the grid).</summary>
    public double[] WeightsFor(GridMeasure gap)
    {
        var s = gap.Survival();
        var w = new double[AgeEdges.Length - 1];
        for (var b = 0; b < w.Length; b++)
        {
            var lo = AgeEdges[b];
            var hi = AgeEdges[b + 1];
            w[b] = double.IsPositiveInfinity(hi) ? 0 : SurvivalAt(gap, s, lo == 0 ? 0.5 * hi : Math.Sqrt(lo * hi));
        }
        return w;
    }

    /// <summary>Age weights of a gap of exactly <paramref name="gap"/> (bins split by the fraction below the gap).</summary>
    public double[] WeightsForGap(double gap)
    {
        var w = new double[AgeEdges.Length - 1];
        for (var b = 0; b < w.Length; b++)
        {
            var lo = AgeEdges[b];
            var hi = AgeEdges[b + 1];
            w[b] = gap >= hi ? 1 : gap <= lo ? 0 : double.IsPositiveInfinity(hi) ? 0 : (gap - lo) / (hi - lo);
        }
        return w;
    }

    /// <summary>P(X &gt; a), the survival at the point at or below a.</summary>
    internal static double SurvivalAt(GridMeasure law, double[] survival, double a)
    {
        var x = law.Grid.X;
        if (a <= 0) return survival[0];
        if (a >= x[^1]) return law.Over;
        return survival[law.Grid.Locate(a)];
    }

    /// <summary>The jump measure of the Poisson sources over a window of <paramref name="window"/> seconds with age weights
    /// <paramref name="weights"/>.</summary>
    public GridMeasure Jumps(double window, double[] weights)
    {
        var starts = Starts(window);
        var m = new double[starts.M.Length];
        double over = 0, excess = 0;
        Add(1.0, starts);
        for (var b = 0; b < weights.Length; b++)
            if (weights[b] > 0 && binHasMass[b]) Add(weights[b], inProgressBins[b]);
        return new GridMeasure(grid, m, over, excess);

        // Σ w_k μ_k term by term, as GridMeasure.Mix adds them.
        void Add(double w, GridMeasure part)
        {
            var pm = part.M;
            for (var i = 0; i < m.Length; i++) m[i] += w * pm[i];
            over += w * part.Over;
            excess += GridMeasure.Times(w, part.OverExcess);
        }
    }

    /// <summary>The law of the charged noise over a window of <paramref name="window"/> seconds with age weights
    /// <paramref name="weights"/>.</summary>
    public GridMeasure Law(double window, double[] weights)
    {
        var law = DetourMeasure.CompoundPoisson(Jumps(window, weights));
        foreach (var s in periodic) law = GridMeasure.Convolve(law, Periodic(s, window, weights));
        return law;
    }

    /// <summary>G * (law of the window's noise), by the compound Poisson series when the window's jumps are few.</summary>
    public GridMeasure AddTo(GridMeasure g, double window, double[] weights)
    {
        var result = DetourMeasure.ConvolveCompoundPoisson(g, Jumps(window, weights));
        foreach (var s in periodic) result = GridMeasure.Convolve(result, Periodic(s, window, weights));
        return result;
    }

    /// <summary>The measure of the in-progress remainders of age bin <paramref name="bin"/> over all Poisson sources.</summary>
    public GridMeasure InProgressBin(int bin) => inProgressBins[bin];

    /// <summary>Whether the profile has periodic sources.</summary>
    public bool HasPeriodic => periodic.Length > 0;

    /// <summary>The compound Poisson law of the detours of the Poisson sources that start in a window.</summary>
    public GridMeasure StartsLaw(double window)
    {
        if (startsLaw.TryGetValue(window, out var m)) return m;
        m = DetourMeasure.CompoundPoisson(Starts(window));
        startsLaw[window] = m;
        return m;
    }

    /// <summary>G convolved with every periodic source's charged noise over the window.</summary>
    public GridMeasure WithPeriodic(GridMeasure g, double window, double[] weights)
    {
        foreach (var s in periodic) g = GridMeasure.Convolve(g, Periodic(s, window, weights));
        return g;
    }

    private GridMeasure Starts(double window)
    {
        if (starts.TryGetValue(window, out var m)) return m;
        var parts = poisson.Select(s => DetourMeasure.Starts(grid, s.Duration, s.Rate.PerSecond * window)).ToArray();
        m = parts.Length == 0 ? GridMeasure.Empty(grid) : GridMeasure.Mix([.. parts.Select(_ => 1.0)], parts);
        starts[window] = m;
        return m;
    }

    /// <summary>One periodic source's charged noise over a window (see the class remarks).</summary>
    private GridMeasure Periodic(NoiseSource s, double window, double[] weights)
    {
        var f = s.Rate.PerSecond;
        var period = 1 / f;
        var d = s.Duration;
        var ticks = window * f;
        var n = (int)Math.Floor(ticks);
        var phi = ticks - n;
        var split = (1 - phi) * period; // ages below: n ticks start in the window; above: n + 1
        var parts = new List<GridMeasure>();
        var pw = new List<double>();
        foreach (var (lo, hi, count) in new[] { (0.0, split, n), (split, period, n + 1) })
        {
            if (!(hi > lo)) continue;
            var prob = (hi - lo) * f;
            // In progress: the tick of age a ∈ [lo, hi) still running, weighted by P(gap > a) per age bin.
            var inProgress = GridMeasure.Empty(grid);
            for (var b = 0; b < weights.Length; b++)
            {
                var a0 = Math.Max(lo, AgeEdges[b]);
                var a1 = Math.Min(hi, AgeEdges[b + 1]);
                if (!(a1 > a0) || weights[b] == 0 || d.MaxSeconds <= a0) continue;
                inProgress = GridMeasure.Mix([1.0, weights[b]], [inProgress, DetourMeasure.InProgress(grid, d, f, a0, a1)]);
            }
            var bernoulli = GridMeasure.Mix([1.0, 1.0], [GridMeasure.Zero(grid).Scale(prob - inProgress.Total), inProgress]);
            parts.Add(GridMeasure.Convolve(bernoulli, Power(d, count)));
            pw.Add(1.0);
        }
        return GridMeasure.Mix(pw, parts);
    }

    /// <summary>The law of the sum of <paramref name="count"/> independent durations (binary powering).</summary>
    private GridMeasure Power(DurationDistribution d, int count)
    {
        if (count == 0) return GridMeasure.Zero(grid);
        if (d is FixedDuration fixedDuration) return GridMeasure.Zero(grid).Shift(count * fixedDuration.Duration.Seconds);
        var single = DetourMeasure.Starts(grid, d, 1);
        single = GridMeasure.Mix([1.0, 1.0], [single, GridMeasure.Zero(grid).Scale(1 - single.Total)]);
        GridMeasure? result = null;
        var square = single;
        for (var k = count; k > 0; k >>= 1)
        {
            if ((k & 1) == 1) result = result is null ? square : GridMeasure.Convolve(result, square);
            if (k > 1) square = GridMeasure.Convolve(square, square);
        }
        return result!;
    }
}
