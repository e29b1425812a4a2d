using MathNet.Numerics;

namespace PerfModel.Tests.Models.Noise.ClosedForm;

/// <summary>
/// An independent numerical reference for E[max over P ranks] of one window's charged noise, written from the formulas of
/// noise-theory.md §1 and §3 and sharing no code with the closed forms (no grid, no lattice): per rank
/// X = t·N + H, N ~ Poisson(λ_t·W) fixed ticks of t, and H compound Poisson with jumps J drawn from a mixture of laws.
/// Starts-only rule: J = D at rate λ·W. Wall-clock rule (a run's first window, every timeline stationary): also the
/// remainders of the detours in progress, at rate λ·E[D] with the equilibrium law S_R(x) = E[(D − x)⁺]/E[D], and those of
/// the ticks, at rate λ_t·t, uniform on [0, t].
/// <para>S_X(x) = Σ_n P(N = n)·S_H(x − n t), S_H = Σ_(m=1,2) P(M = m)·S_(J*m) (M ~ Poisson(total jump rate)); the
/// two-jump sum by P(A + B &gt; z) = ∫_0^(z/2) f_A S_B(z − a) da + ∫_0^(z/2) f_B S_A(z − b) db + S_A(z/2)·S_B(z/2) (sums over
/// atoms for a discrete law). Three or more jumps are left out: with at most 5·10⁻³ expected jumps per rank here, they
/// change E[max] by less than 10⁻⁶ relative (their tail is ~P(M ≥ 3)·3·S_J against P(M ≥ 1)·S_J).</para>
/// <para>E[max] = ∫_0^∞ 1 − (1 − S_X)^P dx (as −expm1(P·log1p(−S_X))), by 8-point Gauss–Legendre on panels that break at
/// every jump and kink of S_X, geometric (ratio 1.25) beyond the body, up to where P·S_X &lt; 10⁻¹⁴; beyond, the
/// single-big-jump asymptote P·Σ rate_j·S_j(x) integrated in closed form (E[(D − x)⁺] per law). Infinite when a jump law
/// has an infinite mean (the equilibrium remainder of Pareto α ≤ 2).</para>
/// </summary>
internal sealed class MaxIntegrator
{
    private readonly double tick;
    private readonly double[] tickProbabilities;
    private readonly (double Rate, Law Law)[] jumps;
    private readonly double jumpRate;
    private readonly double ranks;

    /// <summary>A window of <paramref name="window"/> seconds; ticks of <paramref name="tick"/> seconds at
    /// <paramref name="tickRate"/> per second; detours of law <paramref name="detour"/> at <paramref name="rate"/> per
    /// second; <paramref name="wallClock"/>: charge the remainders in progress at the window's start.</summary>
    public MaxIntegrator(double window, double tickRate, double tick, double rate, Law detour, double ranks, bool wallClock)
    {
        this.tick = tick;
        this.ranks = ranks;
        var ticks = tickRate * window;
        var probabilities = new List<double>();
        for (var n = 0; n < 40; n++)
        {
            var p = Math.Exp(-ticks + n * Math.Log(Math.Max(ticks, 1e-300)) - SpecialFunctions.GammaLn(n + 1));
            if (n > ticks && p < 1e-22) break;
            probabilities.Add(ticks == 0 && n > 0 ? 0 : p);
        }
        tickProbabilities = [.. probabilities];
        var list = new List<(double, Law)> { (rate * window, detour) };
        if (wallClock)
        {
            list.Add((rate * detour.Mean, new Equilibrium(detour)));
            if (tickRate > 0) list.Add((tickRate * tick, new Uniform(tick)));
        }
        jumps = [.. list.Where(j => j.Item1 > 0)];
        jumpRate = jumps.Sum(j => j.Rate);
    }

