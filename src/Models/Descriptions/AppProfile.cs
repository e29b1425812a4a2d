using System.Collections.Immutable;
using PerfModel.Internal;
using PerfModel.Units;

namespace PerfModel.Descriptions;

/// <summary>
/// An application's resource behaviour (data/apps/*.json). Quantities "per rank" are for the one-node run; strong scaling
/// divides volume terms by the node count and surface terms by its 2/3 power and keeps per-iteration event counts
/// (<see cref="Predictions.RankLoad"/> lists which is which). Valid when made (and every <c>with</c>
/// copy): names not empty; ranks and threads ≥ 1; iterations &gt; 0; compute and memory traffic ≥ 0 and not both 0;
/// footprint &gt; 0; the fractions in [0, 1] with heap + mapping ≤ 1; cache-blocked working set and share ≥ 0; the peak heap within the footprint; at least one
/// default node count, each ≥ 1. That the ranks × threads fit the platform's application cores is checked when a
/// <see cref="Scenario"/> is made.
/// </summary>
public sealed record AppProfile
{
    private TimeInterval? compute;
    private ByteSize? memory, footprint;
    private double? heapFraction, mappingFraction;
    private HeapBehaviour? heap;

    /// <summary>Identifier ("minife").</summary>
    public required string Name { get; init => field = Rules.NotBlank(this, value); }

    /// <summary>Name for tables ("MiniFE").</summary>
    public required string DisplayName { get; init => field = Rules.NotBlank(this, value); }

    /// <summary>Weak or strong.</summary>
    public required ScalingMode Scaling { get; init; }

    /// <summary>MPI ranks per node.</summary>
    public required int RanksPerNode { get; init => field = Rules.AtLeast(this, value, 1); }

    /// <summary>OpenMP threads per rank.</summary>
    public required int ThreadsPerRank { get; init => field = Rules.AtLeast(this, value, 1); }

    /// <summary>Timed iterations (time steps, solver iterations).</summary>
    [Dimensionless("iteration count")]
    public required double Iterations { get; init => field = Rules.Positive(this, value); }

    /// <summary>Core time per rank per iteration that does not wait on memory: the rank's elapsed time, its
    /// <see cref="ThreadsPerRank"/> threads working in parallel (the compute model adds it to the iteration as is).</summary>
    public required TimeInterval ComputePerIteration
    {
        get => compute ?? default;
        init { compute = Rules.NonNegative(this, value); CheckWork(); }
    }

    /// <summary>Bytes one rank moves to and from memory per iteration (all its threads together).</summary>
    public required ByteSize MemoryTrafficPerIteration
    {
        get => memory ?? default;
        init { memory = Rules.NonNegative(this, value); CheckWork(); }
    }

    /// <summary>Resident memory of one rank.</summary>
    public required ByteSize FootprintPerRank
    {
        get => footprint ?? default;
        init { footprint = Rules.Positive(this, value); CheckHeap(); }
    }

    /// <summary>Share of the footprint on the brk heap.</summary>
    [Dimensionless("fraction of the footprint, in [0, 1]")]
    public required double HeapFraction
    {
        get => heapFraction ?? 0;
        init { heapFraction = Rules.Fraction(this, value); CheckFractions(); }
    }

    /// <summary>Share of the footprint in anonymous mmap() regions (the rest is static data and stack).</summary>
    [Dimensionless("fraction of the footprint, in [0, 1]")]
    public required double MappingFraction
    {
        get => mappingFraction ?? 0;
        init { mappingFraction = Rules.Fraction(this, value); CheckFractions(); }
    }

    /// <summary>Share of memory traffic done as independent cache-line accesses spread over the footprint (the rest
    /// streams); drives TLB misses.</summary>
    [Dimensionless("fraction of the memory traffic, in [0, 1]")]
    public required double RandomAccessFraction { get; init => field = Rules.Fraction(this, value); }

    /// <summary>W: working set of one rank's cache-blocked loops, the data they reuse out of the last-level cache between
    /// two touches (a few planes of a stencil sweep); 0 when the application has none near the cache size. Its pages are
    /// taken to lie in the footprint's regions (heap, mappings, static data) in proportion to their bytes.</summary>
    public ByteSize CacheBlockedWorkingSet { get; init => field = Rules.NonNegative(this, value); }

    /// <summary>h ≥ 0: bytes the last-level cache serves per iteration from <see cref="CacheBlockedWorkingSet"/> (hits
    /// in a conflict-free cache), per byte of <see cref="MemoryTrafficPerIteration"/>; page-colour conflicts turn a share
    /// of them into memory traffic (<see cref="Memory.PageColouring"/>).</summary>
    [Dimensionless("bytes per byte of memory traffic")]
    public double CacheBlockedShare { get; init => field = Rules.NonNegative(this, value); }

