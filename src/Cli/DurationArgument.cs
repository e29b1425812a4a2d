using System.Globalization;

namespace PerfModel.Cli;

/// <summary>Parses a duration option such as "100us", "2.5ms", "1e-4s" or "250ns" into seconds.</summary>
public static class DurationArgument
{
    private static readonly (string Unit, double Seconds)[] Units = [("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("ms", 1e-3), ("s", 1)];

    public static double Parse(string text, string option)
    {
        var t = text.Trim();
        foreach (var (unit, scale) in Units)
        {
            if (!t.EndsWith(unit, StringComparison.Ordinal)) continue;
            var number = t[..^unit.Length];
            if (unit == "s" && (number.EndsWith('m') || number.EndsWith('u') || number.EndsWith('n'))) continue;
            if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= 0)
                return v * scale;
            throw new FormatException($"{option} '{text}': '{number}' is not a number >= 0");
        }
        throw new FormatException($"{option} '{text}': needs a unit (ns, us, ms or s), e.g. 100us");
    }
}
