using System.Collections.Immutable;

namespace PerfModel.Calibration.Noise;

/// <summary>An FWQ noise probe read by <see cref="FwqTrace.Load"/>: one <see cref="FwqCoreTrace"/> per core, in file order.</summary>
/// <param name="File">The file it was read from.</param>
/// <param name="DetourThresholdNs">A sample is a detour when it exceeds its core's minimum by more than this; shorter
/// detours are invisible in the data.</param>
/// <param name="Cores">The cores, in the order they first appear in the file.</param>
public sealed record FwqTraceData(string File, double DetourThresholdNs, ImmutableArray<FwqCoreTrace> Cores);
