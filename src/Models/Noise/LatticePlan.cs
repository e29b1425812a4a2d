using PerfModel.Descriptions;

namespace PerfModel.Noise;

/// <summary>
/// The lattice a closed-form evaluation runs on: step h and number of points. When every detour duration is an atom
/// (fixed or empirical with few values) and all are whole multiples of a common step, that step is used and the result is
/// exact (Floor and Ceil agree); otherwise the extent U that matters is split into <c>denseBins</c> points and the
/// Floor/Ceil bracket measures the discretisation error.
/// U covers, per source, the (1 − 10⁻¹⁵/P) quantile of the detour count times the (1 − 10⁻⁶/(P λ w)) quantile of one
/// detour, for the compute window and for every collective round.
/// </summary>
/// <param name="StepSeconds">h.</param>
/// <param name="Bins">Points of the compute-window lattice.</param>
/// <param name="Exact">True when all durations lie on the lattice.</param>
/// <param name="ExtentSeconds">U.</param>
public sealed record LatticePlan(double StepSeconds, int Bins, bool Exact, double ExtentSeconds)
{
    /// <summary>The lattice for <paramref name="noise"/> over a step of <paramref name="workSeconds"/> and <paramref name="rounds"/> rounds of
    /// <paramref name="roundSeconds"/> with <paramref name="participants"/> copies (see the class remarks).</summary>
    public static LatticePlan For(NoiseProfile noise, double workSeconds, double roundSeconds, int rounds, double participants, int denseBins, int maxExactBins,
        bool alignRounds = true)
    {
        var sources = CompoundPoissonLattice.Active(noise);
        var total = workSeconds + rounds * roundSeconds;
        if (sources.Length == 0 || total <= 0) return new LatticePlan(Math.Max(1e-12, total / 16), 1, true, 0);
        // Pass 1: a pessimistic extent (count quantile × single-detour quantile per window) sizes a first lattice for
        // one rank's delay over the whole step, X(W + k c); its (1 − 10⁻¹⁵/P) quantile is the extent actually needed.
        var pessimistic = Math.Max(Extent(sources, workSeconds, participants) + rounds * Extent(sources, roundSeconds, participants),
            sources.Max(s => s.Duration.MeanSeconds));
        var exactStep = ExactStep(sources);
        // The first pass only locates the extent: a coarse lattice (at most 4,096 points) is enough.
        var firstStep = pessimistic / (Math.Min(denseBins, 4096) - 2);
        var firstBins = (int)Math.Ceiling(pessimistic / firstStep) + 2;
        var coarse = CompoundPoissonLattice.Build(noise, total, firstStep, LatticeRounding.Ceil, firstBins, out _);
        var extent = Math.Max(coarse.Quantile(1 - 1e-15 / participants) + firstStep, 2 * firstStep);
        // Heavy tails: past U the union bound P·Σ λ_j w E[(D_j − U)⁺] (the tail term added to the upper bound) is what
        // matters, not the quantile; stop where it is below 1e-4 of the step.
        // Only unbounded durations can have such tails; the bulk (twice the 1 − 10⁻⁶ quantile of one rank's delay) is
        // always covered, so sums of ordinary detours stay on the lattice.
        if (sources.Any(s => double.IsPositiveInfinity(s.Duration.MaxSeconds)))
        {
            var bulk = 2 * coarse.Quantile(1 - 1e-6) + firstStep;
            extent = Math.Min(extent, Math.Max(bulk, TailExtent(sources, total, participants, 1e-4 * total, extent)));
        }
        extent = Math.Max(extent, sources.Max(s => Math.Min(s.Duration.MaxSeconds, s.Duration.Quantile(0.5))));
        if (exactStep > 0 && extent / exactStep + 2 <= maxExactBins && (!alignRounds || OnLattice(roundSeconds, exactStep)))
            return new LatticePlan(exactStep, (int)Math.Ceiling(extent / exactStep) + 2, true, extent);
        // Dense: for the binomial tree the round time c must be a whole number of steps (its rounds compare a rank
        // with and without a round, so c cannot be factored out as it is for recursive doubling and dissemination).
        var step = extent / (denseBins - 2);
        if (alignRounds && rounds > 0 && roundSeconds > 0) step = roundSeconds / Math.Ceiling(roundSeconds / step);
        return new LatticePlan(step, (int)Math.Ceiling(extent / step) + 2, false, extent);
    }

