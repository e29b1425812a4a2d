using System.Globalization;

namespace PerfModel.Units;

/// <summary>
/// Invariant-culture text forms of the unit types, and the one number parser they share. Formatting picks the largest
/// unit that keeps the number at least 1 (times: ns, us, ms, s; capacities: B, KiB, MiB, GiB, TiB with binary prefixes;
/// bandwidths: B/s, kB/s, MB/s, GB/s, TB/s with decimal prefixes, as STREAM reports them; rates: /s; frequencies: Hz,
/// kHz, MHz, GHz) and prints six significant digits. Parsing scales by moving the decimal exponent of the text, so
/// "7.3us" is exactly the double nearest to 7.3 × 10⁻⁶ (rounded once, never through a binary multiplication).
/// </summary>
public static class UnitFormat
{
    /// <summary>Time units and their decimal exponent in seconds ("us", "µs" and "μs" are all microseconds).</summary>
    public static readonly IReadOnlyList<(string Unit, int Exponent)> TimeUnits =
        [("ns", -9), ("us", -6), ("µs", -6), ("μs", -6), ("ms", -3), ("s", 0)];

    /// <summary>Event-rate units and their decimal exponent in events per second.</summary>
    public static readonly IReadOnlyList<(string Unit, int Exponent)> RateUnits =
        [("/s", 0), ("Hz", 0), ("/ms", 3), ("kHz", 3), ("/us", 6), ("MHz", 6)];

    /// <summary>Frequency units and their decimal exponent in hertz.</summary>
    public static readonly IReadOnlyList<(string Unit, int Exponent)> FrequencyUnits =
        [("Hz", 0), ("kHz", 3), ("MHz", 6), ("GHz", 9)];

    /// <summary>Bandwidth units and their factor in bytes per second (decimal prefixes, and binary ones when asked for).</summary>
    public static readonly IReadOnlyList<(string Unit, double Factor)> BandwidthUnits =
        [("B/s", 1), ("kB/s", 1e3), ("MB/s", 1e6), ("GB/s", 1e9), ("TB/s", 1e12), ("KiB/s", 1024.0), ("MiB/s", 1048576.0), ("GiB/s", 1073741824.0)];

    /// <summary>Capacity units and their factor in bytes: binary prefixes (KiB, MiB, GiB, TiB) and decimal ones (kB, MB, GB, TB).</summary>
    public static readonly IReadOnlyList<(string Unit, double Factor)> ByteUnits =
        [("B", 1), ("KiB", 1024.0), ("MiB", 1048576.0), ("GiB", 1073741824.0), ("TiB", 1099511627776.0),
         ("kB", 1e3), ("MB", 1e6), ("GB", 1e9), ("TB", 1e12)];

    /// <summary>Seconds with the largest unit that keeps the number ≥ 1: "2us", "10ms", "1.5s", "0s".</summary>
    public static string Seconds(double seconds)
    {
        var (value, unit) = Math.Abs(seconds) switch
        {
            0 => (0.0, "s"),
            < 1e-6 => (seconds * 1e9, "ns"),
            < 1e-3 => (seconds * 1e6, "us"),
            < 1 => (seconds * 1e3, "ms"),
            _ => (seconds, "s"),
        };
        return value.ToString("G6", CultureInfo.InvariantCulture) + unit;
    }

    /// <summary>Bytes with the largest binary prefix that keeps the number ≥ 1: "4 KiB", "16 GiB", "87.5 MiB", "0 B".</summary>
    public static string Bytes(double bytes)
    {
        var abs = Math.Abs(bytes);
        var (factor, unit) = abs switch
        {
            >= 1099511627776.0 => (1099511627776.0, "TiB"),
            >= 1073741824.0 => (1073741824.0, "GiB"),
            >= 1048576.0 => (1048576.0, "MiB"),
            >= 1024.0 => (1024.0, "KiB"),
            _ => (1.0, "B"),
        };
        return (bytes / factor).ToString("G6", CultureInfo.InvariantCulture) + " " + unit;
    }

    /// <summary>Bytes per second with a decimal prefix: "88.4 GB/s".</summary>
    public static string BytesPerSecond(double bytesPerSecond)
    {
        var abs = Math.Abs(bytesPerSecond);
        var (factor, unit) = abs switch
        {
            >= 1e12 => (1e12, "TB/s"),
            >= 1e9 => (1e9, "GB/s"),
            >= 1e6 => (1e6, "MB/s"),
            >= 1e3 => (1e3, "kB/s"),
            _ => (1.0, "B/s"),
        };
        return (bytesPerSecond / factor).ToString("G6", CultureInfo.InvariantCulture) + " " + unit;
    }

