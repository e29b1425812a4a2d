namespace PerfModel.Profiles;

/// <summary>System calls an application makes in its steady state, by class.</summary>
/// <param name="DeviceCallsPerInterNodeMessage">Calls on the network device file per message that leaves the node
/// (the Omni-Path hfi1 path P18 Sec. IV blames for LAMMPS).</param>
/// <param name="SchedYieldsPerIteration">sched_yield() calls per iteration (MPI progress loops; P18 Sec. IV).</param>
/// <param name="SharedMemoryFaultsPerIteration">Page faults per iteration on MPI shared-memory regions, which McKernel's
/// --mpol-shm-premap removes (P18 Sec. IV).</param>
public sealed record AppSyscalls(double DeviceCallsPerInterNodeMessage, double SchedYieldsPerIteration, double SharedMemoryFaultsPerIteration)
{
    public static readonly AppSyscalls None = new(0, 0, 0);
}
