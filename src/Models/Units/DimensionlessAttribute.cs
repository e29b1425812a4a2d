namespace PerfModel.Units;

/// <summary>
/// Marks a public <see cref="double"/> or <see cref="int"/> property that is not a physical quantity with a unit type: a
/// fraction, a ratio, a count or a factor. The reason says which (and, for a fraction, of what).
/// </summary>
/// <param name="reason">What the number is, e.g. "fraction of the footprint in [0, 1]".</param>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false)]
public sealed class DimensionlessAttribute(string reason) : Attribute
{
    /// <summary>What the number is.</summary>
    public string Reason { get; } = reason;
}
