using PerfModel.Descriptions;
using PerfModel.Units;

namespace PerfModel.Syscalls;

/// <summary>
/// Round trip of one offloaded system call on top of the call itself, built from the steps of the OS's mechanism
/// (P18 Sec. II-B, II-C; docs/sources.md#syscall-offload-model). With t_ipi the interrupt delivery
/// (<see cref="KernelCosts.CrossCoreInterrupt"/>), t_wake a wake-up and context switch (<see cref="KernelCosts.Wakeup"/>),
/// c_sys a null system call (<see cref="KernelCosts.Syscall"/>) and L the OS's own part
/// (<see cref="SyscallPolicy.OffloadLatency"/>):
/// <list type="bullet">
/// <item>fixed: t = L.</item>
/// <item>proxy process (McKernel): t = t_ipi + t_wake + 2·c_sys + L — one interrupt wakes the proxy, which leaves its wait
/// ioctl and enters the reply ioctl (two kernel crossings); the LWK thread spins on the reply, so nothing is woken on the
/// way back.</item>
/// <item>thread migration (mOS): t = 2·(t_ipi + t_wake) + L — the thread is woken on a Linux core and again on its LWK
/// core.</item>
/// </list>
/// The difference mOS − McKernel at equal L is t_ipi + t_wake − 2·c_sys: the second wake-up the migration pays against
/// the proxy's two ioctl crossings.
/// </summary>
public static class OffloadRoundTrip
{
    /// <summary>t for <paramref name="policy"/>'s mechanism on a platform with kernel costs <paramref name="kernel"/>.</summary>
    public static TimeInterval Of(SyscallPolicy policy, KernelCosts kernel)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(kernel);
        var own = policy.OffloadLatency.Seconds;
        var ipi = kernel.CrossCoreInterrupt.Seconds;
        var wake = kernel.Wakeup.Seconds;
        var seconds = policy.Mechanism switch
        {
            OffloadMechanism.Fixed => own,
            OffloadMechanism.ProxyProcess => ipi + wake + 2 * kernel.Syscall.Seconds + own,
            OffloadMechanism.ThreadMigration => 2 * (ipi + wake) + own,
            _ => throw new ArgumentOutOfRangeException(nameof(policy), policy.Mechanism, "unknown offload mechanism"),
        };
        return TimeInterval.FromSeconds(seconds);
    }
}
