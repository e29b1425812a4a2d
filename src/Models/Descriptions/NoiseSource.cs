using System.Diagnostics.CodeAnalysis;
using PerfModel.Internal;
using PerfModel.Noise;
using PerfModel.Units;

namespace PerfModel.Descriptions;

/// <summary>
/// A per-core detour process: detours arrive at <see cref="Rate"/> per second — as a Poisson process, strictly periodically
/// (timer ticks) or as a recorded trace replayed from a random offset (<see cref="Arrival"/>) — and each takes a duration
/// drawn independently from <see cref="Duration"/> (a trace's own durations when replayed). The one place the rules of a
/// noise source live (profiles, noise specs and the simulators all build sources through it): name not empty, rate ≥ 0, a
/// duration distribution (itself valid when made), rate × mean duration &lt; 1 — otherwise the core would do nothing but
/// detours —, a periodic detour that ends before the next one starts, and a trace exactly when the arrival is a trace
/// (<see cref="FromTrace"/> makes such a source, with the trace's rate and empirical durations).
/// </summary>
public sealed record NoiseSource
{
    private EventRate? rate;
    private DurationDistribution? duration;
    private NoiseArrival arrival;
    private DetourTrace? trace;

    /// <summary>A source with the given name, rate and duration distribution.</summary>
    [SetsRequiredMembers]
    public NoiseSource(string name, EventRate rate, DurationDistribution duration)
    {
        Name = name;
        Rate = rate;
        Duration = duration;
    }

    /// <summary>A source with the given name, rate, duration distribution and arrival process (not
    /// <see cref="NoiseArrival.Trace"/>: use <see cref="FromTrace"/>).</summary>
    [SetsRequiredMembers]
    public NoiseSource(string name, EventRate rate, DurationDistribution duration, NoiseArrival arrival)
        : this(name, rate, duration)
    {
        Arrival = arrival;
    }

    /// <summary>A source that replays <paramref name="trace"/>: its rate is the trace's, its durations the trace's
    /// (an <see cref="EmpiricalDuration"/> with equal weights).</summary>
    public static NoiseSource FromTrace(string name, DetourTrace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        return new NoiseSource(name, trace.Rate, new EmpiricalDuration(trace.DurationSeconds, Enumerable.Repeat(1.0, trace.Count))) { Trace = trace };
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

    /// <summary>How the detours arrive (Poisson by default; <see cref="NoiseArrival.Trace"/> exactly when
    /// <see cref="Trace"/> is set, which setting the trace does).</summary>
    public NoiseArrival Arrival
    {
        get => arrival;
        init
        {
            if (!Enum.IsDefined(value)) throw Rules.Broken(this, nameof(Arrival), value, $"is not a defined {nameof(NoiseArrival)}");
            if (value == NoiseArrival.Trace && trace is null) throw Rules.Broken(this, nameof(Arrival), value, "a trace source needs its trace: set Trace (NoiseSource.FromTrace)");
            if (value != NoiseArrival.Trace && trace is not null) throw Rules.Broken(this, nameof(Arrival), value, "a source with a trace replays it: its arrival is Trace");
            arrival = value;
            CheckPeriod();
        }
    }

    /// <summary>The recorded trace a <see cref="NoiseArrival.Trace"/> source replays; null for the other arrivals. Setting it
    /// makes the arrival <see cref="NoiseArrival.Trace"/> (and clearing it, Poisson).</summary>
    public DetourTrace? Trace
    {
        get => trace;
        init
        {
            trace = value;
            arrival = value is not null ? NoiseArrival.Trace : arrival == NoiseArrival.Trace ? NoiseArrival.Poisson : arrival;
        }
    }

    /// <summary>Period of a periodic source, 1 / rate (infinite for a rate of 0).</summary>
    public TimeInterval Period => Rate.PerSecond > 0 ? TimeInterval.FromSeconds(1 / Rate.PerSecond) : TimeInterval.FromSeconds(double.MaxValue);

    /// <summary>Fraction of a core's time this source takes: rate × mean duration (&lt; 1).</summary>
    [Dimensionless("fraction of a core's time")]
    public double Fraction => Rate.PerSecond * Duration.MeanSeconds;

    private void CheckPeriod()
    {
        if (Arrival == NoiseArrival.Periodic && rate is { PerSecond: > 0 } r && duration is { } d && d.MaxSeconds >= 1 / r.PerSecond)
            throw Rules.Broken(this, nameof(Duration), d.MaxSeconds, $"a periodic detour must end before the next starts: its longest duration must be < the period {1 / r.PerSecond:G4} s");
    }

    private void CheckFraction()
    {
        CheckPeriod();
        if (rate is { } r && duration is { } d && r.PerSecond * d.MeanSeconds >= 1)
            throw Rules.Broken(this, nameof(Fraction), r.PerSecond * d.MeanSeconds, "must be < 1 (the core would do nothing but detours)");
    }
}
