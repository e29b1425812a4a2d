using System.Collections.Immutable;

namespace PerfModel.Calibration.Measurements;

/// <summary>A measured series: paired x and y values with units (e.g. x = pages touched, y = seconds).</summary>
/// <param name="Name">Series name within its benchmark, e.g. "touch-4k", "core0".</param>
/// <param name="XUnit">Unit of x, e.g. "pages", "bytes", "sample".</param>
/// <param name="YUnit">Unit of y, e.g. "ns", "ns/call", "B/s".</param>
/// <param name="X">The x values.</param>
/// <param name="Y">The y values, paired with <paramref name="X"/>.</param>
public sealed record Series(string Name, string XUnit, string YUnit, ImmutableArray<double> X, ImmutableArray<double> Y)
{
    /// <summary>Number of points (the length of <see cref="X"/>).</summary>
    public int Count => X.Length;
}
