namespace PerfModel.Predictions;

/// <summary>Where the time of a whole run goes, in seconds per mechanism; <see cref="TotalSeconds"/> is their sum.</summary>
/// <param name="ComputeSeconds">Core work that does not wait on memory.</param>
/// <param name="MemorySeconds">Memory traffic at the bandwidth the placement gives.</param>
/// <param name="TlbSeconds">TLB misses and page walks.</param>
/// <param name="HeapSeconds">brk() calls, page faults and page zeroing.</param>
/// <param name="NoiseSeconds">Waiting for the slowest core at synchronisation points (OS noise amplification).</param>
/// <param name="CommunicationSeconds">Collectives and neighbour exchanges (LogGP).</param>
/// <param name="SyscallSeconds">Device and sched_yield system calls, offload round trips included.</param>
public sealed record Breakdown(
    double ComputeSeconds,
    double MemorySeconds,
    double TlbSeconds,
    double HeapSeconds,
    double NoiseSeconds,
    double CommunicationSeconds,
    double SyscallSeconds)
{
    public double TotalSeconds => ComputeSeconds + MemorySeconds + TlbSeconds + HeapSeconds + NoiseSeconds + CommunicationSeconds + SyscallSeconds;

    public double this[Mechanism m] => m switch
    {
        Mechanism.Compute => ComputeSeconds,
        Mechanism.Memory => MemorySeconds,
        Mechanism.Tlb => TlbSeconds,
        Mechanism.Heap => HeapSeconds,
        Mechanism.Noise => NoiseSeconds,
        Mechanism.Communication => CommunicationSeconds,
        Mechanism.Syscall => SyscallSeconds,
        _ => throw new ArgumentOutOfRangeException(nameof(m), m, "unknown mechanism"),
    };

    public Breakdown Scale(double factor) => new(ComputeSeconds * factor, MemorySeconds * factor, TlbSeconds * factor, HeapSeconds * factor,
        NoiseSeconds * factor, CommunicationSeconds * factor, SyscallSeconds * factor);

    /// <summary>Snake-case names used as CSV column stems ("compute", "tlb", …).</summary>
    public static string ColumnName(Mechanism m) => m.ToString().ToLowerInvariant();
}
