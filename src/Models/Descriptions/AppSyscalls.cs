using PerfModel.Internal;

namespace PerfModel.Descriptions;

/// <summary>System calls an application makes in its steady state, by class. Valid when made: every count ≥ 0.</summary>
public sealed record AppSyscalls
{
    /// <summary>No system calls in the steady state.</summary>
    public static readonly AppSyscalls None = new() { DeviceCallsPerInterNodeMessage = 0, SchedYieldsPerIteration = 0, SharedMemoryFaultsPerIteration = 0 };

    /// <summary>Calls on the network device file per message that leaves the node (the Omni-Path hfi1 path P18 Sec. IV
    /// blames for LAMMPS).</summary>
    [Dimensionless("calls per inter-node message")]
    public required double DeviceCallsPerInterNodeMessage { get; init => field = Rules.NonNegative(this, value); }

    /// <summary>sched_yield() calls per iteration (MPI progress loops; P18 Sec. IV), for the one-node run, scaled like the
    /// halo surface, N^(−2/3), under strong scaling (<see cref="Predictions.RankLoad"/>).</summary>
    [Dimensionless("calls per iteration")]
    public required double SchedYieldsPerIteration { get; init => field = Rules.NonNegative(this, value); }

    /// <summary>Page faults per iteration on MPI shared-memory regions, which McKernel's --mpol-shm-premap removes (P18 Sec. IV);
    /// for the one-node run, scaled like the halo surface, N^(−2/3), under strong scaling (<see cref="Predictions.RankLoad"/>).</summary>
    [Dimensionless("faults per iteration")]
    public required double SharedMemoryFaultsPerIteration { get; init => field = Rules.NonNegative(this, value); }
}
