using System.Diagnostics.CodeAnalysis;
using PerfModel.Internal;
using PerfModel.Noise;
using PerfModel.Units;

namespace PerfModel.Descriptions;

/// <summary>
/// A per-core detour process: detours arrive as a Poisson process of <see cref="Rate"/> and each takes a duration drawn
/// independently from <see cref="Duration"/>. The one place the rules of a noise source live (profiles, noise specs and
/// the simulator all build sources through it): name not empty, rate ≥ 0, a duration distribution (itself valid when
/// made), and rate × mean duration &lt; 1 — otherwise the core would do nothing but detours.
/// </summary>
public sealed record NoiseSource
{
    private EventRate? rate;
    private DurationDistribution? duration;

    /// <summary>A source with the given name, rate and duration distribution.</summary>
    [SetsRequiredMembers]
    public NoiseSource(string name, EventRate rate, DurationDistribution duration)
    {
        Name = name;
        Rate = rate;
        Duration = duration;
    }

    /// <summary>A source whose detours all take <paramref name="duration"/>.</summary>
    [SetsRequiredMembers]
    public NoiseSource(string name, EventRate rate, TimeInterval duration)
        : this(name, rate, new FixedDuration(duration))
    {
    }

    /// <summary>Name of the source ("timer tick", "kworker").</summary>
    public required string Name { get; init => field = Rules.NotBlank(this, value); }

    /// <summary>Detours per second on each core.</summary>
    public required EventRate Rate
    {
        get => rate ?? default;
        init { rate = Rules.NonNegative(this, value); CheckFraction(); }
    }

    /// <summary>Distribution of one detour's duration.</summary>
    public required DurationDistribution Duration
    {
        get => duration!;
        init { duration = Rules.NotNull(this, value); CheckFraction(); }
    }

    /// <summary>Fraction of a core's time this source takes: rate × mean duration (&lt; 1).</summary>
    [Dimensionless("fraction of a core's time")]
    public double Fraction => Rate.PerSecond * Duration.MeanSeconds;

    private void CheckFraction()
    {
        if (rate is { } r && duration is { } d && r.PerSecond * d.MeanSeconds >= 1)
            throw Rules.Broken(this, nameof(Fraction), r.PerSecond * d.MeanSeconds, "must be < 1 (the core would do nothing but detours)");
    }
}
