using PerfModel.Predictions;
using PerfModel.Units;

namespace PerfModel.Syscalls;

/// <summary>The system-call model's term: device calls on inter-node messages and sched_yield() calls per iteration.</summary>
public sealed record SyscallTerm : MechanismTerm
{
    /// <summary>Time of one device call: the local call plus, when offloaded, the queued offload round trip.</summary>
    public required TimeInterval DeviceCall { get; init; }

    /// <summary>Device calls per iteration.</summary>
    [Dimensionless("calls per iteration")]
    public required double DeviceCallsPerIteration { get; init; }
}
