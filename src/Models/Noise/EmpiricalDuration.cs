using System.Collections.Immutable;

namespace PerfModel.Noise;

/// <summary>An empirical histogram of durations: value v_i with probability w_i / Σw (values ascending after construction).</summary>
public sealed record EmpiricalDuration : DurationDistribution
{
    /// <summary>A histogram of durations (seconds, ≥ 0) and their weights (≥ 0, not all 0), normalised to probabilities.</summary>
    /// <exception cref="ArgumentException">The lists differ in length or are empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value or weight is negative or not finite, or all weights are 0.</exception>
    public EmpiricalDuration(IEnumerable<double> valuesSeconds, IEnumerable<double> weights)
    {
        var v = valuesSeconds.ToArray();
        var w = weights.ToArray();
        if (v.Length != w.Length) throw new ArgumentException($"{v.Length} values but {w.Length} weights; they must pair up", nameof(weights));
        if (v.Length == 0) throw new ArgumentException("an empirical distribution needs at least one value", nameof(valuesSeconds));
        if (v.Any(x => !double.IsFinite(x) || x < 0)) throw new ArgumentOutOfRangeException(nameof(valuesSeconds), "values must be finite and >= 0");
        if (w.Any(x => !double.IsFinite(x) || x < 0) || w.Sum() <= 0) throw new ArgumentOutOfRangeException(nameof(weights), "weights must be finite, >= 0 and not all 0");
        var order = Enumerable.Range(0, v.Length).OrderBy(i => v[i]).ToArray();
        var total = w.Sum();
        ValuesSeconds = [.. order.Select(i => v[i])];
        Probabilities = [.. order.Select(i => w[i] / total)];
        var cum = new double[v.Length];
        var tail = new double[v.Length];
        double acc = 0;
        for (var i = 0; i < cum.Length; i++) cum[i] = acc += Probabilities[i];
        acc = 0;
        for (var i = cum.Length - 1; i >= 0; i--) { tail[i] = acc; acc += Probabilities[i]; }
        Cumulative = [.. cum];
        Tail = [.. tail];
        // E[(D − v_k)⁺] and ∫_(v_k)^∞ E[(D − x)⁺] dx at every value, from the top: each adds a non-negative term to the
        // one above it, so both keep full relative precision in the upper tail.
        var excess = new double[v.Length];
        var second = new double[v.Length];
        for (var i = v.Length - 2; i >= 0; i--)
        {
            var gap = ValuesSeconds[i + 1] - ValuesSeconds[i];
            excess[i] = excess[i + 1] + gap * tail[i];
            second[i] = second[i + 1] + 0.5 * gap * (excess[i] + excess[i + 1]);
        }
        Excess = [.. excess];
        SecondExcess = [.. second];
    }

    /// <summary>The durations in seconds, ascending.</summary>
    public ImmutableArray<double> ValuesSeconds { get; }
    /// <summary>The probability of each duration (summing to 1).</summary>
    public ImmutableArray<double> Probabilities { get; }
    private ImmutableArray<double> Cumulative { get; }
    private ImmutableArray<double> Tail { get; }
    private ImmutableArray<double> Excess { get; }
    private ImmutableArray<double> SecondExcess { get; }

    /// <inheritdoc />
    public override double MeanSeconds => ValuesSeconds.Zip(Probabilities, (x, p) => x * p).Sum();
    /// <inheritdoc />
    public override double MaxSeconds => ValuesSeconds[^1];

    /// <inheritdoc />
    public override double Cdf(double seconds)
    {
        var i = UpperIndex(seconds);
        return i < 0 ? 0 : Math.Min(1, Cumulative[i]);
    }

    /// <inheritdoc />
    public override double Survival(double seconds)
    {
        var i = UpperIndex(seconds);
        return i < 0 ? 1 : Tail[i];
    }

    /// <inheritdoc />
    public override double Quantile(double u)
    {
        int lo = 0, hi = Cumulative.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (Cumulative[mid] >= u) hi = mid; else lo = mid + 1;
        }
        return ValuesSeconds[lo];
    }

    /// <inheritdoc />
    public override double[] LatticeMasses(double step, LatticeRounding rounding, int maxBins, out double overflow) =>
        AtomMasses(ValuesSeconds, Probabilities, step, rounding, maxBins, out overflow);

    /// <inheritdoc />
    public override double ExpectedExcess(double seconds)
    {
        var i = UpperIndex(seconds);
        if (i < 0) return Excess[0] + (ValuesSeconds[0] - seconds);
        if (i == ValuesSeconds.Length - 1) return 0;
        // Linear between values: E[(D − x)⁺] = E[(D − v_(i+1))⁺] + (v_(i+1) − x)·P(D > v_i).
        return Excess[i + 1] + (ValuesSeconds[i + 1] - seconds) * Tail[i];
    }

    /// <summary>∫ E[(D − x)⁺] dx, exact: the integrand is piecewise linear between the values.</summary>
    internal override double ExcessIntegral(double from, double to)
    {
        if (!(to > from)) return 0;
        return Second(from) - (double.IsPositiveInfinity(to) ? 0 : Second(to));
    }

    /// <summary>∫_x^∞ E[(D − u)⁺] du.</summary>
    private double Second(double x)
    {
        var i = UpperIndex(x);
        if (i == ValuesSeconds.Length - 1) return 0;
        var next = i + 1;
        return SecondExcess[next] + 0.5 * (ValuesSeconds[next] - x) * (ExpectedExcess(x) + Excess[next]);
    }

    /// <inheritdoc />
    public override string ToSpec() => $"empirical({ValuesSeconds.Length} values, mean {FormatSeconds(MeanSeconds)})";

    /// <summary>Equal when the durations and probabilities are equal, element by element.</summary>
    public bool Equals(EmpiricalDuration? other) =>
        other is not null && ValuesSeconds.SequenceEqual(other.ValuesSeconds) && Probabilities.SequenceEqual(other.Probabilities);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ValuesSeconds.Length, MeanSeconds);

    /// <summary>Index of the last value ≤ x, or −1.</summary>
    private int UpperIndex(double x)
    {
        int lo = 0, hi = ValuesSeconds.Length - 1, ans = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (ValuesSeconds[mid] <= x) { ans = mid; lo = mid + 1; } else hi = mid - 1;
        }
        return ans;
    }
}
