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
    }

    /// <summary>The durations in seconds, ascending.</summary>
    public ImmutableArray<double> ValuesSeconds { get; }
    /// <summary>The probability of each duration (summing to 1).</summary>
    public ImmutableArray<double> Probabilities { get; }
    private ImmutableArray<double> Cumulative { get; }
    private ImmutableArray<double> Tail { get; }

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
        var e = 0.0;
        for (var i = 0; i < ValuesSeconds.Length; i++) e += Probabilities[i] * Math.Max(0, ValuesSeconds[i] - seconds);
        return e;
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