    /// <summary>brk behaviour.</summary>
    public required HeapBehaviour Heap
    {
        get => heap!;
        init { heap = Rules.NotNull(this, value); CheckHeap(); }
    }

    /// <summary>Collectives per iteration.</summary>
    public required ImmutableArray<CollectiveCall> Collectives { get; init => field = Rules.Items(this, value); }

    /// <summary>Neighbour exchanges per iteration.</summary>
    public required HaloExchange Halo { get; init => field = Rules.NotNull(this, value); }

    /// <summary>System calls per iteration.</summary>
    public required AppSyscalls Syscalls { get; init => field = Rules.NotNull(this, value); }

    /// <summary>Figure of merit.</summary>
    public required FigureOfMerit Fom { get; init => field = Rules.NotNull(this, value); }

    /// <summary>Node counts the paper ran (cubes for Lulesh).</summary>
    public required ImmutableArray<int> DefaultNodes { get; init => field = CheckNodes(value); }

    /// <summary>Grid points (rows, zones, sites) one rank owns at one node; 0 when not given. Strong scaling divides it by
    /// the node count (<see cref="Predictions.RankLoad.PointsPerRank"/>); the predictor notes when a rank's subdomain has run
    /// out of interior (<see cref="Predictions.SubdomainLimit"/>). Not used by any mechanism model.</summary>
    [Dimensionless("grid points per rank at one node")]
    public double PointsPerRank { get; init => field = Rules.NonNegative(this, value); }

    /// <summary>Where each number comes from (empty for a profile built in code).</summary>
    public Provenance Provenance { get; init => field = value ?? Provenance.Empty; } = Provenance.Empty;

    /// <summary>Cores one node's ranks occupy: ranks × threads.</summary>
    public int CoresPerNode => RanksPerNode * ThreadsPerRank;

    /// <summary>Equal when every field is equal, the collective and node-count lists element by element, and the provenance too.</summary>
    public bool Equals(AppProfile? other) =>
        other is not null && Name == other.Name && DisplayName == other.DisplayName && Scaling == other.Scaling
        && RanksPerNode == other.RanksPerNode && ThreadsPerRank == other.ThreadsPerRank && Iterations.Equals(other.Iterations)
        && ComputePerIteration == other.ComputePerIteration && MemoryTrafficPerIteration == other.MemoryTrafficPerIteration
        && FootprintPerRank == other.FootprintPerRank && HeapFraction.Equals(other.HeapFraction) && MappingFraction.Equals(other.MappingFraction)
        && RandomAccessFraction.Equals(other.RandomAccessFraction) && CacheBlockedWorkingSet == other.CacheBlockedWorkingSet
        && CacheBlockedShare.Equals(other.CacheBlockedShare) && Heap == other.Heap && ValueEquality.Sequence(Collectives, other.Collectives)
        && Halo == other.Halo && Syscalls == other.Syscalls && Fom == other.Fom && ValueEquality.Sequence(DefaultNodes, other.DefaultNodes)
        && PointsPerRank.Equals(other.PointsPerRank) && Provenance == other.Provenance;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Scaling, RanksPerNode, Iterations, ComputePerIteration, FootprintPerRank, Heap);

    private void CheckWork()
    {
        if (compute is { } c && memory is { } m && c.Seconds == 0 && m.Bytes == 0)
            throw Rules.Broken(this, nameof(ComputePerIteration), c, $"{nameof(ComputePerIteration)} and {nameof(MemoryTrafficPerIteration)} must not both be 0");
    }

    private void CheckFractions()
    {
        if (heapFraction is { } h && mappingFraction is { } m && h + m > 1 + 1e-12)
            throw Rules.Broken(this, nameof(MappingFraction), m, $"{nameof(HeapFraction)} + {nameof(MappingFraction)} = {h + m:G4} must not exceed 1");
    }

    private void CheckHeap()
    {
        if (heap is { } h && footprint is { } f && h.PeakHeap > f)
            throw Rules.Broken(this, $"{nameof(Heap)}.{nameof(HeapBehaviour.PeakHeap)}", h.PeakHeap, $"must not exceed {nameof(FootprintPerRank)} ({f})");
    }

    private ImmutableArray<int> CheckNodes(ImmutableArray<int> value)
    {
        var nodes = Rules.NonEmpty(this, value, "node count", nameof(DefaultNodes));
        for (var i = 0; i < nodes.Length; i++)
            if (nodes[i] < 1) throw Rules.Broken(this, $"{nameof(DefaultNodes)}[{i}]", nodes[i], "must be >= 1");
        return nodes;
    }
}
