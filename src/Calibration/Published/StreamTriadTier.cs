using System.Collections.Immutable;

namespace PerfModel.Calibration.Published;

/// <summary>The STREAM triad rates of one memory tier against the thread count.</summary>
/// <param name="Name">The tier, upper case as the platform profiles name it (<c>MCDRAM</c>, <c>DDR4</c>).</param>
/// <param name="Points">One point per thread count, thread counts unique and ascending.</param>
public sealed record StreamTriadTier(string Name, ImmutableArray<StreamTriadPoint> Points);
