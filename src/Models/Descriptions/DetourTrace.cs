using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using PerfModel.Internal;
using PerfModel.Units;

namespace PerfModel.Descriptions;

/// <summary>
/// A recorded detour trace of one core: the start and the duration of every detour over a recording of
/// <see cref="Length"/>, replayed cyclically (LogGOPSim's noise-trace format: one <c>start_ns TAB duration_ns</c> per line).
/// Valid when made: at least one detour, starts ascending in [0, Length), durations &gt; 0, detours that do not overlap, and
/// all finite.
/// </summary>
public sealed record DetourTrace
{
    /// <summary>A trace of detours starting at <paramref name="startSeconds"/> and lasting <paramref name="durationSeconds"/>
    /// over a recording of <paramref name="length"/>.</summary>
    [SetsRequiredMembers]
    public DetourTrace(IEnumerable<double> startSeconds, IEnumerable<double> durationSeconds, TimeInterval length)
    {
        ArgumentNullException.ThrowIfNull(startSeconds);
        ArgumentNullException.ThrowIfNull(durationSeconds);
        Length = length;
        var starts = startSeconds.ToImmutableArray();
        var durations = durationSeconds.ToImmutableArray();
        Check(starts, durations, length.Seconds);
        StartSeconds = starts;
        DurationSeconds = durations;
    }

    /// <summary>Start of every detour, seconds from the start of the recording, ascending.</summary>
    public required ImmutableArray<double> StartSeconds { get; init; }

    /// <summary>Duration of every detour, seconds.</summary>
    public required ImmutableArray<double> DurationSeconds { get; init; }

    /// <summary>Length of the recording (the period of the replay).</summary>
    public required TimeInterval Length { get; init => field = Rules.Positive(this, value); }

    /// <summary>Number of detours.</summary>
    public int Count => StartSeconds.Length;

    /// <summary>Detours per second of the recording.</summary>
    public EventRate Rate => EventRate.FromPerSecond(Count / Length.Seconds);

    /// <summary>Fraction of the recording spent in detours.</summary>
    [Dimensionless("fraction of a core's time")]
    public double Fraction => DurationSeconds.Sum() / Length.Seconds;

    /// <summary>Equal when the lengths and every start and duration are equal.</summary>
    public bool Equals(DetourTrace? other) =>
        other is not null && Length == other.Length && StartSeconds.SequenceEqual(other.StartSeconds) && DurationSeconds.SequenceEqual(other.DurationSeconds);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Length, Count);

    private void Check(ImmutableArray<double> starts, ImmutableArray<double> durations, double length)
    {
        if (starts.Length == 0) throw Rules.Broken(this, nameof(StartSeconds), 0, "must hold at least one detour");
        if (starts.Length != durations.Length)
            throw Rules.Broken(this, nameof(DurationSeconds), durations.Length, $"must have one duration per start ({starts.Length})");
        for (var i = 0; i < starts.Length; i++)
        {
            if (!double.IsFinite(starts[i]) || starts[i] < 0 || starts[i] >= length)
                throw Rules.Broken(this, $"{nameof(StartSeconds)}[{i}]", starts[i], $"must be finite and in [0, {length:G6}) s (the recording's length)");
            if (!double.IsFinite(durations[i]) || durations[i] <= 0)
                throw Rules.Broken(this, $"{nameof(DurationSeconds)}[{i}]", durations[i], "must be finite and > 0");
            if (i > 0 && starts[i] < starts[i - 1] + durations[i - 1])
                throw Rules.Broken(this, $"{nameof(StartSeconds)}[{i}]", starts[i], $"must not start before detour {i - 1} ends ({starts[i - 1] + durations[i - 1]:G6} s): starts ascend and detours do not overlap");
        }
        if (starts[^1] + durations[^1] > length + starts[0])
            throw Rules.Broken(this, $"{nameof(DurationSeconds)}[{starts.Length - 1}]", durations[^1], "the last detour runs into the first one of the next replay");
    }
}
