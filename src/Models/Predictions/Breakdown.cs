using System.Collections.Immutable;
using PerfModel.Units;

namespace PerfModel.Predictions;

/// <summary>Where the time of a whole run goes, by <see cref="Mechanism"/>: every term's time per iteration × iterations,
/// summed per category; <see cref="Total"/> adds the categories in the enum's order.</summary>
public sealed record Breakdown
{
    private readonly ImmutableSortedDictionary<Mechanism, TimeInterval> parts;

    /// <summary>The breakdown of a run of <paramref name="iterations"/> iterations whose per-iteration terms are
    /// <paramref name="terms"/>: per category, (Σ terms of the category per iteration) × iterations.</summary>
    public Breakdown(IEnumerable<MechanismTerm> terms, double iterations)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var perIteration = new SortedDictionary<Mechanism, double>();
        foreach (var t in terms)
            perIteration[t.Mechanism] = perIteration.TryGetValue(t.Mechanism, out var v) ? v + t.PerIteration.Seconds : t.PerIteration.Seconds;
        parts = perIteration.ToImmutableSortedDictionary(kv => kv.Key, kv => TimeInterval.FromSeconds(kv.Value * iterations));
        var total = 0.0;
        foreach (var kv in parts) total += kv.Value.Seconds;
        Total = TimeInterval.FromSeconds(total);
        var iteration = 0.0;
        foreach (var kv in perIteration) iteration += kv.Value;
        PerIteration = TimeInterval.FromSeconds(iteration);
    }

    /// <summary>The categories present, in breakdown order.</summary>
    public IEnumerable<Mechanism> Mechanisms => parts.Keys;

    /// <summary>Time of one category (zero when no model reported it).</summary>
    public TimeInterval this[Mechanism mechanism] => parts.TryGetValue(mechanism, out var t) ? t : TimeInterval.Zero;

    /// <summary>The sum of all categories: the runtime.</summary>
    public TimeInterval Total { get; }

    /// <summary>Time of one iteration: the per-iteration sums of the categories, added in breakdown order (before
    /// multiplying by the iterations, so it is not exactly <see cref="Total"/> / iterations).</summary>
    public TimeInterval PerIteration { get; }

    /// <summary>Lower-case names used as column stems ("compute", "tlb", …).</summary>
    public static string ColumnName(Mechanism mechanism) => mechanism.ToString().ToLowerInvariant();

    /// <summary>Equal when the same categories have the same times.</summary>
    public bool Equals(Breakdown? other) => other is not null && parts.Count == other.parts.Count && parts.All(kv => other.parts.TryGetValue(kv.Key, out var t) && t == kv.Value);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(parts.Count, Total);
}
