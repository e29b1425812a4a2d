using System.Globalization;

namespace PerfModel.Cli;

/// <summary>Parses a duration option such as "100us", "2.5ms", "1e-4s" or "250ns" into seconds.</summary>
public static class DurationArgument
{
    private static readonly (string Unit, decimal Seconds)[] Units = [("ns", 1e-9m), ("us", 1e-6m), ("µs", 1e-6m), ("ms", 1e-3m), ("s", 1m)];

    public static double Parse(string text, string option)
    {
        var t = text.Trim();
        foreach (var (unit, scale) in Units)
        {
            if (!t.EndsWith(unit, StringComparison.Ordinal)) continue;
            var number = t[..^unit.Length];
            if (unit == "s" && (number.EndsWith('m') || number.EndsWith('u') || number.EndsWith('n'))) continue;
            // Scaled in decimal so that "100us" is exactly the double nearest 1e-4.
            if (decimal.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0)
                return (double)(v * scale);
            throw new FormatException($"{option} '{text}': '{number}' is not a number >= 0");
        }
        throw new FormatException($"{option} '{text}': needs a unit (ns, us, ms or s), e.g. 100us");
    }
}
