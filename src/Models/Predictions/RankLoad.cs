using PerfModel.Descriptions;
using PerfModel.Units;

namespace PerfModel.Predictions;

/// <summary>
/// What one rank does per iteration in a scenario, with strong scaling applied. This is the one place where the profile's
/// per-rank quantities, given for the one-node run (<see cref="AppProfile"/>), are scaled to N nodes. A strong-scaled
/// application splits a fixed problem over N times the ranks, so each rank's subdomain has 1/N of the one-node volume and,
/// keeping its shape, N^(−2/3) of its surface; a weak-scaled one keeps every per-rank quantity (both factors are 1):
/// <list type="bullet">
/// <item>volume factor v = 1/N: compute time, memory traffic, footprint, heap bytes grown per iteration and peak heap
/// (the heap holds a share of the rank's data, like the footprint);</item>
/// <item>surface factor σ = N^(−2/3): halo bytes per neighbour (applied by the communication model) and the two MPI
/// event counts per iteration: shared-memory page faults, n_shm(N) = n_shm(1)·σ (the faults come from the shared-memory
/// message buffers the intra-node halo messages pass through, whose touched pages grow with the bytes sent), and
/// sched_yield() calls, n_yield(N) = n_yield(1)·σ (MPI progress loops call sched_yield() over and over while a message is
/// in flight, so the calls per iteration follow the time spent waiting for halo data, which on the bandwidth term of
/// LogGP grows with the bytes sent; P18 Sec. IV attributes the yields to MPI waiting, and its MiniFE gains at 1,024 nodes
/// are alike for McKernel, which ignores sched_yield(), and mOS, which does not, so a yield cost that stays constant
/// while the iteration shrinks is not what was measured);</item>
/// <item>unscaled (factor 1), because they count events per iteration that do not depend on the size of the subdomain:
/// brk() queries, growths and shrinks (one per allocation of a temporary, whatever its size, so the mean growth shrinks
/// as 1/N); device calls per inter-node message; collectives and halo exchanges per iteration.</item>
/// </list>
/// A count given in the profile is therefore the one-node count even when it was fitted at N_fit nodes: the model sees
/// value × factor(N_fit) there. Computed once per prediction and shared by every mechanism model.
/// </summary>
public sealed record RankLoad
{
    private RankLoad(Scenario scenario)
    {
        Scenario = scenario;
        var app = scenario.App;
        var strong = app.Scaling == ScalingMode.Strong;
        VolumeFactor = strong ? 1.0 / scenario.Nodes : 1.0;
        SurfaceFactor = strong ? Math.Pow(scenario.Nodes, -2.0 / 3.0) : 1.0;
        Compute = TimeInterval.FromSeconds(app.ComputePerIteration.Seconds * VolumeFactor);
        MemoryTraffic = ByteSize.FromBytes(app.MemoryTrafficPerIteration.Bytes * VolumeFactor);
        Footprint = ByteSize.FromBytes(app.FootprintPerRank.Bytes * VolumeFactor);
        Heap = app.Heap with
        {
            GrownPerIteration = ByteSize.FromBytes(app.Heap.GrownPerIteration.Bytes * VolumeFactor),
            PeakHeap = ByteSize.FromBytes(app.Heap.PeakHeap.Bytes * VolumeFactor),
        };
        Syscalls = app.Syscalls with
        {
            SharedMemoryFaultsPerIteration = app.Syscalls.SharedMemoryFaultsPerIteration * SurfaceFactor,
            SchedYieldsPerIteration = app.Syscalls.SchedYieldsPerIteration * SurfaceFactor,
        };
    }

    /// <summary>The per-rank load of <paramref name="scenario"/>.</summary>
    public static RankLoad Of(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new RankLoad(scenario);
    }

    /// <summary>The scenario.</summary>
    public Scenario Scenario { get; }

    /// <summary>1/N for strong scaling, 1 for weak.</summary>
    [Units.Dimensionless("scaling factor of volume terms")]
    public double VolumeFactor { get; }

    /// <summary>N^(−2/3) for strong scaling, 1 for weak.</summary>
    [Units.Dimensionless("scaling factor of surface terms")]
    public double SurfaceFactor { get; }

    /// <summary>Grid points the rank owns: <see cref="AppProfile.PointsPerRank"/> × the volume factor (0 when the profile
    /// does not give them).</summary>
    [Units.Dimensionless("grid points per rank")]
    public double PointsPerRank => Scenario.App.PointsPerRank * VolumeFactor;

    /// <summary>Core time per iteration.</summary>
    public TimeInterval Compute { get; }

    /// <summary>Bytes moved to and from memory per iteration.</summary>
    public ByteSize MemoryTraffic { get; }

    /// <summary>Resident memory of the rank.</summary>
    public ByteSize Footprint { get; }

    /// <summary>The heap behaviour with grown bytes and peak scaled by the volume factor (call counts unscaled).</summary>
    public HeapBehaviour Heap { get; }

    /// <summary>The system calls with the shared-memory faults and sched_yield() calls per iteration scaled by the surface
    /// factor (device calls per message unscaled; see the class remarks).</summary>
    public AppSyscalls Syscalls { get; }

    /// <summary>MPI ranks in all.</summary>
    public long Ranks => Scenario.Ranks;

    /// <summary>Application cores in all: ranks × threads.</summary>
    public long Cores => Scenario.Cores;

    /// <summary>Ranks per node.</summary>
    public int RanksPerNode => Scenario.App.RanksPerNode;
}
