using PerfModel.Internal;
using PerfModel.Units;

namespace PerfModel.Descriptions;

/// <summary>Which system calls an OS forwards to Linux and what that costs (P18 Sec. II-B/C, IV). Valid when made: the
/// offload latency is ≥ 0.</summary>
public sealed record SyscallPolicy
{
    /// <summary>Whether calls on device files (e.g. the Omni-Path hfi1 driver) are offloaded.</summary>
    public required bool DeviceCallsOffloaded { get; init; }

    /// <summary>How offloaded calls reach Linux (<see cref="OffloadMechanism.Fixed"/> unless set).</summary>
    public OffloadMechanism Mechanism { get; init; } = OffloadMechanism.Fixed;

    /// <summary>With <see cref="OffloadMechanism.Fixed"/>: the round trip of one offloaded call on top of the call itself.
    /// With a modelled mechanism: what the mechanism adds to the interrupts, wake-ups and system calls its steps are priced
    /// with (McKernel: writing and reading the IKC request and reply; mOS: moving the thread between run queues).</summary>
    public required TimeInterval OffloadLatency { get; init => field = Rules.NonNegative(this, value); }

    /// <summary>Whether sched_yield() is a no-op (McKernel --disable-sched-yield).</summary>
    public required bool SchedYieldIgnored { get; init; }

    /// <summary>Whether MPI shared-memory regions are premapped (McKernel --mpol-shm-premap).</summary>
    public required bool SharedMemoryPremapped { get; init; }
}
