using System.Collections.Immutable;

namespace PerfModel.Calibration.Measurements;

/// <summary>A measured series: paired x and y values with units (e.g. x = pages touched, y = seconds).</summary>
public sealed record Series(string Name, string XUnit, string YUnit, ImmutableArray<double> X, ImmutableArray<double> Y)
{
    public int Count => X.Length;
}
