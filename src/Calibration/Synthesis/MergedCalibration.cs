using System.Collections.Immutable;
using PerfModel.Descriptions;

namespace PerfModel.Calibration.Synthesis;

/// <summary>What <see cref="CalibrationMerge.Merge"/> produces.</summary>
/// <param name="Platform">The first host's platform with every pooled parameter set to the median over the hosts, its
/// provenance "measured: median of N hosts (a, b, c)", named "merged calibration of N hosts".</param>
/// <param name="Os">The Linux OS profile of the <paramref name="Typical"/> host, displayed "Linux (noise of &lt;host&gt;, the
/// median of N hosts)".</param>
/// <param name="Medians">The median of each of <see cref="CalibrationMerge.Parameters"/>, in that order.</param>
/// <param name="Hosts">One row per host, in input order: each parameter's value and deviation from the median.</param>
/// <param name="Typical">The host with the median noise fraction (the lower middle one for an even count), whose noise
/// the merged OS has.</param>
public sealed record MergedCalibration(Platform Platform, OsProfile Os, ImmutableArray<double> Medians, ImmutableArray<MergedHost> Hosts, HostCalibration Typical);
