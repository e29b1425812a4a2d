using System.Globalization;
using PerfModel.Descriptions;

namespace PerfModel.Validation;

/// <summary>
/// A parameter that decides a validation row within its own declared uncertainty: moved inside its range (the profile
/// file's <c>"range": [low, high]</c>), the row's verdict (met or not) flips at <see cref="FlipsAt"/>. Values are in the
/// profile file's units (seconds, bytes, a fraction). Found by PerfModel.Profiles.Sensitivity.
/// </summary>
/// <param name="Parameter">The parameter.</param>
/// <param name="Value">Its current value.</param>
/// <param name="RangeLow">Low end of its declared range.</param>
/// <param name="RangeHigh">High end of its declared range.</param>
/// <param name="FlipsAt">Where inside the range the row's verdict changes (bisection to 1/64 of the range).</param>
public sealed record KnifeEdge(
    ProfileParameter Parameter,
    [property: Units.Dimensionless("in the profile file's unit")] double Value,
    [property: Units.Dimensionless("in the profile file's unit")] double RangeLow,
    [property: Units.Dimensionless("in the profile file's unit")] double RangeHigh,
    [property: Units.Dimensionless("in the profile file's unit")] double FlipsAt)
{
    /// <summary>"os mckernel Syscalls.OffloadLatency = 8e-06 in [4e-06, 1.2e-05] flips at 6.5e-06".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Parameter} = {Value:G3} in [{RangeLow:G3}, {RangeHigh:G3}] flips at {FlipsAt:G3}");
}
