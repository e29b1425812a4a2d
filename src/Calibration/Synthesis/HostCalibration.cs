using PerfModel.Descriptions;

namespace PerfModel.Calibration.Synthesis;

/// <summary>One host's calibration, as <c>perfmodel calibrate</c> writes it (&lt;host&gt;.platform.json and &lt;host&gt;.linux.json).</summary>
/// <param name="Host">The host name (the files' name stem).</param>
/// <param name="Platform">The host's calibrated platform.</param>
/// <param name="Os">The host's calibrated Linux OS profile.</param>
public sealed record HostCalibration(string Host, Platform Platform, OsProfile Os);
