using PerfModel.Internal;
using PerfModel.Profiles;

namespace PerfModel.Memory;

/// <summary>
/// brk() and page-fault cost of an application's heap behaviour under an OS heap policy (facts.md §6.3; P18 Sec. IV).
/// Per rank and iteration, with Q queries, G growths, S shrinks, grown bytes B, peak heap H, touched fraction θ,
/// I iterations, R ranks faulting together, fault costs c4K/c2M, contention κ = 1 + k(R − 1) and zeroing rate z:
/// <list type="bullet">
/// <item>syscalls: (Q + G + S)·c_sys, under every policy.</item>
/// <item>demand paging (Linux): re-faulting bytes b = B if shrink returns memory (every regrowth faults again), else H/I;
/// a share h = max(0, 1 − 2 MiB / (B/G)) of each growth is 2 MiB-aligned and gets a THP fault when THP is on; a 4 KiB
/// page faults only if touched, a huge page faults and is cleared whole once any byte of it is touched:
/// T = θb(1−h)/4 KiB · c4K·κ + b·h/2 MiB · c2M·κ + (θb(1−h) + bh)/z.</item>
/// <item>prefault at brk (LWK): memory is allocated in growth steps inside brk(); with shrink ignored only the peak is
/// ever allocated, b = H/I; pages = b/page; T = pages·c_page + (b/step)·zeroBytesPerStep/z (mOS clears 4 KiB per step).</item>
/// <item>MPI shared-memory faults: n_shm·(c4K·κ + 4 KiB/z) unless premapped (McKernel --mpol-shm-premap).</item>
/// </list>
/// </summary>
public static class HeapModel
{
    public const double HugePageBytes = 2 * 1024 * 1024;
    public const double SmallPageBytes = 4096;

    /// <summary>Expected share of a growth of s bytes, starting at a uniformly random offset, that lies in whole
    /// A-aligned blocks: E[covered]/s = (s − A)/s for s ≥ A, else 0 (E[#blocks] = s/A − 1).</summary>
    public static double AlignedHugeShare(double growthBytes, double alignBytes) =>
        growthBytes >= alignBytes && growthBytes > 0 ? (growthBytes - alignBytes) / growthBytes : 0;

    public static HeapResult Evaluate(Platform platform, OsProfile os, HeapBehaviour heap, AppSyscalls syscalls, double iterations,
        int ranksPerNode, double zeroingBytesPerSecond)
    {
        Guard.Positive(nameof(iterations), iterations);
        Guard.Positive(nameof(zeroingBytesPerSecond), zeroingBytesPerSecond);
        var k = platform.Kernel;
        var z = Math.Min(k.ZeroingBytesPerSecondPerCore, zeroingBytesPerSecond);
        var kappa = 1 + k.FaultContentionPerRank * (ranksPerNode - 1);
        var sys = (heap.QueriesPerIteration + heap.GrowthsPerIteration + heap.ShrinksPerIteration) * k.SyscallSeconds;
        double fault, zero, faults;
        var b = os.Brk;
        if (!b.PrefaultAtBrk)
        {
            // Bytes that fault again each iteration (all of them when shrink returns memory, only the peak once otherwise).
            var grown = b.ShrinkReturnsMemory ? heap.GrownBytesPerIteration : heap.PeakHeapBytes / iterations;
            var meanGrowth = heap.GrowthsPerIteration > 0 ? heap.GrownBytesPerIteration / heap.GrowthsPerIteration : 0;
            var huge = b.TransparentHugePages && heap.TouchedFraction > 0 ? AlignedHugeShare(meanGrowth, HugePageBytes) : 0;
            // A 4 KiB page faults only if touched (θ); a huge page faults and is cleared whole once any byte of it is touched.
            var smallBytes = heap.TouchedFraction * grown * (1 - huge);
            var hugeBytes = grown * huge;
            var small = smallBytes / b.PageBytes;
            var large = hugeBytes / HugePageBytes;
            var smallCost = b.PageBytes >= HugePageBytes ? k.PageFault2MSeconds : k.PageFault4KSeconds;
            faults = small + large;
            fault = (small * smallCost + large * k.PageFault2MSeconds) * kappa;
            zero = (smallBytes + hugeBytes) / z;
        }
        else
        {
            var bytes = b.ShrinkReturnsMemory ? heap.GrownBytesPerIteration : heap.PeakHeapBytes / iterations;
            var pages = bytes / b.PageBytes;
            var pageCost = b.PageBytes >= HugePageBytes ? k.PageFault2MSeconds : k.PageFault4KSeconds;
            faults = pages;
            fault = pages * pageCost;
            zero = bytes / b.GrowthStepBytes * b.ZeroBytesPerGrowthStep / z;
        }
        if (!os.Syscalls.SharedMemoryPremapped && syscalls.SharedMemoryFaultsPerIteration > 0)
        {
            faults += syscalls.SharedMemoryFaultsPerIteration;
            fault += syscalls.SharedMemoryFaultsPerIteration * k.PageFault4KSeconds * kappa;
            zero += syscalls.SharedMemoryFaultsPerIteration * SmallPageBytes / z;
        }
        return new HeapResult(sys + fault + zero, sys, fault, zero, faults);
    }
}
