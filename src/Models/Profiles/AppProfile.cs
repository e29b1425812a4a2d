using System.Collections.Immutable;

namespace PerfModel.Profiles;

/// <summary>An application's resource behaviour (data/apps/*.json). Quantities "per rank" are for the one-node run;
/// strong scaling divides volume terms by the node count and surface terms by its 2/3 power.</summary>
/// <param name="Name">Identifier ("minife").</param>
/// <param name="DisplayName">Name for tables ("MiniFE").</param>
/// <param name="Scaling">Weak or strong.</param>
/// <param name="RanksPerNode">MPI ranks per node.</param>
/// <param name="ThreadsPerRank">OpenMP threads per rank.</param>
/// <param name="Iterations">Timed iterations (time steps, solver iterations).</param>
/// <param name="ComputeSecondsPerIteration">Core time per rank per iteration that does not wait on memory.</param>
/// <param name="MemoryBytesPerIteration">Bytes one rank moves to and from memory per iteration.</param>
/// <param name="FootprintBytesPerRank">Resident memory of one rank.</param>
/// <param name="HeapFraction">Share of the footprint on the brk heap.</param>
/// <param name="MappingFraction">Share of the footprint in anonymous mmap() regions (the rest is static data and stack).</param>
/// <param name="RandomAccessFraction">Share of memory traffic done as independent cache-line accesses spread over the
/// footprint (the rest streams); drives TLB misses.</param>
/// <param name="Heap">brk behaviour.</param>
/// <param name="Collectives">Collectives per iteration.</param>
/// <param name="Halo">Neighbour exchanges per iteration.</param>
/// <param name="Syscalls">System calls per iteration.</param>
/// <param name="Fom">Figure of merit.</param>
/// <param name="DefaultNodes">Node counts the paper ran (cubes for Lulesh).</param>
public sealed record AppProfile(
    string Name,
    string DisplayName,
    ScalingMode Scaling,
    int RanksPerNode,
    int ThreadsPerRank,
    double Iterations,
    double ComputeSecondsPerIteration,
    double MemoryBytesPerIteration,
    double FootprintBytesPerRank,
    double HeapFraction,
    double MappingFraction,
    double RandomAccessFraction,
    HeapBehaviour Heap,
    ImmutableArray<CollectiveCall> Collectives,
    HaloExchange Halo,
    AppSyscalls Syscalls,
    FigureOfMerit Fom,
    ImmutableArray<int> DefaultNodes)
{
    public Provenance Provenance { get; init; } = Provenance.Empty;

    /// <summary>Cores one node's ranks occupy: ranks x threads.</summary>
    public int CoresPerNode => RanksPerNode * ThreadsPerRank;

    /// <summary>Checks every rule (against the platform when given) and returns all violations.</summary>
    public IReadOnlyList<ValidationError> Validate(string file = "<memory>", Platform? platform = null)
    {
        var v = new ValidationScope(file);
        if (string.IsNullOrWhiteSpace(Name)) v.Add("$.name", "must not be empty");
        if (string.IsNullOrWhiteSpace(DisplayName)) v.Add("$.displayName", "must not be empty");
        v.WholeNumber("$.ranksPerNode", RanksPerNode, 1);
        v.WholeNumber("$.threadsPerRank", ThreadsPerRank, 1);
        if (platform is not null && CoresPerNode > platform.AppCoresPerNode)
            v.Add("$.ranksPerNode", $"ranksPerNode x threadsPerRank = {CoresPerNode} exceeds the platform's {platform.AppCoresPerNode} application cores");
        v.Positive("$.iterations", Iterations);
        v.NonNegative("$.computeSecondsPerIteration", ComputeSecondsPerIteration);
        v.NonNegative("$.memoryBytesPerIteration", MemoryBytesPerIteration);
        if (ComputeSecondsPerIteration == 0 && MemoryBytesPerIteration == 0)
            v.Add("$.computeSecondsPerIteration", "computeSecondsPerIteration and memoryBytesPerIteration must not both be 0");
        v.Positive("$.footprintBytesPerRank", FootprintBytesPerRank);
        v.Fraction("$.heapFraction", HeapFraction);
        v.Fraction("$.mappingFraction", MappingFraction);
        if (HeapFraction + MappingFraction > 1 + 1e-12)
            v.Add("$.mappingFraction", $"heapFraction + mappingFraction = {HeapFraction + MappingFraction:G4} must not exceed 1");
        v.Fraction("$.randomAccessFraction", RandomAccessFraction);
        Heap.Validate(v, "$.heap");
        if (Heap.PeakHeapBytes > FootprintBytesPerRank)
            v.Add("$.heap.peakHeapBytes", $"value {Heap.PeakHeapBytes:G6} must not exceed footprintBytesPerRank ({FootprintBytesPerRank:G6})");
        var collectives = Collectives.IsDefault ? ImmutableArray<CollectiveCall>.Empty : Collectives;
        for (var i = 0; i < collectives.Length; i++)
        {
            v.NonNegative($"$.collectives[{i}].bytes", collectives[i].Bytes);
            v.NonNegative($"$.collectives[{i}].perIteration", collectives[i].PerIteration);
        }
        v.NonNegative("$.halo.neighbours", Halo.Neighbours);
        if (Halo.Neighbours > 26) v.Add("$.halo.neighbours", $"value {Halo.Neighbours} must be at most 26 (3-D stencil)");
        v.NonNegative("$.halo.bytesPerNeighbour", Halo.BytesPerNeighbour);
        v.NonNegative("$.halo.exchangesPerIteration", Halo.ExchangesPerIteration);
        v.NonNegative("$.syscalls.deviceCallsPerInterNodeMessage", Syscalls.DeviceCallsPerInterNodeMessage);
        v.NonNegative("$.syscalls.schedYieldsPerIteration", Syscalls.SchedYieldsPerIteration);
        v.NonNegative("$.syscalls.sharedMemoryFaultsPerIteration", Syscalls.SharedMemoryFaultsPerIteration);
        if (string.IsNullOrWhiteSpace(Fom.Name)) v.Add("$.fom.name", "must not be empty");
        if (string.IsNullOrWhiteSpace(Fom.Unit)) v.Add("$.fom.unit", "must not be empty");
        v.Positive("$.fom.workPerRankPerIteration", Fom.WorkPerRankPerIteration);
        v.Positive("$.fom.scale", Fom.Scale);
        var nodes = DefaultNodes.IsDefault ? ImmutableArray<int>.Empty : DefaultNodes;
        if (nodes.IsEmpty) v.Add("$.defaultNodes", "must list at least one node count");
        for (var i = 0; i < nodes.Length; i++)
            if (nodes[i] < 1) v.Add($"$.defaultNodes[{i}]", $"value {nodes[i]} must be >= 1");
        return v.Errors;
    }
}
