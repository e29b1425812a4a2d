namespace PerfModel.Memory;

/// <summary>Outcome of the heap model for one rank and iteration.</summary>
/// <param name="SecondsPerIteration">Total: syscalls + fault handling + zeroing.</param>
/// <param name="SyscallSeconds">brk()/sbrk() calls.</param>
/// <param name="FaultSeconds">Page-fault (or brk-time allocation) handling, zeroing excluded.</param>
/// <param name="ZeroingSeconds">Clearing pages.</param>
/// <param name="FaultsPerIteration">Page faults (demand paging) or pages allocated inside brk() (prefaulting).</param>
public sealed record HeapResult(double SecondsPerIteration, double SyscallSeconds, double FaultSeconds, double ZeroingSeconds, double FaultsPerIteration);
