using PerfModel.Descriptions;

namespace PerfModel.Noise;

/// <summary>
/// Chooses the <see cref="NoiseGrid"/> of one evaluation. Linear part: up to U = Σ_j K_j·d_j over the sources of every
/// population, K_j the (1 − 10⁻⁶) quantile of the count of detours a rank sees in a step (its CPU time plus one detour's
/// mean, the in-progress ones) and d_j the 0.99 quantile of one detour (a fixed duration's value; the rarer, longer
/// detours of a long tail are resolved relatively, by the geometric part), split into the options' linear points. A fixed
/// duration longer than <see cref="LongFixedFactor"/> times the span of the other (spread) sources is left out of U: the
/// linear step then resolves the short detours whose maximum over ranks decides the step at moderate P (with Linux's
/// 1 ms noisy-core detour in U, 64 points gave a 16 µs step and a maximum biased up by 3.8 % at 16,384 ranks), and the
/// long detour and its multiples are points of the geometric part; the step is shrunk so that the shortest fixed duration (and, for the binomial tree, the message
/// overhead) is a whole number of steps (only a fixed duration inside the linear part). Geometric part: ratio 1 + ρ from U up to where P·Σ_j λ_j(T·S_j(x) + E[(D_j − x)⁺])
/// (starts and in-progress tails over the step's T seconds of CPU time) falls below the options' tail target, at most
/// the options' geometric points; beyond it the tail is the power law fitted to the mass and excess left over. Fixed
/// durations and their multiples get points of their own in the geometric part. Age bins for the in-progress jumps: 0, h,
/// h·r, h·r², … up to the last point, then ∞ (<see cref="AgeEdges"/>).
/// </summary>
internal static class GridPlan
{
    /// <summary>A fixed duration longer than this many times the span of the sources with spread durations is left out of
    /// the linear part (it becomes a point of the geometric part).</summary>
    public const double LongFixedFactor = 4;

    public static NoiseGrid For(IReadOnlyList<NoiseProfile> populations, double cpuSeconds, double alignTo, double participants, ClosedFormOptions options)
    {
        var sources = populations.SelectMany(p => CompoundPoissonLattice.Active(p)).ToArray();
        // Σ K_j·d_j of one set of sources.
        double Span(IEnumerable<NoiseSource> set) => set.Sum(s =>
        {
            var k = Math.Max(1, PoissonUpper(s.Rate.PerSecond * (cpuSeconds + s.Duration.MeanSeconds), 1e-6));
            return k * (s.Duration is FixedDuration ? s.Duration.MaxSeconds : s.Duration.Quantile(0.99));
        });
        // A fixed duration longer than LongFixedFactor times the other sources' span stays out of the linear part: its
        // multiples are points of their own in the geometric part, and the linear step resolves the short detours.
        var spread = Span(sources.Where(s => s.Duration is not FixedDuration));
        var linear = spread > 0
            ? sources.Where(s => s.Duration is not FixedDuration || s.Duration.MaxSeconds <= LongFixedFactor * spread).ToArray()
            : sources;
        var u = Math.Max(Span(linear), linear.Max(s => s.Duration.MeanSeconds));
        var atoms = sources.Where(s => s.Duration is FixedDuration).Select(s => s.Duration.MaxSeconds).Where(d => d > 0).Distinct().OrderBy(d => d).ToArray();
        var lin = options.LinearPoints;
        var h = u / (lin - 1);
        var inLinear = atoms.Where(a => a <= u).ToArray();
        if (inLinear.Length > 0) h = inLinear[0] / Math.Ceiling(inLinear[0] / h * (1 - 1e-12));
        else if (alignTo > 0) h = alignTo / Math.Ceiling(alignTo / h * (1 - 1e-12));

        // Geometric part: until P times the tail of one rank's noise over the step is below the target.
        double Tail(double x) => sources.Sum(s => s.Rate.PerSecond * (cpuSeconds * s.Duration.Survival(x) + s.Duration.ExpectedExcess(x)));
        var linEnd = (lin - 1) * h;
        var extent = linEnd;
        var q = 1 + options.TailRatio;
        var limit = linEnd * Math.Pow(q, options.GeometricPoints);
        while (extent < limit && participants * Tail(extent) > options.TailTarget) extent *= q;
        // Bounded durations: far enough for the largest count that matters at P.
        var bounded = sources.All(s => double.IsFinite(s.Duration.MaxSeconds));
        if (bounded)
        {
            var reach = sources.Sum(s => Math.Max(1, PoissonUpper(s.Rate.PerSecond * (cpuSeconds + s.Duration.MeanSeconds), 1e-12 / participants)) * s.Duration.MaxSeconds);
            extent = Math.Max(extent, Math.Min(limit, reach));
        }
        var extraAtoms = new List<double>();
        foreach (var a in atoms)
            for (var m = 1; m <= 16 && m * a <= extent; m++) extraAtoms.Add(m * a);
        if (atoms.Length > 1)
            foreach (var a in atoms)
                foreach (var b in atoms)
                    if (a < b && a + b <= extent) extraAtoms.Add(a + b);
        return NoiseGrid.Create(h, lin, options.TailRatio, extent, extraAtoms, atoms, 1 + 5 * options.TailRatio);
    }

    /// <summary>Age-bin edges 0, h, hr, hr², … (below the last point; r = <see cref="NoiseGrid.AgeRatio"/>, 1 + 5ρ: 1.25 at
    /// the default options, where the barrier's stationary step is then within 0.3 % of the simulator for a 1 ms detour
    /// at 20/s, 0.6 % at r = √2), the last point, ∞. The last bin, ages beyond the grid, counts only in the stationary
    /// state.</summary>
    public static double[] AgeEdges(NoiseGrid grid)
    {
        var edges = new List<double> { 0 };
        for (var a = grid.Step; a < grid.Last; a *= grid.AgeRatio) edges.Add(a);
        edges.Add(grid.Last);
        edges.Add(double.PositiveInfinity);
        return [.. edges];
    }

    /// <summary>Smallest n with P(K &gt; n) &lt; eps for K ~ Poisson(mean).</summary>
    internal static int PoissonUpper(double mean, double eps)
    {
        if (mean <= 0) return 0;
        var logP = -mean;
        var n = 0;
        var tail = 1.0;
        while (n < 100_000)
        {
            tail -= Math.Exp(logP);
            if (n > mean && tail < eps) return n;
            if (n > mean)
            {
                // Past the mode the remaining tail is below pmf(n+1)/(1 − mean/(n+2)).
                var next = logP + Math.Log(mean) - Math.Log(n + 1);
                if (next - Math.Log(1 - mean / (n + 2)) < Math.Log(eps)) return n;
            }
            n++;
            logP += Math.Log(mean) - Math.Log(n);
        }
        return n;
    }
}
