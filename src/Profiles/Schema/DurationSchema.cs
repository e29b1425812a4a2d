using System.Collections.Immutable;
using PerfModel.Descriptions;
using PerfModel.Noise;

namespace PerfModel.Profiles.Schema;

/// <summary>
/// The JSON forms of a detour duration. A noise source writes a fixed duration as <c>"durationSeconds": {value, source}</c>
/// and any distribution as <c>"duration": {"distribution": …, parameters}</c>: fixed (seconds), exponential (meanSeconds),
/// lognormal (medianSeconds, sigma), pareto (scaleSeconds, alpha) — each parameter a number with provenance — or
/// empirical (valuesSeconds and weights: arrays of plain numbers, with source or estimate on the object).
/// </summary>
public static class DurationSchema
{
    /// <summary>Field of a noise source holding a fixed duration in seconds.</summary>
    public const string FixedField = "durationSeconds";

    /// <summary>Field of a noise source holding a distribution object.</summary>
    public const string DistributionField = "duration";

    /// <summary>Field of the distribution object naming the distribution.</summary>
    public const string KindField = "distribution";

    /// <summary>Fields of an empirical distribution.</summary>
    public const string ValuesField = "valuesSeconds", WeightsField = "weights";

    /// <summary>The parametric distributions: name, parameter fields (JSON name, description), how to build one and how to
    /// read its parameters back.</summary>
    public static readonly ImmutableArray<DistributionForm> Forms =
    [
        new("fixed", [("seconds", "Duration of every detour, seconds.")], p => new FixedDuration(TimeInterval.FromSeconds(p[0])),
            d => d is FixedDuration f ? [f.Duration.Seconds] : null),
        new("exponential", [("meanSeconds", "Mean duration, seconds.")], p => new ExponentialDuration(TimeInterval.FromSeconds(p[0])),
            d => d is ExponentialDuration e ? [e.Mean.Seconds] : null),
        new("lognormal", [("medianSeconds", "Median duration, seconds."), ("sigma", "Standard deviation of ln(duration).")],
            p => new LogNormalDuration(TimeInterval.FromSeconds(p[0]), p[1]), d => d is LogNormalDuration l ? [l.Median.Seconds, l.Sigma] : null),
        new("pareto", [("scaleSeconds", "Smallest duration x_m, seconds."), ("alpha", "Tail index (> 1).")],
            p => new ParetoDuration(TimeInterval.FromSeconds(p[0]), p[1]), d => d is ParetoDuration pa ? [pa.Scale.Seconds, pa.Alpha] : null),
    ];

    /// <summary>The limit of a distribution parameter or of an empirical distribution's values and weights: a time
    /// (<see cref="QuantityLimits.Seconds"/>) for a name ending in "Seconds", a count for the weights
    /// (<see cref="QuantityLimits.Count"/>), a dimensionless factor (σ, α; <see cref="QuantityLimits.Factor"/>) otherwise.</summary>
    public static QuantityLimit LimitOf(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return json.EndsWith("Seconds", StringComparison.Ordinal) || json == "seconds" ? QuantityLimits.Seconds
            : json == WeightsField ? QuantityLimits.Count : QuantityLimits.Factor;
    }

    /// <summary>The name of the empirical form.</summary>
    public const string Empirical = "empirical";

    /// <summary>All distribution names the schema accepts.</summary>
    public static IEnumerable<string> Names => Forms.Select(f => f.Name).Append(Empirical);
}
