using System.Collections.Immutable;
using PerfModel.Descriptions;

namespace PerfModel.Calibration.Fitting;

/// <summary>A noise profile fitted to an FWQ trace, with the fits behind it.</summary>
/// <param name="Profile">One source (or none when the trace has no detour).</param>
/// <param name="Duration">The duration fits; null when the trace has no detour.</param>
/// <param name="Estimates">ratePerSecond first, then the chosen duration's parameters.</param>
public sealed record NoiseFitResult(NoiseProfile Profile, DurationFitResult? Duration, ImmutableArray<ParameterEstimate> Estimates);
