namespace PerfModel.Memory;

/// <summary>Outcome of the TLB model for one rank and iteration.</summary>
/// <param name="SecondsPerIteration">Time lost to TLB misses and page walks.</param>
/// <param name="L2MissesPerIteration">Accesses that missed every TLB level and walked the page table.</param>
/// <param name="Regime">Largest page size that covers most of the footprint, e.g. "4KiB", "2MiB", "1GiB".</param>
public sealed record TlbResult(double SecondsPerIteration, double L2MissesPerIteration, string Regime);
