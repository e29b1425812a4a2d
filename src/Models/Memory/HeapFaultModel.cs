using PerfModel.Descriptions;
using PerfModel.Internal;
using PerfModel.Predictions;
using PerfModel.Units;

namespace PerfModel.Memory;

/// <summary>
/// brk() and page-fault cost of an application's heap behaviour under an OS heap policy (P18 Sec. IV;
/// docs/sources.md#page-fault-costs). Per rank and iteration, with Q queries, G growths, S shrinks, grown bytes B, peak
/// heap H, touched fraction θ, I iterations, R ranks faulting together, fault costs c4K/c2M, contention κ = 1 + k(R − 1)
/// and zeroing rate z:
/// <list type="bullet">
/// <item>syscalls: (Q + G + S)·c_sys, under every policy.</item>
/// <item>demand paging (Linux): re-faulting bytes b = B if shrink returns memory (every regrowth faults again), else H/I;
/// a share h = max(0, 1 − 2 MiB / (B/G)) of each growth is 2 MiB-aligned and gets a THP fault when THP is on; a 4 KiB
/// page faults only if touched, a huge page faults and is cleared whole once any byte of it is touched:
/// T = θb(1−h)/4 KiB · c4K·κ + b·h/2 MiB · c2M·κ + (θb(1−h) + bh)/z.</item>
/// <item>prefault at brk (LWK): memory is allocated in growth steps inside brk(); with shrink ignored only the peak is
/// ever allocated, b = H/I; pages = b/page; T = pages·c_page + (b/step)·zeroBytesPerStep/z (mOS clears 4 KiB per step).</item>
/// <item>MPI shared-memory faults: n_shm·(c4K·κ + 4 KiB/z) unless premapped (McKernel --mpol-shm-premap); n_shm is the
/// rank's count at N nodes (<see cref="RankLoad.Syscalls"/>: the one-node count times the surface factor under strong scaling).</item>
/// </list>
/// z is the rate at which one of n cores clearing pages at the same time clears memory (<see cref="ZeroingRate"/>):
/// each tier gives min(β, B_T/n), β the core's clearing rate and B_T the tier's saturated bandwidth, blended by the
/// rank's HBM share from the <see cref="MemoryTerm"/> upstream; n = R, because the ranks of a bulk-synchronous code reach
/// the same allocations at the same point of every iteration. Without a memory term z = β.
/// </summary>
public sealed class HeapFaultModel : IMechanismModel
{
    /// <summary>The model.</summary>
    public static readonly HeapFaultModel Instance = new();

    /// <inheritdoc />
    public ModelInfo Info { get; } = new()
    {
        Id = "heap-faults", Title = "brk() calls, page faults and zeroing under the OS heap policy", Mechanism = Mechanism.Heap,
        Citation = "P18 Sec. IV (Lulesh brk analysis, Table I); docs/sources.md#page-fault-costs",
    };