    /// <summary>E[max over the ranks of X].</summary>
    public double ExpectedMaximum()
    {
        if (jumps.Any(j => double.IsPositiveInfinity(j.Law.Mean))) return double.PositiveInfinity;
        // Breakpoints: n·t plus every kink and atom of one and two jumps (and of a jump plus a tick remainder).
        var kinks = new SortedSet<double> { 0 };
        foreach (var (_, a) in jumps)
            foreach (var k in a.Kinks.Append(0))
            {
                kinks.Add(k);
                foreach (var (_, b) in jumps)
                    foreach (var k2 in b.Kinks.Append(0)) kinks.Add(k + k2);
            }
        var body = tick * tickProbabilities.Length;
        var breaks = new SortedSet<double>();
        // (Tick counts too rare to move E[max] by 10⁻⁹ of a tick get no breakpoints of their own.)
        for (var n = 0; n < tickProbabilities.Length && (n == 0 || ranks * tickProbabilities[n] > 1e-9); n++)
            foreach (var k in kinks) breaks.Add(n * tick + k);
        var edges = new List<double>();
        var sorted = breaks.Where(b => b >= 0).ToList();
        var bodyEnd = Math.Max(body, sorted[^1]) * 1.5 + 1e-9;
        sorted.Add(bodyEnd);
        var scale = jumps.Max(j => j.Law.Scale);
        for (var i = 0; i + 1 < sorted.Count; i++)
        {
            var (lo, hi) = (sorted[i], sorted[i + 1]);
            if (hi - lo < 1e-15 * Math.Max(1, hi)) continue;
            // At most half a tick (or 1/8 of the jump scale) per panel near 0, at most 5 % of x further out.
            var width = Math.Max(Math.Min(tick > 0 ? tick / 2 : scale / 8, scale / 8), 0.05 * lo);
            var pieces = Math.Max(1, (int)Math.Ceiling((hi - lo) / width));
            for (var k = 0; k < pieces; k++) edges.Add(lo + (hi - lo) * k / pieces);
        }
        var x = bodyEnd;
        edges.Add(x);
        while (ranks * Survival(x) > 1e-14 && x < 1e30)
        {
            x *= 1.25;
            edges.Add(x);
        }
        var sum = 0.0;
        for (var i = 0; i + 1 < edges.Count; i++) sum += GaussLegendre(Integrand, edges[i], edges[i + 1]);
        // Beyond: 1 − (1 − S)^P = P·S to 10⁻¹⁴, and S = Σ rate_j·S_j to the single-big-jump order.
        var tail = jumps.Sum(j => j.Rate * j.Law.Excess(x));
        return sum + ranks * tail;
    }

    private double Integrand(double x)
    {
        var s = Survival(x);
        return s >= 1 ? 1 : -Expm1(ranks * Log1p(-s));
    }

    /// <summary>ln(1 + v) without cancellation (Goldberg's correction).</summary>
    private static double Log1p(double v)
    {
        var u = 1 + v;
        return u == 1 ? v : Math.Log(u) * v / (u - 1);
    }

    /// <summary>e^v − 1 without cancellation (Kahan's correction).</summary>
    private static double Expm1(double v)
    {
        var u = Math.Exp(v);
        if (u == 1) return v;
        if (u - 1 == -1) return -1;
        return (u - 1) * v / Math.Log(u);
    }

    /// <summary>S_X(x).</summary>
    public double Survival(double x)
    {
        var s = 0.0;
        for (var n = 0; n < tickProbabilities.Length; n++)
        {
            var z = x - n * tick;
            s += tickProbabilities[n] * (z < 0 ? 1 : JumpSumSurvival(z));
        }
        return Math.Min(1, s);
    }

    private readonly Dictionary<double, double> cache = [];

    /// <summary>S_H(z), z ≥ 0 (memoised: the body's nodes repeat across tick counts).</summary>
    private double JumpSumSurvival(double z)
    {
        if (cache.TryGetValue(z, out var known)) return known;
        var value = JumpSumSurvivalUncached(z);
        cache[z] = value;
        return value;
    }

    private double JumpSumSurvivalUncached(double z)
    {
        var c = jumpRate;
        var one = 0.0;
        foreach (var (r, law) in jumps) one += r / c * law.Survival(z);
        var two = 0.0;
        for (var i = 0; i < jumps.Length; i++)
        {
            var (ra, a) = jumps[i];
            two += ra / c * ra / c * (2 * Half(a, a, z) + a.Survival(z / 2) * a.Survival(z / 2));
            for (var j = i + 1; j < jumps.Length; j++)
            {
                var (rb, b) = jumps[j];
                two += 2 * ra / c * rb / c * TwoSum(a, b, z);
            }
        }
        return Math.Exp(-c) * (c * one + c * c / 2 * two);
    }

