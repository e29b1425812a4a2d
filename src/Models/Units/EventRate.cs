namespace PerfModel.Units;

/// <summary>
/// How often something happens, held as a finite number of events per second (OS-noise detours, ticks). Text form:
/// "2.4/s"; <see cref="Parse"/> also reads Hz, kHz, /ms (<see cref="UnitFormat.RateUnits"/>).
/// </summary>
public readonly struct EventRate : IEquatable<EventRate>, IComparable<EventRate>, IComparable
{
    private EventRate(double perSecond) => PerSecond = perSecond;

    /// <summary>Events per second.</summary>
    public double PerSecond { get; }

    /// <summary>No events.</summary>
    public static EventRate Zero => default;

    /// <summary>A rate of <paramref name="perSecond"/> events per second (finite).</summary>
    /// <exception cref="ArgumentOutOfRangeException">NaN or infinite.</exception>
    public static EventRate FromPerSecond(double perSecond) => new(Check.Finite(perSecond, nameof(perSecond)));

    /// <summary>One event every <paramref name="interval"/> (the rate 1/interval).</summary>
    public static EventRate OncePer(TimeInterval interval) => FromPerSecond(1 / interval.Seconds);

    /// <summary>Reads "2.4/s", "1000 Hz", "1kHz", "1/ms" (units: <see cref="UnitFormat.RateUnits"/>; a bare number is per second).</summary>
    /// <exception cref="FormatException">Not a finite number with an optional rate unit.</exception>
    public static EventRate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var r) ? r
            : throw new FormatException($"'{text}' is not a rate: expected a number and a unit ({UnitFormat.UnitList(UnitFormat.RateUnits.Select(u => u.Unit))}), e.g. 1000/s");
    }

    /// <summary>As <see cref="Parse"/>, returning false instead of throwing.</summary>
    public static bool TryParse(string? text, out EventRate value)
    {
        value = default;
        if (text is null) return false;
        if (UnitFormat.IsDecimal(text.Trim()) && UnitFormat.TryParseScaled(text, 0, out var plain) && double.IsFinite(plain))
        {
            value = new EventRate(plain);
            return true;
        }
        if (!UnitFormat.TryParseWithUnit(text, UnitFormat.RateUnits, out var perSecond, out _)) return false;
        value = new EventRate(perSecond);
        return true;
    }

    /// <summary>Expected number of events in <paramref name="window"/>: rate × time (dimensionless).</summary>
    public static double operator *(EventRate rate, TimeInterval window) => rate.PerSecond * window.Seconds;

    /// <summary>Scaling by a factor.</summary>
    public static EventRate operator *(EventRate a, double factor) => FromPerSecond(a.PerSecond * factor);

    /// <summary>Sum of two independent event streams.</summary>
    public static EventRate operator +(EventRate a, EventRate b) => FromPerSecond(a.PerSecond + b.PerSecond);

    /// <summary>Comparison.</summary>
    public static bool operator <(EventRate a, EventRate b) => a.PerSecond < b.PerSecond;

    /// <summary>Comparison.</summary>
    public static bool operator >(EventRate a, EventRate b) => a.PerSecond > b.PerSecond;

    /// <summary>Comparison.</summary>
    public static bool operator <=(EventRate a, EventRate b) => a.PerSecond <= b.PerSecond;

    /// <summary>Comparison.</summary>
    public static bool operator >=(EventRate a, EventRate b) => a.PerSecond >= b.PerSecond;

    /// <summary>Equality.</summary>
    public static bool operator ==(EventRate a, EventRate b) => a.PerSecond == b.PerSecond;

    /// <summary>Inequality.</summary>
    public static bool operator !=(EventRate a, EventRate b) => a.PerSecond != b.PerSecond;

    /// <inheritdoc />
    public bool Equals(EventRate other) => PerSecond.Equals(other.PerSecond);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EventRate r && Equals(r);

    /// <inheritdoc />
    public override int GetHashCode() => PerSecond.GetHashCode();

    /// <inheritdoc />
    public int CompareTo(EventRate other) => PerSecond.CompareTo(other.PerSecond);

    /// <inheritdoc />
    public int CompareTo(object? obj) => obj is EventRate r ? CompareTo(r) : throw new ArgumentException("not an EventRate", nameof(obj));

    /// <summary>Invariant text, e.g. "2.4/s".</summary>
    public override string ToString() => UnitFormat.PerSecond(PerSecond);
}
