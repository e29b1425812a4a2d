namespace PerfModel.Cli;

/// <summary>Reads a duration option such as "100us", "2.5ms", "1e-4s" or "250ns" (<see cref="TimeInterval.Parse"/>), ≥ 0.</summary>
public static class DurationArgument
{
    /// <summary>The duration <paramref name="text"/> given for <paramref name="option"/>.</summary>
    /// <exception cref="FormatException">Not a time with a unit, or negative; the message names the option.</exception>
    public static TimeInterval Parse(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TimeInterval.TryParse(text, out var t))
            throw new FormatException($"{option} '{text}': needs a number and a unit (ns, us, ms or s), e.g. 100us");
        if (t.Seconds < 0) throw new FormatException($"{option} '{text}': must be >= 0");
        return t;
    }
}
