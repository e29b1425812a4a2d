namespace PerfModel.Profiles;

/// <summary>Which system calls an OS forwards to Linux and what that costs (P18 Sec. II-B/C, IV).</summary>
/// <param name="DeviceCallsOffloaded">Whether calls on device files (e.g. the Omni-Path hfi1 driver) are offloaded.</param>
/// <param name="OffloadLatencySeconds">Round trip of one offloaded call on top of the call itself (McKernel IKC to the proxy; mOS thread migration).</param>
/// <param name="SchedYieldIgnored">Whether sched_yield() is a no-op (McKernel --disable-sched-yield).</param>
/// <param name="SharedMemoryPremapped">Whether MPI shared-memory regions are premapped (McKernel --mpol-shm-premap).</param>
public sealed record SyscallPolicy(bool DeviceCallsOffloaded, double OffloadLatencySeconds, bool SchedYieldIgnored, bool SharedMemoryPremapped)
{
    internal void Validate(ValidationScope v, string path) => v.NonNegative(path + ".offloadLatencySeconds", OffloadLatencySeconds);
}
