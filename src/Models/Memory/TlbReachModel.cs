using PerfModel.Descriptions;
using PerfModel.Internal;
using PerfModel.Predictions;
using PerfModel.Units;

namespace PerfModel.Memory;

/// <summary>
/// TLB reach and miss cost (Basu et al., "Efficient virtual memory for big memory servers", ISCA 2013,
/// doi:10.1145/2485922.2485943; KNL TLB geometry in docs/sources.md#knl-tlb). Reach of a structure = entries × page size.
/// For A random cache-line accesses spread uniformly over a footprint F, split into page-size classes c (bytes F_c, page s_c):
/// <list type="bullet">
/// <item>first level: P1 = max(0, 1 − R1/F), R1 = Σ level-1 entries × min(page, s_c) (KNL's uTLB holds 2 MiB pages as 4 KiB chunks); cost t_L2hit;</item>
/// <item>second level: P2_c = max(0, 1 − E2(s_c)·s_c / F_c); cost of a walk w_c = t_walk + π_c·t_mem, where π_c = max(0, 1 − cache / (8 F_c / s_c))
/// is the chance that the leaf page-table entry is not cached;</item>
/// <item>streaming traffic of S bytes misses once per page: S_c/s_c cached walks, plus S/4 KiB first-level misses.</item>
/// </list>
/// T = [A Σ_c (F_c/F)(P1 t_L2hit + P2_c w_c) + Σ_c (S F_c/F)/s_c · t_walk + (S/4096)·t_L2hit·[R1 chunks are 4 KiB]] / n_t.
/// A and S are the rank's (its memory traffic per iteration), shared evenly by its n_t threads (<see cref="AppProfile.ThreadsPerRank"/>),
/// each on its own core with its own TLBs and all running in parallel, so the rank's elapsed time is the serial miss time
/// divided by n_t — as for the other work terms, which are the rank's elapsed time: <see cref="ComputeModel"/> takes the
/// rank's compute time as is, and <see cref="MemoryPlacementModel"/> charges the rank's bytes at the rank's share of the
/// node's bandwidth, which its threads share. At fixed work per node, R ranks × n_t threads give the same T for any split
/// of the cores when the miss probabilities do not change (all-streaming traffic, or a footprint far beyond every reach).
/// The miss probabilities use the rank's whole footprint F: each thread's accesses are taken to spread over the rank's
/// shared address space (an upper bound when threads work on their own F/n_t part). The page walks reported are the rank's
/// (all its threads). Misses are charged in full (no overlap with other work): an upper bound for an out-of-order core.
/// </summary>
public sealed class TlbReachModel : IMechanismModel
{
    /// <summary>Bytes of one cache line: a random access touches one.</summary>
    public const double CacheLineBytes = 64;

    /// <summary>The model.</summary>
    public static readonly TlbReachModel Instance = new();

    /// <inheritdoc />
    public ModelInfo Info { get; } = new()
    {
        Id = "tlb-reach", Title = "TLB reach and page-walk cost per page-size class", Mechanism = Mechanism.Tlb,
        Citation = "Basu et al., ISCA 2013, doi:10.1145/2485922.2485943; KNL TLB geometry docs/sources.md#knl-tlb",
    };

    /// <inheritdoc />
    public MechanismTerm Evaluate(RankLoad load, TermSet upstream)
    {
        ArgumentNullException.ThrowIfNull(load);
        var s = load.Scenario;
        var mix = PageMix.Of(s.Os, s.App, load.Footprint, load.Heap.MeanGrowth);
        var bytes = load.MemoryTraffic.Bytes;
        return Evaluate(s.Platform, mix, s.App.RandomAccessFraction * bytes / CacheLineBytes, ByteSize.FromBytes((1 - s.App.RandomAccessFraction) * bytes),
            s.App.ThreadsPerRank) with { ModelId = Info.Id };
    }

