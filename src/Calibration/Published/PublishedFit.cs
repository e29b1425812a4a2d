using PerfModel.Calibration.Fitting;

namespace PerfModel.Calibration.Published;

/// <summary>One estimate of <c>calibrate import</c>: the profile it goes to (<c>platform</c>, <c>linux</c>, …), the JSON
/// path it sets (null for a fit's other parameters, such as a knee, reported but not a profile field), the estimate with
/// its 95% interval, and the provenance text written for it.</summary>
public sealed record PublishedFit(string Profile, string? JsonPath, ParameterEstimate Estimate, string Provenance);
