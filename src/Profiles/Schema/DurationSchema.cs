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

    /// <summary>The parametric distributions: name, parameter fields (JSON name, description), how to build one, how to
    /// read its parameters back, and the values each parameter may take (<see cref="DistributionForm.Limits"/>: a fixed
    /// duration may be 0, a scale, mean or median must be &gt; 0, σ &gt; 0, α &gt; 1, as the records require).</summary>
    public static readonly ImmutableArray<DistributionForm> Forms =
    [
        new("fixed", [("seconds", "Duration of every detour, seconds.")], p => new FixedDuration(TimeInterval.FromSeconds(p[0])),
            d => d is FixedDuration f ? [f.Duration.Seconds] : null) { Limits = [QuantityLimits.Seconds] },
        new("exponential", [("meanSeconds", "Mean duration, seconds.")], p => new ExponentialDuration(TimeInterval.FromSeconds(p[0])),
            d => d is ExponentialDuration e ? [e.Mean.Seconds] : null) { Limits = [QuantityLimits.PositiveSeconds] },
        new("lognormal", [("medianSeconds", "Median duration, seconds."), ("sigma", "Standard deviation of ln(duration).")],
            p => new LogNormalDuration(TimeInterval.FromSeconds(p[0]), p[1]), d => d is LogNormalDuration l ? [l.Median.Seconds, l.Sigma] : null)
        { Limits = [QuantityLimits.PositiveSeconds, QuantityLimits.PositiveFactor] },
        new("pareto", [("scaleSeconds", "Smallest duration x_m, seconds."), ("alpha", "Tail index (> 1).")],
            p => new ParetoDuration(TimeInterval.FromSeconds(p[0]), p[1]), d => d is ParetoDuration pa ? [pa.Scale.Seconds, pa.Alpha] : null)
        { Limits = [QuantityLimits.PositiveSeconds, QuantityLimits.TailIndex] },
    ];

    /// <summary>The limit of a distribution parameter (<see cref="DistributionForm.Limits"/> of the form that has it), of a
    /// fixed duration written as <see cref="FixedField"/> (<see cref="QuantityLimits.Seconds"/>: 0 allowed), or of an
    /// empirical distribution's values (<see cref="QuantityLimits.Seconds"/>) and weights (<see cref="QuantityLimits.Count"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="json"/> is none of these fields.</exception>
    public static QuantityLimit LimitOf(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json is FixedField or ValuesField) return QuantityLimits.Seconds;
        if (json == WeightsField) return QuantityLimits.Count;
        foreach (var form in Forms)
            for (var i = 0; i < form.Parameters.Length; i++)
                if (form.Parameters[i].Json == json) return form.Limits[i];
        throw new ArgumentException($"'{json}' is not a field of a detour duration; known: {string.Join(", ", Forms.SelectMany(f => f.Parameters.Select(p => p.Json)).Prepend(FixedField).Append(ValuesField).Append(WeightsField))}", nameof(json));
    }

    /// <summary>The name of the empirical form.</summary>
    public const string Empirical = "empirical";

    /// <summary>All distribution names the schema accepts.</summary>
    public static IEnumerable<string> Names => Forms.Select(f => f.Name).Append(Empirical);
}
