using PerfModel.Internal;
using PerfModel.Profiles;

namespace PerfModel.Noise;

/// <summary>
/// The distribution of one core's noise delay over a window of W seconds: X = Σ_j K_j d_j with
/// K_j ~ Poisson(λ_j W) independent, one term per detour source (rate λ_j, fixed duration d_j).
/// </summary>
/// <remarks>
/// Semantics (first version): a detour delays the core by its full duration if it starts inside the window; the window
/// is not stretched by the detours it contains (detours that start during the added time are not counted). This
/// undercounts by a factor of about 1/(1 - Σ λ_j d_j), below 0.1 % for every default profile.
/// The distribution is held exactly as a list of atoms (joint counts), each count range truncated where the Poisson
/// mass beyond it is below 1e-18 / P (P = number of cores compared); the truncated mass is lumped onto the nearest kept atom.
/// References: facts.md §6.1 (compound Poisson / Tsafrir's detour model); Hoefler, Schneider, Lumsdaine, SC10.
/// </remarks>
public sealed class CompoundPoissonDelay
{
    private readonly double[] valuesSeconds;
    private readonly double[] probabilities;

    private CompoundPoissonDelay(double[] values, double[] probs)
    {
        valuesSeconds = values;
        probabilities = probs;
    }

    /// <summary>Atoms (delay values, ascending) of the distribution.</summary>
    public IReadOnlyList<double> ValuesSeconds => valuesSeconds;

    /// <summary>Probabilities of the atoms; they sum to 1.</summary>
    public IReadOnlyList<double> Probabilities => probabilities;

    /// <summary>E[X] = Σ_j λ_j W d_j computed from the atoms.</summary>
    public double MeanSeconds
    {
        get
        {
            var m = 0.0;
            for (var i = 0; i < valuesSeconds.Length; i++) m += valuesSeconds[i] * probabilities[i];
            return m;
        }
    }

    /// <summary>Builds the delay distribution of <paramref name="noise"/> over <paramref name="windowSeconds"/>.</summary>
    /// <param name="noise">Detour sources.</param>
    /// <param name="windowSeconds">W ≥ 0.</param>
    /// <param name="participants">P ≥ 1: the number of cores whose maximum will be taken; sets the truncation level.</param>
    public static CompoundPoissonDelay Create(NoiseProfile noise, double windowSeconds, double participants)
    {
        Guard.NonNegative(nameof(windowSeconds), windowSeconds);
        if (!(participants >= 1) || !double.IsFinite(participants))
            throw new ArgumentOutOfRangeException(nameof(participants), participants, $"participants={participants}, but it should be >= 1");
        var sources = noise.Sources.IsDefault ? [] : noise.Sources.Where(s => s.RatePerSecond > 0 && s.Duration.MeanSeconds > 0).ToArray();
        var epsilon = 1e-18 / participants;
        var values = new List<double> { 0.0 };
        var probs = new List<double> { 1.0 };
        foreach (var s in sources)
        {
            var mean = s.RatePerSecond * windowSeconds;
            var (lo, hi) = PoissonMath.Support(mean, epsilon);
            var pmf = new double[hi - lo + 1];
            for (var k = lo; k <= hi; k++) pmf[k - lo] = Math.Exp(PoissonMath.LogPmf(k, mean));
            // Lump truncated mass onto the nearest kept count (below the range onto lo, above onto hi), each computed
            // from its own pmf terms, not as 1 − kept mass, which would be rounding error amplified by P.
            pmf[0] += LowerTailMass(lo, mean);
            pmf[^1] += UpperTailMass(hi, mean);
            var nv = new List<double>(values.Count * pmf.Length);
            var np = new List<double>(values.Count * pmf.Length);
            for (var a = 0; a < values.Count; a++)
                for (var k = lo; k <= hi; k++)
                {
                    var p = probs[a] * pmf[k - lo];
                    if (p == 0) continue;
                    nv.Add(values[a] + k * ((FixedDuration)s.Duration).Seconds);
                    np.Add(p);
                }
            (values, probs) = Merge(nv, np);
        }
        var total = probs.Sum();
        return new CompoundPoissonDelay(values.ToArray(), probs.Select(p => p / total).ToArray());
    }

    /// <summary>
    /// E[max of P independent copies] = ∫₀^∞ (1 − F(x)^P) dx = Σ_i (a_i − a_{i−1}) (1 − F(a_{i−1})^P),
    /// with 1 − F^P evaluated as −expm1(P · log1p(−S)) from the upper tail S = 1 − F summed from the top, so it neither
    /// underflows nor cancels for P up to 2^30 and beyond (facts.md §6.1.1).
    /// </summary>
    public double ExpectedMaximumSeconds(double participants)
    {
        if (!(participants >= 1) || !double.IsFinite(participants))
            throw new ArgumentOutOfRangeException(nameof(participants), participants, $"participants={participants}, but it should be >= 1");
        var n = valuesSeconds.Length;
        var tail = new double[n];
        var acc = 0.0;
        for (var i = n - 1; i >= 0; i--)
        {
            tail[i] = acc; // P(X > a_i)
            acc += probabilities[i];
        }
        // ∫ from 0 to the smallest atom a_0: every core is delayed at least a_0, so 1 − F^P = 1 there.
        var e = valuesSeconds[0];
        for (var i = 1; i < n; i++)
        {
            e += (valuesSeconds[i] - valuesSeconds[i - 1]) * StableMath.OneMinusPowComplement(tail[i - 1], participants);
        }
        return e;
    }

    private static double UpperTailMass(int hi, double mean)
    {
        var m = 0.0;
        for (var k = hi + 1; ; k++)
        {
            var t = Math.Exp(PoissonMath.LogPmf(k, mean));
            m += t;
            if (t <= m * 1e-17 || t == 0) return m;
        }
    }

    private static double LowerTailMass(int lo, double mean)
    {
        var m = 0.0;
        for (var k = 0; k < lo; k++) m += Math.Exp(PoissonMath.LogPmf(k, mean));
        return m;
    }

    private static (List<double>, List<double>) Merge(List<double> values, List<double> probs)
    {
        var idx = Enumerable.Range(0, values.Count).ToArray();
        Array.Sort(idx, (x, y) => values[x].CompareTo(values[y]));
        var v = new List<double>(values.Count);
        var p = new List<double>(values.Count);
        foreach (var i in idx)
        {
            if (v.Count > 0 && Math.Abs(values[i] - v[^1]) <= 1e-15 * Math.Max(1e-12, Math.Abs(v[^1])))
                p[^1] += probs[i];
            else
            {
                v.Add(values[i]);
                p.Add(probs[i]);
            }
        }
        return (v, p);
    }
}
