namespace PerfModel.Units;

/// <summary>
/// An amount of memory, held as a finite number of bytes (a double, so that per-rank shares of a strong-scaled footprint
/// need no rounding). Binary prefixes (KiB, MiB, GiB, TiB) for capacities and page sizes; decimal ones (kB, MB, GB, TB)
/// only when asked for. Text form: "4 KiB", "16 GiB", "87.5 MiB" (<see cref="UnitFormat.Bytes"/>).
/// </summary>
public readonly struct ByteSize : IEquatable<ByteSize>, IComparable<ByteSize>, IComparable
{
    private ByteSize(double bytes) => Bytes = bytes;

    /// <summary>The amount in bytes.</summary>
    public double Bytes { get; }

    /// <summary>The amount in KiB (2¹⁰ bytes).</summary>
    public double KiB => Bytes / 1024.0;

    /// <summary>The amount in MiB (2²⁰ bytes).</summary>
    public double MiB => Bytes / 1048576.0;

    /// <summary>The amount in GiB (2³⁰ bytes).</summary>
    public double GiB => Bytes / 1073741824.0;

    /// <summary>No memory.</summary>
    public static ByteSize Zero => default;

    /// <summary>An amount of <paramref name="bytes"/> bytes (finite).</summary>
    /// <exception cref="ArgumentOutOfRangeException">NaN or infinite.</exception>
    public static ByteSize FromBytes(double bytes) => new(Check.Finite(bytes, nameof(bytes)));

    /// <summary><paramref name="kib"/> × 1024 bytes.</summary>
    public static ByteSize FromKiB(double kib) => FromBytes(Check.Finite(kib, nameof(kib)) * 1024.0);

    /// <summary><paramref name="mib"/> × 2²⁰ bytes.</summary>
    public static ByteSize FromMiB(double mib) => FromBytes(Check.Finite(mib, nameof(mib)) * 1048576.0);

    /// <summary><paramref name="gib"/> × 2³⁰ bytes.</summary>
    public static ByteSize FromGiB(double gib) => FromBytes(Check.Finite(gib, nameof(gib)) * 1073741824.0);

    /// <summary><paramref name="megabytes"/> × 10⁶ bytes (decimal, deliberately distinct from <see cref="FromMiB"/>).</summary>
    public static ByteSize FromMegabytes(double megabytes) => FromBytes(Check.Finite(megabytes, nameof(megabytes)) * 1e6);

    /// <summary><paramref name="gigabytes"/> × 10⁹ bytes (decimal, deliberately distinct from <see cref="FromGiB"/>).</summary>
    public static ByteSize FromGigabytes(double gigabytes) => FromBytes(Check.Finite(gigabytes, nameof(gigabytes)) * 1e9);

    /// <summary>Reads "4096", "4096 B", "4 KiB", "2MiB", "16 GiB", "87 MB" (units: <see cref="UnitFormat.ByteUnits"/>; a
    /// bare number is bytes).</summary>
    /// <exception cref="FormatException">Not a finite number with an optional capacity unit.</exception>
    public static ByteSize Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var b) ? b
            : throw new FormatException($"'{text}' is not an amount of memory: expected a number and a unit ({UnitFormat.UnitList(UnitFormat.ByteUnits.Select(u => u.Unit))}), e.g. 16 GiB");
    }

    /// <summary>As <see cref="Parse"/>, returning false instead of throwing.</summary>
    public static bool TryParse(string? text, out ByteSize value)
    {
        value = default;
        if (text is null) return false;
        if (UnitFormat.IsDecimal(text.Trim()) && UnitFormat.TryParseScaled(text, 0, out var plain) && double.IsFinite(plain))
        {
            value = new ByteSize(plain);
            return true;
        }
        if (!UnitFormat.TryParseWithFactor(text, UnitFormat.ByteUnits, out var bytes, out _)) return false;
        value = new ByteSize(bytes);
        return true;
    }

    /// <summary>Sum.</summary>
    public static ByteSize operator +(ByteSize a, ByteSize b) => FromBytes(a.Bytes + b.Bytes);

    /// <summary>Difference.</summary>
    public static ByteSize operator -(ByteSize a, ByteSize b) => FromBytes(a.Bytes - b.Bytes);

    /// <summary>Scaling by a factor.</summary>
    public static ByteSize operator *(ByteSize a, double factor) => FromBytes(a.Bytes * factor);

    /// <summary>Scaling by a factor.</summary>
    public static ByteSize operator *(double factor, ByteSize a) => FromBytes(a.Bytes * factor);

    /// <summary>Division by a factor.</summary>
    public static ByteSize operator /(ByteSize a, double divisor) => FromBytes(a.Bytes / divisor);

    /// <summary>The ratio of two amounts (dimensionless).</summary>
    public static double operator /(ByteSize a, ByteSize b) => a.Bytes / b.Bytes;

    /// <summary>Time to move <paramref name="size"/> at <paramref name="bandwidth"/>: bytes / (bytes per second).</summary>
    public static TimeInterval operator /(ByteSize size, Bandwidth bandwidth) => TimeInterval.FromSeconds(size.Bytes / bandwidth.BytesPerSecond);

    /// <summary>Bandwidth of moving <paramref name="size"/> in <paramref name="time"/>: bytes / seconds.</summary>
    public static Bandwidth operator /(ByteSize size, TimeInterval time) => Bandwidth.FromBytesPerSecond(size.Bytes / time.Seconds);

    /// <summary>Comparison.</summary>
    public static bool operator <(ByteSize a, ByteSize b) => a.Bytes < b.Bytes;

    /// <summary>Comparison.</summary>
    public static bool operator >(ByteSize a, ByteSize b) => a.Bytes > b.Bytes;

    /// <summary>Comparison.</summary>
    public static bool operator <=(ByteSize a, ByteSize b) => a.Bytes <= b.Bytes;

    /// <summary>Comparison.</summary>
    public static bool operator >=(ByteSize a, ByteSize b) => a.Bytes >= b.Bytes;

    /// <summary>Equality of the bytes.</summary>
    public static bool operator ==(ByteSize a, ByteSize b) => a.Bytes == b.Bytes;

    /// <summary>Inequality.</summary>
    public static bool operator !=(ByteSize a, ByteSize b) => a.Bytes != b.Bytes;

    /// <inheritdoc />
    public bool Equals(ByteSize other) => Bytes.Equals(other.Bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ByteSize b && Equals(b);

    /// <inheritdoc />
    public override int GetHashCode() => Bytes.GetHashCode();

    /// <inheritdoc />
    public int CompareTo(ByteSize other) => Bytes.CompareTo(other.Bytes);

    /// <inheritdoc />
    public int CompareTo(object? obj) => obj is ByteSize b ? CompareTo(b) : throw new ArgumentException("not a ByteSize", nameof(obj));

    /// <summary>Invariant text with a binary prefix, e.g. "16 GiB" (<see cref="UnitFormat.Bytes"/>).</summary>
    public override string ToString() => UnitFormat.Bytes(Bytes);
}
