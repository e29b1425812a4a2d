using PerfModel.Descriptions;

namespace PerfModel.Calibration.Fitting;

/// <summary>One parameter of a <see cref="PaperFit"/>: where it is and its value before and after, in the profile file's
/// unit.</summary>
/// <param name="Parameter">The parameter.</param>
/// <param name="JsonPath">Its JSON path in the profile file.</param>
/// <param name="Before">The value the fit started from.</param>
/// <param name="After">The fitted value, to <see cref="PaperFit.SignificantDigits"/> significant digits.</param>
public sealed record FittedValue(
    ProfileParameter Parameter,
    string JsonPath,
    [property: Dimensionless("in the profile file's unit")] double Before,
    [property: Dimensionless("in the profile file's unit")] double After);
