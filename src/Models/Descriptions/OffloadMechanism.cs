namespace PerfModel.Descriptions;

/// <summary>How an OS runs a system call it forwards to Linux (P18 Sec. II-B, II-C; docs/sources.md#syscall-offload-model).
/// The steps each mechanism takes are priced with the platform's <see cref="KernelCosts.CrossCoreInterrupt"/>,
/// <see cref="KernelCosts.Wakeup"/> and <see cref="KernelCosts.Syscall"/> by
/// <see cref="Syscalls.OffloadRoundTrip"/>; <see cref="SyscallPolicy.OffloadLatency"/> adds the mechanism's own messaging
/// or bookkeeping.</summary>
public enum OffloadMechanism
{
    /// <summary>No mechanism is modelled: <see cref="SyscallPolicy.OffloadLatency"/> is the whole round trip (the default
    /// when a profile leaves the mechanism out).</summary>
    Fixed,

    /// <summary>IHK/McKernel: an IKC message and an interrupt to a Linux core wake the rank's proxy process, which returns
    /// from its wait ioctl, runs the call in Linux and posts the result with a second ioctl; the requesting LWK thread spins on
    /// the reply, so the way back needs no interrupt or wake-up (RIKEN-SysSoft/mckernel kernel/syscall.c do_syscall,
    /// executer/user/mcexec.c).</summary>
    ProxyProcess,

    /// <summary>mOS: the calling thread is migrated to a Linux core (an interrupt and a wake-up there), runs the call, and is
    /// migrated back to its LWK core (a second interrupt and wake-up).</summary>
    ThreadMigration,
}
