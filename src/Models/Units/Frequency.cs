namespace PerfModel.Units;

/// <summary>A clock frequency, held as a finite number of hertz. Text form: "1.4 GHz" (<see cref="UnitFormat.Hertz"/>).</summary>
public readonly struct Frequency : IEquatable<Frequency>, IComparable<Frequency>, IComparable
{
    private Frequency(double hertz) => Hertz = hertz;

    /// <summary>Cycles per second.</summary>
    public double Hertz { get; }

    /// <summary>The frequency in GHz.</summary>
    public double Gigahertz => Hertz / 1e9;

    /// <summary>Length of one cycle.</summary>
    public TimeInterval Period => TimeInterval.FromSeconds(1 / Hertz);

    /// <summary>A frequency of <paramref name="hertz"/> Hz (finite).</summary>
    /// <exception cref="ArgumentOutOfRangeException">NaN or infinite.</exception>
    public static Frequency FromHertz(double hertz) => new(Check.Finite(hertz, nameof(hertz)));

    /// <summary>A frequency of <paramref name="gigahertz"/> × 10⁹ Hz.</summary>
    public static Frequency FromGigahertz(double gigahertz) => FromHertz(Check.Finite(gigahertz, nameof(gigahertz)) * 1e9);

    /// <summary>Reads "1.4 GHz", "1400MHz", "1.4e9 Hz" (units: <see cref="UnitFormat.FrequencyUnits"/>).</summary>
    /// <exception cref="FormatException">Not a finite number followed by a frequency unit.</exception>
    public static Frequency Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var f) ? f
            : throw new FormatException($"'{text}' is not a frequency: expected a number and a unit ({UnitFormat.UnitList(UnitFormat.FrequencyUnits.Select(u => u.Unit))}), e.g. 1.4 GHz");
    }

    /// <summary>As <see cref="Parse"/>, returning false instead of throwing.</summary>
    public static bool TryParse(string? text, out Frequency value)
    {
        value = default;
        if (text is null || !UnitFormat.TryParseWithUnit(text, UnitFormat.FrequencyUnits, out var hz, out _)) return false;
        value = new Frequency(hz);
        return true;
    }

    /// <summary>Time of <paramref name="cycles"/> cycles at <paramref name="clock"/>.</summary>
    public static TimeInterval operator /(double cycles, Frequency clock) => TimeInterval.FromSeconds(cycles / clock.Hertz);

    /// <summary>Comparison.</summary>
    public static bool operator <(Frequency a, Frequency b) => a.Hertz < b.Hertz;

    /// <summary>Comparison.</summary>
    public static bool operator >(Frequency a, Frequency b) => a.Hertz > b.Hertz;

    /// <summary>Comparison.</summary>
    public static bool operator <=(Frequency a, Frequency b) => a.Hertz <= b.Hertz;

    /// <summary>Comparison.</summary>
    public static bool operator >=(Frequency a, Frequency b) => a.Hertz >= b.Hertz;

    /// <summary>Equality.</summary>
    public static bool operator ==(Frequency a, Frequency b) => a.Hertz == b.Hertz;

    /// <summary>Inequality.</summary>
    public static bool operator !=(Frequency a, Frequency b) => a.Hertz != b.Hertz;

    /// <inheritdoc />
    public bool Equals(Frequency other) => Hertz.Equals(other.Hertz);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Frequency f && Equals(f);

    /// <inheritdoc />
    public override int GetHashCode() => Hertz.GetHashCode();

    /// <inheritdoc />
    public int CompareTo(Frequency other) => Hertz.CompareTo(other.Hertz);

    /// <inheritdoc />
    public int CompareTo(object? obj) => obj is Frequency f ? CompareTo(f) : throw new ArgumentException("not a Frequency", nameof(obj));

    /// <summary>Invariant text with a decimal prefix, e.g. "1.4 GHz".</summary>
    public override string ToString() => UnitFormat.Hertz(Hertz);
}
