using System.Globalization;

namespace PerfModel.Units;

/// <summary>
/// A span of time, held as a finite number of seconds (negative values are allowed for differences). Text form: the
/// largest of ns, us, ms, s that keeps the number ≥ 1, e.g. "7.3us" (<see cref="UnitFormat.Seconds"/>); <see cref="Parse"/>
/// reads the same units with or without a space ("7.3us", "7.3 µs", "1e-4 s").
/// </summary>
public readonly struct TimeInterval : IEquatable<TimeInterval>, IComparable<TimeInterval>, IComparable
{
    private TimeInterval(double seconds) => Seconds = seconds;

    /// <summary>The span in seconds.</summary>
    public double Seconds { get; }

    /// <summary>The span in milliseconds: <see cref="Seconds"/> × 10³.</summary>
    public double Milliseconds => Seconds * 1e3;

    /// <summary>The span in microseconds: <see cref="Seconds"/> × 10⁶.</summary>
    public double Microseconds => Seconds * 1e6;

    /// <summary>The span in nanoseconds: <see cref="Seconds"/> × 10⁹.</summary>
    public double Nanoseconds => Seconds * 1e9;

    /// <summary>No time at all.</summary>
    public static TimeInterval Zero => default;

    /// <summary>A span of <paramref name="seconds"/> seconds (finite).</summary>
    /// <exception cref="ArgumentOutOfRangeException">NaN or infinite.</exception>
    public static TimeInterval FromSeconds(double seconds) => new(Check.Finite(seconds, nameof(seconds)));

    /// <summary>A span of <paramref name="milliseconds"/> ms.</summary>
    public static TimeInterval FromMilliseconds(double milliseconds) => FromSeconds(Check.Finite(milliseconds, nameof(milliseconds)) / 1e3);

    /// <summary>A span of <paramref name="microseconds"/> µs.</summary>
    public static TimeInterval FromMicroseconds(double microseconds) => FromSeconds(Check.Finite(microseconds, nameof(microseconds)) / 1e6);

    /// <summary>A span of <paramref name="nanoseconds"/> ns.</summary>
    public static TimeInterval FromNanoseconds(double nanoseconds) => FromSeconds(Check.Finite(nanoseconds, nameof(nanoseconds)) / 1e9);

    /// <summary>Reads "7.3us", "7.3 µs", "2.5ms", "1e-4 s", "250ns" (units: <see cref="UnitFormat.TimeUnits"/>).</summary>
    /// <exception cref="FormatException">Not a finite number followed by a time unit.</exception>
    public static TimeInterval Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var t) ? t
            : throw new FormatException($"'{text}' is not a time: expected a number and a unit ({UnitFormat.UnitList(UnitFormat.TimeUnits.Select(u => u.Unit))}), e.g. 100us");
    }

    /// <summary>As <see cref="Parse"/>, returning false instead of throwing.</summary>
    public static bool TryParse(string? text, out TimeInterval value)
    {
        value = default;
        if (text is null || !UnitFormat.TryParseWithUnit(text, UnitFormat.TimeUnits, out var seconds, out _)) return false;
        value = new TimeInterval(seconds);
        return true;
    }

    /// <summary>Sum.</summary>
    public static TimeInterval operator +(TimeInterval a, TimeInterval b) => FromSeconds(a.Seconds + b.Seconds);

    /// <summary>Difference.</summary>
    public static TimeInterval operator -(TimeInterval a, TimeInterval b) => FromSeconds(a.Seconds - b.Seconds);

    /// <summary>Negation.</summary>
    public static TimeInterval operator -(TimeInterval a) => new(-a.Seconds);

    /// <summary>Scaling by a factor.</summary>
    public static TimeInterval operator *(TimeInterval a, double factor) => FromSeconds(a.Seconds * factor);

    /// <summary>Scaling by a factor.</summary>
    public static TimeInterval operator *(double factor, TimeInterval a) => FromSeconds(a.Seconds * factor);

    /// <summary>Division by a factor.</summary>
    public static TimeInterval operator /(TimeInterval a, double divisor) => FromSeconds(a.Seconds / divisor);

    /// <summary>The ratio of two spans (dimensionless).</summary>
    public static double operator /(TimeInterval a, TimeInterval b) => a.Seconds / b.Seconds;

    /// <summary>Comparison.</summary>
    public static bool operator <(TimeInterval a, TimeInterval b) => a.Seconds < b.Seconds;

    /// <summary>Comparison.</summary>
    public static bool operator >(TimeInterval a, TimeInterval b) => a.Seconds > b.Seconds;

    /// <summary>Comparison.</summary>
    public static bool operator <=(TimeInterval a, TimeInterval b) => a.Seconds <= b.Seconds;

    /// <summary>Comparison.</summary>
    public static bool operator >=(TimeInterval a, TimeInterval b) => a.Seconds >= b.Seconds;

    /// <summary>Equality of the seconds (bit for bit, as doubles compare).</summary>
    public static bool operator ==(TimeInterval a, TimeInterval b) => a.Seconds == b.Seconds;

    /// <summary>Inequality.</summary>
    public static bool operator !=(TimeInterval a, TimeInterval b) => a.Seconds != b.Seconds;

    /// <inheritdoc />
    public bool Equals(TimeInterval other) => Seconds.Equals(other.Seconds);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TimeInterval t && Equals(t);

    /// <inheritdoc />
    public override int GetHashCode() => Seconds.GetHashCode();

    /// <inheritdoc />
    public int CompareTo(TimeInterval other) => Seconds.CompareTo(other.Seconds);

    /// <inheritdoc />
    public int CompareTo(object? obj) => obj is TimeInterval t ? CompareTo(t) : throw new ArgumentException("not a TimeInterval", nameof(obj));

    /// <summary>Invariant text, e.g. "7.3us" (<see cref="UnitFormat.Seconds"/>).</summary>
    public override string ToString() => UnitFormat.Seconds(Seconds);
}