    /// <summary>The TLB formula (see the class remarks) for one thread (n_t = 1) doing <paramref name="randomAccesses"/> random
    /// cache-line accesses and streaming <paramref name="streaming"/> bytes per iteration over a footprint split as
    /// <paramref name="pageMix"/>.</summary>
    public static TlbTerm Evaluate(Platform platform, IReadOnlyList<PageShare> pageMix, double randomAccesses, ByteSize streaming) =>
        Evaluate(platform, pageMix, randomAccesses, streaming, 1);

    /// <summary>The TLB formula (see the class remarks) for a rank whose <paramref name="threadsPerRank"/> threads share
    /// <paramref name="randomAccesses"/> random cache-line accesses and <paramref name="streaming"/> streamed bytes per
    /// iteration over a footprint split as <paramref name="pageMix"/>: the serial miss time divided by n_t.</summary>
    /// <param name="platform">TLB geometry and miss costs.</param>
    /// <param name="pageMix">The rank's footprint by page size.</param>
    /// <param name="randomAccesses">A: random cache-line accesses of the rank per iteration (≥ 0).</param>
    /// <param name="streaming">S: bytes the rank streams per iteration.</param>
    /// <param name="threadsPerRank">n_t (≥ 1): threads sharing the rank's accesses, in parallel.</param>
    public static TlbTerm Evaluate(Platform platform, IReadOnlyList<PageShare> pageMix, double randomAccesses, ByteSize streaming, int threadsPerRank)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(pageMix);
        Guard.Positive(nameof(threadsPerRank), threadsPerRank);
        var streamingBytes = streaming.Bytes;
        var total = pageMix.Sum(p => p.Bytes.Bytes);
        if (total <= 0) return Term(0, 0, ByteSize.Zero);
        var l1 = platform.Tlb.Where(t => t.Level == 1).ToArray();
        var upper = platform.Tlb.Where(t => t.Level >= 2).ToArray();
        var seconds = 0.0;
        var walks = 0.0;
        foreach (var share in pageMix)
        {
            var (page, bytes) = (share.Page.Bytes, share.Bytes.Bytes);
            var fraction = bytes / total;
            var reach1 = l1.Sum(t => t.Entries * Math.Min(t.PageSize.Bytes, page));
            var p1 = l1.Length == 0 ? 0 : Math.Max(0, 1 - reach1 / total);
            var entries2 = upper.Where(t => t.PageSize.Bytes == page).Sum(t => t.Entries);
            var p2 = Math.Max(0, 1 - entries2 * page / bytes);
            var leafEntriesBytes = 8 * bytes / page;
            var pteMiss = Math.Max(0, 1 - platform.CachePerCore.Bytes / leafEntriesBytes);
            var walk = platform.PageWalkCached.Seconds + pteMiss * platform.PageWalkMemory.Seconds;
            var accesses = randomAccesses * fraction;
            seconds += accesses * (p1 * platform.TlbL2Hit.Seconds + p2 * walk);
            var streamMisses = streamingBytes * fraction / page;
            seconds += streamMisses * platform.PageWalkCached.Seconds;
            walks += accesses * p2 + streamMisses;
            if (l1.Length > 0)
            {
                // First-level entries are at most 4 KiB wide on KNL: streaming crosses one per chunk of that size.
                var chunk = Math.Min(page, l1.Max(t => t.PageSize.Bytes));
                seconds += streamingBytes * fraction / chunk * platform.TlbL2Hit.Seconds * (total > reach1 ? 1 : 0);
            }
        }
        var dominant = pageMix.OrderByDescending(p => p.Bytes.Bytes).First().Page;
        return Term(seconds / threadsPerRank, walks, dominant);
    }

    private static TlbTerm Term(double seconds, double walks, ByteSize dominant) => new()
    {
        ModelId = "tlb-reach",
        Mechanism = Mechanism.Tlb,
        Role = TermRole.Work,
        PerIteration = TimeInterval.FromSeconds(seconds),
        WalksPerIteration = walks,
        DominantPage = dominant,
    };
}
