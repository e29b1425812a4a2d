using System.Runtime.CompilerServices;
using PerfModel.Descriptions;

namespace PerfModel.Noise.Simulation;

/// <summary>
/// Sampler of one rank's noise delay over a window of w seconds: X(w) = Σ_j Σ_{n ≤ K_j} D_{j,n}, K_j ~ Poisson(λ_j w)
/// independent, D_{j,n} i.i.d. from source j's duration distribution (detours that start inside the window; the window is
/// not stretched). Drawn by superposition, which has the same distribution: the total count N ~ Poisson(M), M = Σ_j λ_j w,
/// and each detour independently belongs to source j with probability λ_j / Σ_i λ_i, then takes D = Quantile(u) of that
/// source (no uniform is spent on fixed durations). A window without detours, probability e^(−M), costs one uniform.
/// Sources with zero rate or zero mean duration are dropped (they add exactly 0).
/// </summary>
internal sealed class WindowNoise
{
    private readonly PoissonSampler count;
    private readonly double[] cumulativeShare; // P(source ≤ j) for a detour; last entry forced to 1
    private readonly DurationDistribution[] durations;
    private readonly double[] fixedSeconds;    // the duration of a FixedDuration source, NaN for the others
    private readonly bool single;

    public WindowNoise(NoiseProfile noise, double windowSeconds)
    {
        var sources = CompoundPoissonLattice.Active(noise);
        var totalRate = sources.Sum(s => s.Rate.PerSecond);
        var mean = totalRate * windowSeconds;
        if (!(mean <= PoissonSampler.MaxMean))
            throw new ArgumentOutOfRangeException(nameof(noise), mean,
                $"the expected number of detours in a {windowSeconds:G4} s window is {mean:G4}, but the simulator supports at most {PoissonSampler.MaxMean:G} (its cost grows with the count)");
        MeanCount = mean;
        count = new PoissonSampler(mean);
        durations = sources.Select(s => s.Duration).ToArray();
        fixedSeconds = durations.Select(d => d is FixedDuration f ? f.Duration.Seconds : double.NaN).ToArray();
        cumulativeShare = new double[sources.Length];
        var acc = 0.0;
        for (var j = 0; j < sources.Length; j++) cumulativeShare[j] = (acc += sources[j].Rate.PerSecond) / totalRate;
        if (sources.Length > 0) cumulativeShare[^1] = 1;
        single = sources.Length == 1;
    }

    /// <summary>M = Σ_j λ_j w, the expected number of detours per window.</summary>
    public double MeanCount { get; }

    /// <summary>Draws X(w) for one rank (or, for co-scheduled noise, for all ranks at once).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Sample(ref Xoshiro256StarStar rng)
    {
        var n = count.Sample(ref rng);
        return n == 0 ? 0 : SumDurations(n, ref rng);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private double SumDurations(int n, ref Xoshiro256StarStar rng)
    {
        if (single && !double.IsNaN(fixedSeconds[0])) return n * fixedSeconds[0];
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            var j = 0;
            if (!single)
            {
                var u = rng.NextDouble();
                while (u >= cumulativeShare[j]) j++;
            }
            var f = fixedSeconds[j];
            sum += double.IsNaN(f) ? durations[j].Quantile(rng.NextDouble()) : f;
        }
        return sum;
    }
}