    /// <summary>P(A + B &gt; z) for independent A, B (see the class remarks).</summary>
    private static double TwoSum(Law a, Law b, double z) => Half(a, b, z) + Half(b, a, z) + a.Survival(z / 2) * b.Survival(z / 2);

    /// <summary>P(A ≤ z/2, A + B &gt; z).</summary>
    private static double Half(Law a, Law b, double z)
    {
        var h = z / 2;
        if (a is Discrete d)
        {
            var s = 0.0;
            for (var i = 0; i < d.Values.Length && d.Values[i] <= h; i++) s += d.Probabilities[i] * b.Survival(z - d.Values[i]);
            return s;
        }
        var cuts = new SortedSet<double> { 0, h };
        foreach (var k in a.Kinks) if (k > 0 && k < h) cuts.Add(k);
        foreach (var k in b.Kinks) if (z - k > 0 && z - k < h) cuts.Add(z - k);
        var list = cuts.ToList();
        var sum = 0.0;
        for (var i = 0; i + 1 < list.Count; i++)
        {
            var (lo, hi) = (list[i], list[i + 1]);
            double F(double v) => a.Density(v) * b.Survival(z - v);
            if (lo == 0 && !a.LogScaled)
                sum += GaussLegendre(F, 0, 0.5 * hi) + GaussLegendre(F, 0.5 * hi, hi);
            else if (lo == 0)
            {
                // Geometric panels toward 0 (ratio 2.5 down to 10⁻⁹ of the piece), then one linear panel.
                var v = hi;
                while (v > hi * 1e-9)
                {
                    var next = v / 2.5;
                    sum += GaussLegendre(F, next, v);
                    v = next;
                }
                sum += GaussLegendre(F, 0, v);
            }
            else
            {
                // Geometric panels in v (ratio ≤ 2.5).
                var v = lo;
                while (v < hi)
                {
                    var next = Math.Min(hi, v * 2.5);
                    sum += GaussLegendre(F, v, next);
                    v = next;
                }
            }
        }
        return sum;
    }

    private static readonly double[] Nodes = [-0.9602898564975363, -0.7966664774136267, -0.5255324099163290, -0.1834346424956498, 0.1834346424956498, 0.5255324099163290, 0.7966664774136267, 0.9602898564975363];
    private static readonly double[] Weights = [0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.3626837833783620, 0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763];

    private static double GaussLegendre(Func<double, double> f, double a, double b)
    {
        var m = 0.5 * (a + b);
        var r = 0.5 * (b - a);
        var s = 0.0;
        for (var i = 0; i < Nodes.Length; i++) s += Weights[i] * f(m + r * Nodes[i]);
        return s * r;
    }

    /// <summary>A jump law: survival, density (continuous laws), E[(X − x)⁺], and the points where S is not smooth.</summary>
    internal abstract class Law
    {
        public abstract double Mean { get; }
        public abstract double Survival(double x);
        public abstract double Density(double x);
        public abstract double Excess(double x);
        public virtual double[] Kinks => [];
        public virtual double Scale => Mean;
        /// <summary>Whether the density varies on a logarithmic scale near 0 (needs geometric panels there).</summary>
        public virtual bool LogScaled => false;
    }

    /// <summary>Pareto(x_m, α): S = (x_m/x)^α above x_m.</summary>
    internal sealed class Pareto(double scale, double alpha) : Law
    {
        public override double Mean => alpha * scale / (alpha - 1);
        public override double Survival(double x) => x <= scale ? 1 : Math.Pow(scale / x, alpha);
        public override double Density(double x) => x < scale ? 0 : alpha / scale * Math.Pow(scale / x, alpha + 1);
        public override double Excess(double x) => x <= scale ? Mean - x : scale / (alpha - 1) * Math.Pow(scale / x, alpha - 1);
        /// <summary>∫_x^∞ E[(D − y)⁺] dy = E[((D − x)⁺)²]/2 (+∞ for α ≤ 2).</summary>
        public double SecondExcess(double x)
        {
            if (alpha <= 2) return double.PositiveInfinity;
            if (x >= scale) return Math.Pow(scale, alpha) * Math.Pow(x, 2 - alpha) / ((alpha - 1) * (alpha - 2));
            var second = alpha * scale * scale / (alpha - 2);
            return 0.5 * (second - 2 * x * Mean + x * x);
        }
        public override double[] Kinks => [scale];
        public override double Scale => scale;
    }

