namespace PerfModel.Noise.WallClock;

/// <summary>
/// Draws one detour's duration D (inverse CDF, one uniform; none for a fixed duration), the remainder R of a detour in
/// progress at an arbitrary instant of a stationary timeline, and the length-biased duration D̃ of such a detour. R follows
/// the equilibrium distribution f_e(x) = (1 − F(x)) / E[D] (Cox, "Renewal Theory", 1962, §1.3; the inspection paradox):
/// R = U·D̃ with U uniform and D̃ the length-biased duration, density x·f(x)/E[D]; the detour's age is then (1 − U)·D̃.
/// Exact per family: fixed d → D̃ = d; exponential(β) → D̃ ~ Gamma(2, β) and R ~ exponential(β) (memoryless); empirical →
/// value v_i with probability ∝ p_i·v_i; Pareto(x_m, α) → D̃ ~ Pareto(x_m, α − 1); log-normal(m, σ) → D̃ ~ log-normal(m·e^(σ²),
/// σ). Any other distribution inverts F_e(x) = 1 − E[(D − x)⁺]/E[D], or the length-biased CDF
/// 1 − (x·(1 − F(x)) + E[(D − x)⁺])/E[D], by bisection. E[R] = E[D²] / (2 E[D]) (infinite for Pareto with α ≤ 2).
/// Every value is capped at <see cref="Cap"/> (10^300 s), so that a heavy tail drawn near u = 1 gives a huge finite detour,
/// never +∞ or NaN; the simulator stops a run whose clocks pass its horizon long before that.
/// </summary>
internal sealed class DetourSampler
{
    /// <summary>The largest value returned (seconds).</summary>
    public const double Cap = 1e300;

    private enum Family { Fixed, Exponential, Pareto, LogNormal, Empirical, Other }

    private readonly Family family;
    private readonly DurationDistribution distribution;
    private readonly double value;               // fixed duration, exponential mean or Pareto scale (seconds)
    private readonly double biasedShape;         // Pareto: α − 1
    private readonly LogNormalDuration? biasedLogNormal;
    private readonly double[] values = [];       // empirical values, ascending
    private readonly double[] biasedCumulative = [];

    public DetourSampler(DurationDistribution distribution)
    {
        this.distribution = distribution;
        switch (distribution)
        {
            case FixedDuration f:
                family = Family.Fixed;
                value = f.Duration.Seconds;
                break;
            case ExponentialDuration e:
                family = Family.Exponential;
                value = e.Mean.Seconds;
                break;
            case ParetoDuration p:
                family = Family.Pareto;
                value = p.Scale.Seconds;
                biasedShape = p.Alpha - 1;
                break;
            case LogNormalDuration l when double.IsFinite(l.Median.Seconds * Math.Exp(l.Sigma * l.Sigma)):
                family = Family.LogNormal;
                biasedLogNormal = new LogNormalDuration(TimeInterval.FromSeconds(l.Median.Seconds * Math.Exp(l.Sigma * l.Sigma)), l.Sigma);
                break;
            case EmpiricalDuration em:
                family = Family.Empirical;
                values = [.. em.ValuesSeconds];
                biasedCumulative = new double[values.Length];
                var acc = 0.0;
                for (var i = 0; i < values.Length; i++) biasedCumulative[i] = acc += em.Probabilities[i] * values[i];
                for (var i = 0; i < values.Length; i++) biasedCumulative[i] /= acc;
                biasedCumulative[^1] = 1;
                break;
            default:
                family = Family.Other;
                break;
        }
    }

    /// <summary>Uniforms one <see cref="Duration"/> reads from the stream: 0 for a fixed duration, 1 otherwise.</summary>
    public int DrawsPerDuration => family == Family.Fixed ? 0 : 1;

    /// <summary>One duration D (seconds).</summary>
    public double Duration(ref ulong stream) => family switch
    {
        Family.Fixed => value,
        Family.Exponential => Capped(-value * Math.Log(1 - StreamRandom.NextDouble(ref stream))),
        _ => Capped(distribution.Quantile(StreamRandom.NextDouble(ref stream))),
    };

    /// <summary>The remainder R of a detour in progress at a given instant (seconds), from the equilibrium distribution.</summary>
    public double Remainder(ref ulong stream) => family switch
    {
        Family.Exponential => Duration(ref stream),
        Family.Other => Capped(Invert(StreamRandom.NextDouble(ref stream), x => distribution.ExpectedExcess(x))),
        _ => StreamRandom.NextDouble(ref stream) * LengthBiased(ref stream),
    };

    /// <summary>The length-biased duration D̃ (density x·f(x)/E[D]) of the detour in progress at a given instant (seconds).</summary>
    public double LengthBiased(ref ulong stream)
    {
        switch (family)
        {
            case Family.Fixed: return value;
            case Family.Exponential:
                return Capped(-value * (Math.Log(1 - StreamRandom.NextDouble(ref stream)) + Math.Log(1 - StreamRandom.NextDouble(ref stream))));
            case Family.Pareto: return Capped(value * Math.Exp(-Math.Log(1 - StreamRandom.NextDouble(ref stream)) / biasedShape));
            case Family.LogNormal: return Capped(biasedLogNormal!.Quantile(StreamRandom.NextDouble(ref stream)));
            case Family.Empirical:
            {
                var u = StreamRandom.NextDouble(ref stream);
                var i = 0;
                while (u >= biasedCumulative[i]) i++;
                return values[i];
            }
            default:
                return Capped(Invert(StreamRandom.NextDouble(ref stream), x => x * distribution.Survival(x) + distribution.ExpectedExcess(x)));
        }
    }

    private static double Capped(double seconds) => seconds < Cap ? seconds : Cap; // NaN and +∞ give the cap too

    /// <summary>The x with 1 − g(x)/E[D] = u for a g that falls from E[D] at 0 to 0 (so the left side is a continuous CDF), by
    /// bracketing and bisection to 1e-15 relative.</summary>
    private double Invert(double u, Func<double, double> g)
    {
        var mean = distribution.MeanSeconds;
        double Cdf(double x) => 1 - g(x) / mean;
        var lo = 0.0;
        var hi = mean;
        for (var i = 0; i < 2000 && Cdf(hi) < u; i++) (lo, hi) = (hi, hi * 2);
        for (var i = 0; i < 200 && hi - lo > 1e-15 * hi; i++)
        {
            var mid = 0.5 * (lo + hi);
            if (Cdf(mid) < u) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }
}