    /// <summary>The common step of all detour durations when every one is an atom (fixed or empirical, at most 64
    /// distinct values) and they share one; 0 otherwise.</summary>
    private static double ExactStep(NoiseSource[] sources)
    {
        if (!sources.All(s => s.Duration is FixedDuration or EmpiricalDuration)) return 0;
        var atoms = sources.SelectMany(Atoms).Where(x => x > 0).Distinct().ToArray();
        return atoms.Length is > 0 and <= 64 ? CommonStep(atoms) : 0;
    }

    /// <summary>Smallest U (by bisection on a log scale, up to <paramref name="upper"/>) with P·Σ λ_j w E[(D_j − U)⁺] ≤ target.</summary>
    private static double TailExtent(NoiseSource[] sources, double window, double participants, double target, double upper)
    {
        double Tail(double u) => sources.Sum(s => participants * s.Rate.PerSecond * window * s.Duration.ExpectedExcess(u));
        if (Tail(upper) > target) return upper;
        var lo = sources.Min(s => s.Duration.Quantile(0.5));
        if (Tail(lo) <= target) return lo;
        var hi = upper;
        for (var i = 0; i < 60; i++)
        {
            var mid = Math.Sqrt(lo * hi);
            if (Tail(mid) > target) lo = mid; else hi = mid;
        }
        return hi;
    }

    private static bool OnLattice(double seconds, double step)
    {
        var x = seconds / step;
        return Math.Abs(x - Math.Round(x)) <= 1e-9 * Math.Max(1, x);
    }

    /// <summary>Pessimistic extent of one rank's delay over <paramref name="window"/>: per source, the (1 − 10⁻¹⁵/P) count
    /// quantile times the (1 − 10⁻⁶/(P λ w)) single-detour quantile.</summary>
    internal static double Extent(NoiseSource[] sources, double window, double participants)
    {
        if (window <= 0) return 0;
        var total = 0.0;
        foreach (var s in sources)
        {
            var mean = s.Rate.PerSecond * window;
            var count = PoissonUpper(mean, 1e-15 / participants);
            var single = s.Duration.MaxSeconds < double.PositiveInfinity
                ? s.Duration.MaxSeconds
                : s.Duration.Quantile(1 - Math.Min(0.5, 1e-6 / (participants * Math.Max(mean, 1e-300))));
            total += count * single;
        }
        return total;
    }

    /// <summary>Smallest n with P(K &gt; n) &lt; eps for K ~ Poisson(mean), walking the pmf from 0 in log space.</summary>
    private static int PoissonUpper(double mean, double eps)
    {
        var logP = -mean;
        var n = 0;
        while (true)
        {
            // Past the mode the remaining tail is below pmf(n+1)/(1 − mean/(n+2)).
            if (n > mean)
            {
                var next = logP + Math.Log(mean) - Math.Log(n + 1);
                var ratio = mean / (n + 2);
                if (next - Math.Log(1 - ratio) < Math.Log(eps)) return Math.Max(n, 1);
            }
            n++;
            logP += Math.Log(mean) - Math.Log(n);
            if (n > 10_000_000) return n;
        }
    }

    private static IEnumerable<double> Atoms(NoiseSource s) => s.Duration switch
    {
        FixedDuration f => [f.Duration.Seconds],
        EmpiricalDuration e => e.ValuesSeconds,
        _ => [],
    };

    /// <summary>The largest h = min/m (m = 1 … 100,000) of which every atom is a whole multiple (to 1e-9 relative), or 0.</summary>
    private static double CommonStep(double[] atoms)
    {
        var min = atoms.Min();
        for (var m = 1; m <= 100_000; m++)
        {
            var h = min / m;
            if (atoms.All(a => { var x = a / h; return Math.Abs(x - Math.Round(x)) <= 1e-9 * Math.Max(1, x); }))
                return h;
        }
        return 0;
    }
}
