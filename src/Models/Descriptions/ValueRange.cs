using System.Globalization;
using PerfModel.Internal;

namespace PerfModel.Descriptions;

/// <summary>
/// The declared uncertainty of one profile number: the interval [<see cref="Low"/>, <see cref="High"/>] its source or
/// estimate allows, in the profile file's units (seconds, bytes, 1/s, a fraction). Written in a profile file as
/// <c>"range": [low, high]</c> beside the value; kept in the value's <see cref="ProvenanceEntry"/>, because like the
/// source it is a statement about the recorded value (a what-if value has no declared range). Valid when made: both ends
/// finite and <c>low &lt; high</c>.
/// </summary>
public sealed record ValueRange
{
    /// <summary>Creates a range.</summary>
    /// <param name="low">Low end, in the file's unit (finite).</param>
    /// <param name="high">High end, in the file's unit (finite, &gt; <paramref name="low"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">An end is NaN or infinite, or <paramref name="high"/> ≤ <paramref name="low"/>.</exception>
    public ValueRange(double low, double high)
    {
        Low = Guard.Finite(nameof(low), low);
        High = Guard.Finite(nameof(high), high) > low
            ? high
            : throw new ArgumentOutOfRangeException(nameof(high), high, $"high={Text(high)}, but it should be > low={Text(low)}");
    }

    /// <summary>Low end of the range.</summary>
    [Units.Dimensionless("in the profile file's unit")]
    public double Low { get; }

    /// <summary>High end of the range.</summary>
    [Units.Dimensionless("in the profile file's unit")]
    public double High { get; }

    /// <summary>High − low.</summary>
    [Units.Dimensionless("in the profile file's unit")]
    public double Width => High - Low;

    /// <summary>Whether <paramref name="value"/> lies in [low, high] (both ends included).</summary>
    public bool Contains(double value) => value >= Low && value <= High;

    /// <summary>"[4E-06, 1.2E-05]" (invariant culture, round-trip precision).</summary>
    public override string ToString() => $"[{Text(Low)}, {Text(High)}]";

    private static string Text(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