    /// <summary>Events per second: "2.4/s".</summary>
    public static string PerSecond(double perSecond) => perSecond.ToString("G6", CultureInfo.InvariantCulture) + "/s";

    /// <summary>Hertz with a decimal prefix: "1.4 GHz".</summary>
    public static string Hertz(double hertz)
    {
        var abs = Math.Abs(hertz);
        var (factor, unit) = abs switch
        {
            >= 1e9 => (1e9, "GHz"),
            >= 1e6 => (1e6, "MHz"),
            >= 1e3 => (1e3, "kHz"),
            _ => (1.0, "Hz"),
        };
        return (hertz / factor).ToString("G6", CultureInfo.InvariantCulture) + " " + unit;
    }

    /// <summary>
    /// The value of the decimal number <paramref name="text"/> × 10^<paramref name="shift"/>, rounded once to the nearest
    /// double: the shift is added to the text's decimal exponent before parsing (invariant culture; <c>[+|-] digits [. digits]
    /// [e [+|-] digits]</c>). Returns false when the text is not such a number.
    /// </summary>
    public static bool TryParseScaled(string text, int shift, out double value)
    {
        value = 0;
        var t = text.Trim();
        if (t.Length == 0 || !IsDecimal(t)) return false;
        var e = t.IndexOfAny(['e', 'E']);
        var mantissa = e < 0 ? t : t[..e];
        long exponent = 0;
        if (e >= 0 && !long.TryParse(t.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        if (shift == 0 && e < 0) return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        exponent += shift;
        return double.TryParse(mantissa + "e" + exponent.ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Splits "7.3 us" or "7.3us" into the number and the unit that follows it, matching the longest unit of
    /// <paramref name="units"/> that ends the text; returns the number's value in base units (exact decimal scaling when the
    /// unit's factor is a power of ten).</summary>
    internal static bool TryParseWithUnit(string text, IReadOnlyList<(string Unit, int Exponent)> units, out double value, out string? unit)
    {
        value = 0;
        unit = null;
        var t = text.Trim();
        foreach (var (name, exponent) in units.OrderByDescending(u => u.Unit.Length))
        {
            if (!t.EndsWith(name, StringComparison.Ordinal)) continue;
            var number = t[..^name.Length].TrimEnd();
            if (number.Length == 0 || !IsDecimal(number)) continue;
            unit = name;
            return TryParseScaled(number, exponent, out value) && double.IsFinite(value);
        }
        return false;
    }

    /// <summary>As <see cref="TryParseWithUnit(string, IReadOnlyList{ValueTuple{string, int}}, out double, out string?)"/> for
    /// units given by a factor (binary prefixes): the value is the parsed number times the factor.</summary>
    internal static bool TryParseWithFactor(string text, IReadOnlyList<(string Unit, double Factor)> units, out double value, out string? unit)
    {
        value = 0;
        unit = null;
        var t = text.Trim();
        foreach (var (name, factor) in units.OrderByDescending(u => u.Unit.Length))
        {
            if (!t.EndsWith(name, StringComparison.Ordinal)) continue;
            var number = t[..^name.Length].TrimEnd();
            if (number.Length == 0 || !IsDecimal(number)) continue;
            unit = name;
            var exponent = Math.Log10(factor);
            bool ok;
            if (Math.Abs(exponent - Math.Round(exponent)) < 1e-12)
                ok = TryParseScaled(number, (int)Math.Round(exponent), out value);
            else
            {
                ok = TryParseScaled(number, 0, out value);
                value *= factor;
            }
            return ok && double.IsFinite(value);
        }
        return false;
    }

    /// <summary>True when <paramref name="s"/> is <c>[+|-] (digits [. digits] | . digits) [(e|E) [+|-] digits]</c>.</summary>
    internal static bool IsDecimal(string s)
    {
        var i = 0;
        if (i < s.Length && (s[i] == '+' || s[i] == '-')) i++;
        var digits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; digits++; }
        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; digits++; }
        }
        if (digits == 0) return false;
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            if (i < s.Length && (s[i] == '+' || s[i] == '-')) i++;
            var exp = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; exp++; }
            if (exp == 0) return false;
        }
        return i == s.Length;
    }

    internal static string UnitList(IEnumerable<string> units) => string.Join(", ", units.Distinct());
}
