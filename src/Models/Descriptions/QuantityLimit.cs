using System.Globalization;

namespace PerfModel.Descriptions;

/// <summary>
/// The values one kind of input quantity may take: 0 (when <see cref="ZeroAllowed"/>) or a magnitude in
/// [<see cref="Min"/>, <see cref="Max"/>], in the unit of the profile file or noise spec (seconds, bytes, 1/s, …). The
/// limits are declared once (<see cref="QuantityLimits"/>) and checked where the number is read, so that a value the
/// model cannot represent is refused with its file (or spec position), its field and this rule, instead of ending in
/// Infinity or NaN far away.
/// </summary>
/// <param name="What">What the quantity is, e.g. "a time".</param>
/// <param name="Unit">Its unit as the rule prints it, e.g. "s".</param>
/// <param name="Min">Smallest non-zero value (&gt; 0); with <see cref="MinExclusive"/>, the bound a value must exceed.</param>
/// <param name="Max">Largest value (finite, ≥ <paramref name="Min"/>).</param>
/// <param name="ZeroAllowed">Whether exactly 0 is admitted too (the record's own rule may still require &gt; 0).</param>
public sealed record QuantityLimit(string What, string Unit, [property: Units.Dimensionless("in the quantity's unit")] double Min,
    [property: Units.Dimensionless("in the quantity's unit")] double Max, bool ZeroAllowed = true)
{
    /// <summary>Whether <see cref="Min"/> itself is refused: the values are those greater than <see cref="Min"/> (up to
    /// <see cref="Max"/>), e.g. a Pareto tail index, which must exceed 1. False by default (<see cref="Min"/> is admitted).</summary>
    public bool MinExclusive { get; init; }

    /// <summary>Whether <paramref name="value"/> lies within the limit (NaN and infinities never do; negative values are
    /// left to the record's rules when 0 is allowed, and refused here otherwise).</summary>
    public bool Admits(double value) =>
        double.IsFinite(value) && (value == 0 ? ZeroAllowed : (MinExclusive ? Math.Abs(value) > Min : Math.Abs(value) >= Min) && Math.Abs(value) <= Max);

    /// <summary>The rule as an error message states it: "must be 0 or between 1e-12 s and 1e+06 s (a time)"; with
    /// <see cref="MinExclusive"/>, "must be greater than 1 and at most 1000 (a Pareto tail index …)".</summary>
    public string Rule => MinExclusive
        ? string.Create(CultureInfo.InvariantCulture,
            $"must be {(ZeroAllowed ? "0 or " : "")}greater than {Min:G6}{Space}{Unit} and at most {Max:G6}{Space}{Unit} ({What} the model can represent)")
        : string.Create(CultureInfo.InvariantCulture,
            $"must be {(ZeroAllowed ? "0 or " : "")}between {Min:G6}{Space}{Unit} and {Max:G6}{Space}{Unit} ({What} the model can represent)");

    private string Space => Unit.Length == 0 ? "" : " ";
}