    /// <inheritdoc />
    public MechanismTerm Evaluate(RankLoad load, TermSet upstream)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(upstream);
        var s = load.Scenario;
        var memory = upstream.Find<MemoryTerm>();
        var zeroing = memory is null ? s.Platform.Kernel.ZeroingBandwidthPerCore : ZeroingRate(s.Platform, memory.HbmFraction, load.RanksPerNode);
        return Evaluate(s.Platform, s.Os, load.Heap, load.Syscalls, s.App.Iterations, load.RanksPerNode, zeroing) with { ModelId = Info.Id };
    }

    /// <summary>
    /// Rate at which each of n cores clearing pages at the same time clears memory, with a share f of the pages in the HBM
    /// tier (docs/sources.md#heap-model): z(n) = 1 / (f / z_hbm(n) + (1 − f) / z_ddr(n)), z_T(n) = min(β, B_T / n), where β is
    /// the platform's <see cref="KernelCosts.ZeroingBandwidthPerCore"/> and B_T the tier's <see cref="MemoryTier.Bandwidth"/>
    /// (the saturation fit b(n) = min(βn, B) of the measured STREAM triad, data/measured/knl7250_stream_triad_karlrupp_*.dat,
    /// shared equally). One core alone clears at β on any tier at least that fast; many cores share the tier's bandwidth, so a
    /// 4 KiB page then takes 4 KiB·n/B_T. A platform without an HBM tier uses its DDR tier for both.
    /// </summary>
    /// <param name="platform">β and the tiers' bandwidths.</param>
    /// <param name="hbmFraction">f, in [0, 1].</param>
    /// <param name="concurrentCores">n ≥ 1: cores of one node clearing pages at the same time.</param>
    public static Bandwidth ZeroingRate(Platform platform, double hbmFraction, int concurrentCores)
    {
        ArgumentNullException.ThrowIfNull(platform);
        Guard.Fraction(nameof(hbmFraction), hbmFraction);
        Guard.Positive(nameof(concurrentCores), concurrentCores);
        var beta = platform.Kernel.ZeroingBandwidthPerCore.BytesPerSecond;
        var ddr = platform.MemoryTiers.First(t => t.Kind == MemoryKind.Ddr);
        var hbm = platform.MemoryTiers.FirstOrDefault(t => t.Kind == MemoryKind.Hbm) ?? ddr;
        var zHbm = Math.Min(beta, hbm.Bandwidth.BytesPerSecond / concurrentCores);
        var zDdr = Math.Min(beta, ddr.Bandwidth.BytesPerSecond / concurrentCores);
        return Bandwidth.FromBytesPerSecond(1 / (hbmFraction / zHbm + (1 - hbmFraction) / zDdr));
    }

    /// <summary>Expected share of a growth of s bytes, starting at a uniformly random offset, that lies in whole
    /// A-aligned blocks: E[covered]/s = (s − A)/s for s ≥ A, else 0 (E[#blocks] = s/A − 1).</summary>
    public static double AlignedHugeShare(double growthBytes, double alignBytes) =>
        growthBytes >= alignBytes && growthBytes > 0 ? (growthBytes - alignBytes) / growthBytes : 0;

    /// <summary>The heap formula (see the class remarks).</summary>
    /// <param name="platform">Kernel costs.</param>
    /// <param name="os">Heap and premapping policy.</param>
    /// <param name="heap">The rank's heap behaviour (strong scaling applied).</param>
    /// <param name="syscalls">The application's system calls (shared-memory faults; strong scaling applied, <see cref="RankLoad.Syscalls"/>).</param>
    /// <param name="iterations">I (&gt; 0).</param>
    /// <param name="ranksPerNode">R: ranks faulting together.</param>
    /// <param name="zeroingBandwidth">Bandwidth available for clearing pages (&gt; 0); the smaller of it and the core's
    /// zeroing rate is used.</param>
    public static HeapTerm Evaluate(Platform platform, OsProfile os, HeapBehaviour heap, AppSyscalls syscalls, double iterations,
        int ranksPerNode, Bandwidth zeroingBandwidth)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(os);
        ArgumentNullException.ThrowIfNull(heap);
        ArgumentNullException.ThrowIfNull(syscalls);
        Guard.Positive(nameof(iterations), iterations);
        var zeroingBytesPerSecond = Guard.Positive(nameof(zeroingBandwidth), zeroingBandwidth.BytesPerSecond);
        var k = platform.Kernel;
        var c4K = k.PageFault4K.Seconds;
        var c2M = k.PageFault2M.Seconds;
        var z = Math.Min(k.ZeroingBandwidthPerCore.BytesPerSecond, zeroingBytesPerSecond);
        var kappa = 1 + k.FaultContentionPerRank * (ranksPerNode - 1);
        var sys = (heap.QueriesPerIteration + heap.GrowthsPerIteration + heap.ShrinksPerIteration) * k.Syscall.Seconds;
        double fault, zero, faults;
        var b = os.Brk;
        var hugePage = PageSizes.Huge.Bytes;
        if (!b.PrefaultAtBrk)
        {
            // Bytes that fault again each iteration (all of them when shrink returns memory, only the peak once otherwise).
            var grown = b.ShrinkReturnsMemory ? heap.GrownPerIteration.Bytes : heap.PeakHeap.Bytes / iterations;
            var meanGrowth = heap.GrowthsPerIteration > 0 ? heap.GrownPerIteration.Bytes / heap.GrowthsPerIteration : 0;
            var huge = b.TransparentHugePages && heap.TouchedFraction > 0 ? AlignedHugeShare(meanGrowth, hugePage) : 0;
            // A 4 KiB page faults only if touched (θ); a huge page faults and is cleared whole once any byte of it is touched.
            var smallBytes = heap.TouchedFraction * grown * (1 - huge);
            var hugeBytes = grown * huge;
            var small = smallBytes / b.Page.Bytes;
            var large = hugeBytes / hugePage;
            var smallCost = b.Page.Bytes >= hugePage ? c2M : c4K;
            faults = small + large;
            fault = (small * smallCost + large * c2M) * kappa;
            zero = (smallBytes + hugeBytes) / z;
        }
        else
        {
            var bytes = b.ShrinkReturnsMemory ? heap.GrownPerIteration.Bytes : heap.PeakHeap.Bytes / iterations;
            var pages = bytes / b.Page.Bytes;
            var pageCost = b.Page.Bytes >= hugePage ? c2M : c4K;
            faults = pages;
            fault = pages * pageCost;
            zero = bytes / b.GrowthStep.Bytes * b.ZeroPerGrowthStep.Bytes / z;
        }
        if (!os.Syscalls.SharedMemoryPremapped && syscalls.SharedMemoryFaultsPerIteration > 0)
        {
            faults += syscalls.SharedMemoryFaultsPerIteration;
            fault += syscalls.SharedMemoryFaultsPerIteration * c4K * kappa;
            zero += syscalls.SharedMemoryFaultsPerIteration * PageSizes.Base.Bytes / z;
        }
        return new HeapTerm
        {
            ModelId = "heap-faults",
            Mechanism = Mechanism.Heap,
            Role = TermRole.Work,
            PerIteration = TimeInterval.FromSeconds(sys + fault + zero),
            Syscalls = TimeInterval.FromSeconds(sys),
            Faults = TimeInterval.FromSeconds(fault),
            Zeroing = TimeInterval.FromSeconds(zero),
            FaultsPerIteration = faults,
        };
    }
}
