using PerfModel.Internal;
using PerfModel.Descriptions;

namespace PerfModel.Noise;

/// <summary>
/// One core's noise delay over a window w, X(w) = Σ_j Σ_{n ≤ K_j} D_{j,n} with K_j ~ Poisson(λ_j w), put on a lattice of
/// step h by Panjer's recursion (Panjer, ASTIN Bulletin 12(1), 1981): with Λ = Σ λ_j, the mixed severity
/// f = Σ (λ_j/Λ) f_j on the lattice and a = Λw,
/// <code>  g_0 = exp(−a (1 − f_0)),   g_s = (a/s) Σ_{m=1..s} m f_m g_{s−m}.</code>
/// The recursion runs on scaled values (rescaled whenever they grow past 1e250), so means of thousands of detours neither
/// underflow nor overflow; only the non-zero severity points are visited, so fixed and empirical durations cost
/// O(bins × atoms). Durations rounded down (Floor) give a lower bound, rounded up (Ceil) an upper bound on every
/// quantity built from the result.
/// </summary>
public static class CompoundPoissonLattice
{
    /// <summary>Builds X(w) on 0, h, …, (bins−1)h. Mass the lattice cannot hold is returned in <paramref name="overflowMass"/>
    /// (with Floor it is also lumped onto the last point).</summary>
    public static LatticeDistribution Build(NoiseProfile noise, double windowSeconds, double step, LatticeRounding rounding, int bins, out double overflowMass)
    {
        Guard.NonNegative(nameof(windowSeconds), windowSeconds);
        Guard.Positive(nameof(step), step);
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), bins, $"bins={bins}, but it should be >= 1");
        overflowMass = 0;
        var sources = Active(noise);
        var lambda = sources.Sum(s => s.Rate.PerSecond);
        if (sources.Length == 0 || windowSeconds == 0) return LatticeDistribution.Point(0, step);

        var f = new double[bins];
        var severityOverflow = 0.0;
        foreach (var s in sources)
        {
            var masses = s.Duration.LatticeMasses(step, rounding, bins, out var over);
            var w = s.Rate.PerSecond / lambda;
            for (var m = 0; m < masses.Length; m++) f[m] += w * masses[m];
            if (rounding == LatticeRounding.Ceil) severityOverflow += w * over;
        }
        var a = lambda * windowSeconds;
        var nz = Enumerable.Range(1, bins - 1).Where(m => f[m] > 0).ToArray();
        // The recursion runs on past the lattice (to 2·bins) only to measure the mass beyond it from its own terms:
        // 1 − Σ kept would be rounding error (~1e-16), which P would amplify.
        var n = 2 * bins;
        var u = new double[n];
        u[0] = 1;
        var logScale = -a * (1 - f[0]); // log of the factor turning u into probabilities
        for (var s = 1; s < n; s++)
        {
            var acc = 0.0;
            foreach (var m in nz)
            {
                if (m > s) break;
                acc += m * f[m] * u[s - m];
            }
            u[s] = a / s * acc;
            if (u[s] > 1e250)
            {
                for (var i = 0; i <= s; i++) u[i] *= 1e-250;
                logScale += 250 * Math.Log(10);
            }
        }
        var factor = Math.Exp(logScale);
        double Prob(int s) => u[s] == 0 ? 0 : factor > 1e-290 ? u[s] * factor : Math.Exp(Math.Log(u[s]) + logScale);
        var g = new double[bins];
        var total = 0.0;
        for (var s = 0; s < bins; s++) total += g[s] = Prob(s);
        var remainder = 0.0;
        for (var s = bins; s < n; s++) remainder += Prob(s);
        // Beyond 2·bins: bounded by the last term over (1 − decay ratio) when the terms decay, else all that is missing.
        var lastTerm = Prob(n - 1);
        var ratio = lastTerm > 0 ? lastTerm / Math.Max(Prob(n - 2), double.Epsilon) : 0;
        remainder += ratio < 1 ? lastTerm * ratio / (1 - ratio) : Math.Max(0, 1 - total - remainder);
        // Severity mass beyond the lattice (Ceil): each detour has that chance of not fitting; P(any) ≤ a·overflow.
        overflowMass = remainder + Math.Min(1, a * severityOverflow);
        if (rounding == LatticeRounding.Floor && remainder > 0) g[^1] += remainder;
        if (total <= 0) throw new InvalidOperationException($"noise lattice underflowed (rate x window = {a}); use a coarser step");
        return new LatticeDistribution(0, step, g);
    }

    /// <summary>Sources that can delay a core: those with a positive rate and mean duration (the others add exactly 0;
    /// every source is valid, <see cref="NoiseSource"/>).</summary>
    public static NoiseSource[] Active(NoiseProfile noise)
    {
        ArgumentNullException.ThrowIfNull(noise);
        return noise.Sources.Where(s => s.Rate.PerSecond > 0 && s.Duration.MeanSeconds > 0).ToArray();
    }
}
