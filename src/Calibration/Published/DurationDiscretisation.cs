using System.Collections.Immutable;
using PerfModel.Noise;

namespace PerfModel.Calibration.Published;

/// <summary>Bounded versions and rescalings of fitted duration distributions.</summary>
internal static class DurationDiscretisation
{
    /// <summary>Probability bin edges: deciles, then finer towards the upper tail.</summary>
    private static readonly ImmutableArray<double> Edges = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 0.995, 0.999, 0.9995, 0.9999, 1];

    /// <summary>
    /// <paramref name="d"/> as a histogram bounded by <paramref name="maxSeconds"/> (a periodic source needs bounded
    /// durations): 16 probability bins [e_k, e_(k+1)) (deciles to 0.9, then 0.95, 0.99, 0.995, 0.999, 0.9995, 0.9999, 1),
    /// each an atom at Q((e_k + e_(k+1))/2) with weight e_(k+1) − e_k, every atom capped at <paramref name="maxSeconds"/>;
    /// equal atoms merged. A fixed duration becomes min(d, max).
    /// </summary>
    public static DurationDistribution Bounded(DurationDistribution d, double maxSeconds)
    {
        if (d is FixedDuration f) return new FixedDuration(TimeInterval.FromSeconds(Math.Min(f.Duration.Seconds, maxSeconds)));
        var atoms = new SortedDictionary<double, double>();
        for (var k = 0; k + 1 < Edges.Length; k++)
        {
            var mid = (Edges[k] + Edges[k + 1]) / 2;
            var value = Math.Min(maxSeconds, mid < 0.5 ? d.Quantile(mid) : LogQuantileFit.UpperQuantile(d, 1 - mid));
            atoms[value] = atoms.GetValueOrDefault(value) + (Edges[k + 1] - Edges[k]);
        }
        return new EmpiricalDuration(atoms.Keys, atoms.Values);
    }

    /// <summary><paramref name="d"/> with every duration multiplied by <paramref name="factor"/> (&gt; 0): a log-normal's
    /// median, a Pareto's scale, an exponential's mean, a fixed value, an empirical distribution's values; the shape
    /// parameters (σ, α) and weights are unchanged.</summary>
    public static DurationDistribution Scaled(DurationDistribution d, double factor) => d switch
    {
        FixedDuration f => new FixedDuration(f.Duration * factor),
        ExponentialDuration e => new ExponentialDuration(e.Mean * factor),
        LogNormalDuration l => new LogNormalDuration(l.Median * factor, l.Sigma),
        ParetoDuration p => new ParetoDuration(p.Scale * factor, p.Alpha),
        EmpiricalDuration e => new EmpiricalDuration(e.ValuesSeconds.Select(v => v * factor), e.Probabilities),
        _ => throw new ArgumentException($"no rescaling for {d.GetType().Name}", nameof(d)),
    };
}
