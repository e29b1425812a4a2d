using System.Collections.Immutable;
using PerfModel.Calibration.Fitting;
using PerfModel.Descriptions;

namespace PerfModel.Calibration.Calibrators;

/// <summary>What one calibrator made.</summary>
/// <param name="Platform">The input platform with the parameters this step measured replaced.</param>
/// <param name="Os">The input Linux OS profile with the parameters this step measured replaced.</param>
/// <param name="Estimates">The estimates of this step, in order; those with a <see cref="ParameterEstimate.JsonPath"/> were
/// written into the profile at that path and carry its provenance text.</param>
/// <param name="Notes">What was kept from the input and why, and any adjustment (e.g. a floored fault cost).</param>
/// <param name="NextSeed">Seed of the next fit: the input's seed plus the number of bootstraps this step ran.</param>
public sealed record CalibrationStep(Platform Platform, OsProfile Os, ImmutableArray<ParameterEstimate> Estimates, ImmutableArray<string> Notes, int NextSeed);