    /// <summary>Log-normal with median m and σ: ln X ~ N(ln m, σ²).</summary>
    internal sealed class LogNormal(double median, double sigma) : Law
    {
        private readonly double mu = Math.Log(median);
        private static double Phi(double z) => 0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2));
        public override double Mean => Math.Exp(mu + sigma * sigma / 2);
        public override double Survival(double x) => x <= 0 ? 1 : Phi((mu - Math.Log(x)) / sigma);
        public override double Density(double x) => x <= 0 ? 0 : Math.Exp(-Math.Pow((Math.Log(x) - mu) / sigma, 2) / 2) / (x * sigma * Math.Sqrt(2 * Math.PI));
        public override double Excess(double x) => x <= 0 ? Mean - x : Mean * Phi((mu + sigma * sigma - Math.Log(x)) / sigma) - x * Survival(x);
        /// <summary>E[((D − x)⁺)²]/2.</summary>
        public double SecondExcess(double x)
        {
            if (x <= 0) return 0.5 * (Math.Exp(2 * mu + 2 * sigma * sigma) - 2 * x * Mean + x * x);
            var l = Math.Log(x);
            return 0.5 * (Math.Exp(2 * mu + 2 * sigma * sigma) * Phi((mu + 2 * sigma * sigma - l) / sigma) - 2 * x * Mean * Phi((mu + sigma * sigma - l) / sigma) + x * x * Survival(x));
        }
        public override double Scale => median;
        public override bool LogScaled => true;
    }

    /// <summary>Atoms at <see cref="Values"/> (ascending) with <see cref="Probabilities"/>.</summary>
    internal sealed class Discrete(double[] values, double[] probabilities) : Law
    {
        public double[] Values { get; } = values;
        public double[] Probabilities { get; } = probabilities;
        public override double Mean => Values.Zip(Probabilities, (v, p) => v * p).Sum();
        public override double Survival(double x) => Values.Zip(Probabilities, (v, p) => v > x ? p : 0).Sum();
        public override double Density(double x) => throw new NotSupportedException("discrete");
        public override double Excess(double x) => Values.Zip(Probabilities, (v, p) => p * Math.Max(0, v - x)).Sum();
        public double SecondExcess(double x) => Values.Zip(Probabilities, (v, p) => 0.5 * p * Math.Pow(Math.Max(0, v - x), 2)).Sum();
        public override double[] Kinks => Values;
        public override double Scale => Values[0];
    }

    /// <summary>Uniform on [0, t]: the remainder of a fixed detour of t in progress.</summary>
    internal sealed class Uniform(double t) : Law
    {
        public override double Mean => t / 2;
        public override double Survival(double x) => x <= 0 ? 1 : x >= t ? 0 : 1 - x / t;
        public override double Density(double x) => x < 0 || x > t ? 0 : 1 / t;
        public override double Excess(double x) => x <= 0 ? t / 2 - x : x >= t ? 0 : (t - x) * (t - x) / (2 * t);
        public override double[] Kinks => [t];
        public override double Scale => t;
    }

    /// <summary>The equilibrium (remainder) law of D: density S_D(x)/E[D], survival E[(D − x)⁺]/E[D].</summary>
    internal sealed class Equilibrium(Law d) : Law
    {
        public override double Mean => d switch
        {
            Pareto p => p.SecondExcess(0) / d.Mean,
            LogNormal l => l.SecondExcess(0) / d.Mean,
            Discrete q => q.SecondExcess(0) / d.Mean,
            _ => throw new NotSupportedException(),
        };
        public override double Survival(double x) => x <= 0 ? 1 : d.Excess(x) / d.Mean;
        public override double Density(double x) => x < 0 ? 0 : d.Survival(x) / d.Mean;
        public override double Excess(double x) => d switch
        {
            Pareto p => p.SecondExcess(Math.Max(0, x)) / d.Mean + Math.Max(0, -x),
            LogNormal l => l.SecondExcess(Math.Max(0, x)) / d.Mean + Math.Max(0, -x),
            Discrete q => q.SecondExcess(Math.Max(0, x)) / d.Mean + Math.Max(0, -x),
            _ => throw new NotSupportedException(),
        };
        public override double[] Kinks => d.Kinks;
        public override double Scale => d.Scale;
        public override bool LogScaled => d.LogScaled;
    }
}
