using PerfModel.Communication;
using PerfModel.Predictions;
using PerfModel.Units;

namespace PerfModel.Syscalls;

/// <summary>
/// System calls in the steady state (P18 Sec. II-B/C, IV): device calls on every message that leaves the node — offloaded
/// to Linux by McKernel (a proxy round trip) and mOS (thread migration), which is why LAMMPS on Omni-Path gains nothing
/// from an LWK at scale — and sched_yield() calls of MPI progress loops, which McKernel's --disable-sched-yield removes:
/// T = n_msg·d·(c_sys + [offloaded]·t_off) + n_yield·[not ignored]·c_yield, with n_msg from the
/// <see cref="CommunicationTerm"/> upstream (0 without one), t_off from <see cref="OffloadTime"/> applied to the mechanism's
/// round trip (<see cref="OffloadRoundTrip"/>: McKernel's proxy process or mOS's thread migration) and n_yield from
/// <see cref="RankLoad.Syscalls"/> (the one-node count times the surface factor N^(−2/3) under strong scaling).
/// </summary>
public sealed class SyscallModel : IMechanismModel
{
    /// <summary>The model.</summary>
    public static readonly SyscallModel Instance = new();

    /// <inheritdoc />
    public ModelInfo Info { get; } = new()
    {
        Id = "syscall-offload", Title = "Device calls (offloaded by the LWKs) and sched_yield()", Mechanism = Mechanism.Syscall,
        Citation = "P18 Sec. II-B, II-C, IV (LAMMPS and the hfi1 device path; McKernel --disable-sched-yield)",
    };

    /// <inheritdoc />
    public MechanismTerm Evaluate(RankLoad load, TermSet upstream)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(upstream);
        var s = load.Scenario;
        var (platform, os, syscalls) = (s.Platform, s.Os, load.Syscalls);
        var k = platform.Kernel;
        var interNodeMessages = upstream.Find<CommunicationTerm>()?.InterNodeMessagesPerIteration ?? 0;
        var deviceCall = k.Syscall.Seconds + (os.Syscalls.DeviceCallsOffloaded ? OffloadTime(OffloadRoundTrip.Of(os.Syscalls, k), load.RanksPerNode, platform.OsCoresPerNode).Seconds : 0);
        var calls = interNodeMessages * syscalls.DeviceCallsPerInterNodeMessage;
        var syscall = interNodeMessages * syscalls.DeviceCallsPerInterNodeMessage * deviceCall
                      + syscalls.SchedYieldsPerIteration * (os.Syscalls.SchedYieldIgnored ? 0 : k.SchedYield.Seconds);
        return new SyscallTerm
        {
            ModelId = Info.Id,
            Mechanism = Mechanism.Syscall,
            Role = TermRole.Work,
            PerIteration = TimeInterval.FromSeconds(syscall),
            DeviceCall = TimeInterval.FromSeconds(deviceCall),
            DeviceCallsPerIteration = calls,
        };
    }

    /// <summary>
    /// Mean time of one offloaded call when all R ranks of a node offload together (bulk-synchronous codes do) and the
    /// node's c OS cores serve them: a batch of R requests on c servers, each taking the offload latency, makes the
    /// average request wait for half the batch ahead of it: t = L_off · (1 + (R/c − 1)/2) for R &gt; c, else L_off.
    /// </summary>
    public static TimeInterval OffloadTime(TimeInterval latency, int ranksPerNode, int osCores)
    {
        var perServer = osCores > 0 ? (double)ranksPerNode / osCores : ranksPerNode;
        return TimeInterval.FromSeconds(latency.Seconds * (perServer > 1 ? 1 + (perServer - 1) / 2 : 1));
    }
}
