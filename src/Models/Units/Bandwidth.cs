namespace PerfModel.Units;

/// <summary>
/// A data rate, held as a finite number of bytes per second. Decimal prefixes, as STREAM and network benchmarks report
/// them: "88.4 GB/s" (<see cref="UnitFormat.BytesPerSecond"/>).
/// </summary>
public readonly struct Bandwidth : IEquatable<Bandwidth>, IComparable<Bandwidth>, IComparable
{
    private Bandwidth(double bytesPerSecond) => BytesPerSecond = bytesPerSecond;

    /// <summary>The rate in bytes per second.</summary>
    public double BytesPerSecond { get; }

    /// <summary>The rate in GB/s (10⁹ bytes per second).</summary>
    public double GigabytesPerSecond => BytesPerSecond / 1e9;

    /// <summary>A rate of <paramref name="bytesPerSecond"/> B/s (finite).</summary>
    /// <exception cref="ArgumentOutOfRangeException">NaN or infinite.</exception>
    public static Bandwidth FromBytesPerSecond(double bytesPerSecond) => new(Check.Finite(bytesPerSecond, nameof(bytesPerSecond)));

    /// <summary>A rate of <paramref name="gigabytesPerSecond"/> × 10⁹ B/s.</summary>
    public static Bandwidth FromGigabytesPerSecond(double gigabytesPerSecond) => FromBytesPerSecond(Check.Finite(gigabytesPerSecond, nameof(gigabytesPerSecond)) * 1e9);

    /// <summary>Reads "88.4 GB/s", "12380 MB/s", "9.6e9 B/s" (units: <see cref="UnitFormat.BandwidthUnits"/>).</summary>
    /// <exception cref="FormatException">Not a finite number followed by a bandwidth unit.</exception>
    public static Bandwidth Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var b) ? b
            : throw new FormatException($"'{text}' is not a bandwidth: expected a number and a unit ({UnitFormat.UnitList(UnitFormat.BandwidthUnits.Select(u => u.Unit))}), e.g. 88.4 GB/s");
    }

    /// <summary>As <see cref="Parse"/>, returning false instead of throwing.</summary>
    public static bool TryParse(string? text, out Bandwidth value)
    {
        value = default;
        if (text is null || !UnitFormat.TryParseWithFactor(text, UnitFormat.BandwidthUnits, out var bps, out _)) return false;
        value = new Bandwidth(bps);
        return true;
    }

    /// <summary>Bytes moved in <paramref name="time"/> at <paramref name="rate"/>.</summary>
    public static ByteSize operator *(Bandwidth rate, TimeInterval time) => ByteSize.FromBytes(rate.BytesPerSecond * time.Seconds);

    /// <summary>Scaling by a factor.</summary>
    public static Bandwidth operator *(Bandwidth a, double factor) => FromBytesPerSecond(a.BytesPerSecond * factor);

    /// <summary>Division by a factor (e.g. a node's bandwidth shared by its ranks).</summary>
    public static Bandwidth operator /(Bandwidth a, double divisor) => FromBytesPerSecond(a.BytesPerSecond / divisor);

    /// <summary>The ratio of two rates (dimensionless).</summary>
    public static double operator /(Bandwidth a, Bandwidth b) => a.BytesPerSecond / b.BytesPerSecond;

    /// <summary>Comparison.</summary>
    public static bool operator <(Bandwidth a, Bandwidth b) => a.BytesPerSecond < b.BytesPerSecond;

    /// <summary>Comparison.</summary>
    public static bool operator >(Bandwidth a, Bandwidth b) => a.BytesPerSecond > b.BytesPerSecond;

    /// <summary>Comparison.</summary>
    public static bool operator <=(Bandwidth a, Bandwidth b) => a.BytesPerSecond <= b.BytesPerSecond;

    /// <summary>Comparison.</summary>
    public static bool operator >=(Bandwidth a, Bandwidth b) => a.BytesPerSecond >= b.BytesPerSecond;

    /// <summary>Equality.</summary>
    public static bool operator ==(Bandwidth a, Bandwidth b) => a.BytesPerSecond == b.BytesPerSecond;

    /// <summary>Inequality.</summary>
    public static bool operator !=(Bandwidth a, Bandwidth b) => a.BytesPerSecond != b.BytesPerSecond;

    /// <inheritdoc />
    public bool Equals(Bandwidth other) => BytesPerSecond.Equals(other.BytesPerSecond);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Bandwidth b && Equals(b);

    /// <inheritdoc />
    public override int GetHashCode() => BytesPerSecond.GetHashCode();

    /// <inheritdoc />
    public int CompareTo(Bandwidth other) => BytesPerSecond.CompareTo(other.BytesPerSecond);

    /// <inheritdoc />
    public int CompareTo(object? obj) => obj is Bandwidth b ? CompareTo(b) : throw new ArgumentException("not a Bandwidth", nameof(obj));

    /// <summary>Invariant text with a decimal prefix, e.g. "88.4 GB/s".</summary>
    public override string ToString() => UnitFormat.BytesPerSecond(BytesPerSecond);
}
