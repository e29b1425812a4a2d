namespace PerfModel.Profiles;

/// <summary>Costs of kernel operations on one core of the platform (facts.md §5).</summary>
/// <param name="SyscallSeconds">A null system call handled locally (entry + exit).</param>
/// <param name="SchedYieldSeconds">A sched_yield() call with nothing else to run on the core.</param>
/// <param name="PageFault4KSeconds">Handling of a 4 KiB anonymous page fault, zeroing excluded.</param>
/// <param name="PageFault2MSeconds">Handling of a 2 MiB (THP) fault or allocation, zeroing excluded.</param>
/// <param name="ZeroingBytesPerSecondPerCore">Rate at which one core clears memory (memset-like store stream).</param>
/// <param name="FaultContentionPerRank">Extra fault-handling time per additional rank faulting concurrently on the node,
/// as a fraction of <paramref name="PageFault4KSeconds"/> (mmap_sem / zone-lock contention, facts.md §6.3).</param>
public sealed record KernelCosts(
    double SyscallSeconds,
    double SchedYieldSeconds,
    double PageFault4KSeconds,
    double PageFault2MSeconds,
    double ZeroingBytesPerSecondPerCore,
    double FaultContentionPerRank)
{
    internal void Validate(ValidationScope v, string path)
    {
        v.NonNegative(path + ".syscallSeconds", SyscallSeconds);
        v.NonNegative(path + ".schedYieldSeconds", SchedYieldSeconds);
        v.NonNegative(path + ".pageFault4KSeconds", PageFault4KSeconds);
        v.NonNegative(path + ".pageFault2MSeconds", PageFault2MSeconds);
        v.Positive(path + ".zeroingBytesPerSecondPerCore", ZeroingBytesPerSecondPerCore);
        v.NonNegative(path + ".faultContentionPerRank", FaultContentionPerRank);
    }
}
