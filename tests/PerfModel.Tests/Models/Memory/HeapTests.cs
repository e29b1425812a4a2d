using CsCheck;
using PerfModel.Descriptions;
using PerfModel.Memory;
using static PerfModel.Tests.Support.TestProfiles;

namespace PerfModel.Tests.Models.Memory;

public sealed class HeapTests
{
    private const double Huge = 2 * MiB;
    private const int Ranks = 64;
    private static readonly KernelCosts K = Knl.Kernel;

    private static HeapBehaviour Heap(double queries, double growths, double shrinks, double grownBytes, double peakBytes, double touched) => new()
    {
        QueriesPerIteration = queries, GrowthsPerIteration = growths, ShrinksPerIteration = shrinks,
        GrownPerIteration = ByteSize.FromBytes(grownBytes), PeakHeap = ByteSize.FromBytes(peakBytes), TouchedFraction = touched,
    };

    private static HeapTerm Eval(OsProfile os, HeapBehaviour heap, AppSyscalls syscalls, double iterations, double zeroingBytesPerSecond) =>
        HeapFaultModel.Evaluate(Knl, os, heap, syscalls, iterations, Ranks, Bandwidth.FromBytesPerSecond(zeroingBytesPerSecond));

    // ---- AlignedHugeShare -----------------------------------------------------------------------------------------

    [Theory]
    [InlineData(0.0)]
    [InlineData(4096.0)]
    [InlineData(2097151.0)] // A − 1
    public void GrowthSmallerThanAlignmentHasNoHugeShare(double s) =>
        Assert.Equal(0.0, HeapFaultModel.AlignedHugeShare(s, Huge));

    [Fact]
    public void GrowthOfFourBlocksIsThreeQuartersHuge() =>
        // s = 4A at a random offset contains 3 whole blocks almost surely (4 only at offset 0): 3A / 4A = 0.75, exact in binary.
        Assert.Equal(0.75, HeapFaultModel.AlignedHugeShare(4 * Huge, Huge));

    [Theory]
    [InlineData(1.0)]
    [InlineData(1.37)]
    [InlineData(2.5)]
    [InlineData(4.0)]
    [InlineData(10.3)]
    [InlineData(123.45)]
    public void AlignedShareMatchesBruteForceOverOffsets(double blocks)
    {
        // Brute force: average, over N evenly spaced start offsets o in [0, A) (midpoints), the number of whole A-aligned
        // blocks inside [o, o + s): floor((o + s)/A) − ceil(o/A); share = E[#blocks]·A / s.
        const int n = 100_000;
        var s = blocks * Huge;
        var sum = 0.0;
        for (var j = 0; j < n; j++)
        {
            var o = (j + 0.5) / n * Huge;
            sum += Math.Floor((o + s) / Huge) - Math.Ceiling(o / Huge);
        }
        var share = sum / n * Huge / s;
        // 2e-5: the midpoint rule on a step function is off by at most one cell, 1/N = 1e-5 in E[#blocks], and
        // E[#blocks]·A/s divides that by s/A ≥ 1; doubled for rounding of the grid points at the steps.
        Assert.Equal(share, HeapFaultModel.AlignedHugeShare(s, Huge), 2e-5);
    }

    // ---- Linux demand paging --------------------------------------------------------------------------------------

    [Theory]
    [InlineData(3.0, 1e12)]   // mean growth 8 MB: mostly THP faults; zeroing limited by the core (5e9 B/s)
    [InlineData(3.0, 2e9)]    // ... zeroing limited by the memory bandwidth argument
    [InlineData(30.0, 1e12)]  // mean growth 0.8 MB < 2 MiB: only 4 KiB faults
    public void LinuxDemandPagingMatchesHandFormula(double growths, double zeroingBandwidth)
    {
        const double theta = 0.5, grown = 24e6, iterations = 100;
        var heap = Heap(8, growths, 1.5, grown, 90e6, theta);
        var r = Eval(LinuxLike, heap, AppSyscalls.None, iterations, zeroingBandwidth);

        // Shrinks unmap, so every grown byte can fault again. With THP, the aligned share of a growth of s = B/G bytes
        // is h = (s − 2 MiB)/s for s ≥ 2 MiB (see AlignedShareMatchesBruteForceOverOffsets), else 0. A 4 KiB page
        // faults only if touched (θ); a huge page is faulted and cleared whole once any byte of it is touched.
        var s = grown / growths;
        var h = s >= Huge ? (s - Huge) / s : 0;
        var smallBytes = theta * grown * (1 - h);
        var hugeBytes = grown * h;
        var small = smallBytes / 4096;
        var large = hugeBytes / Huge;
        var kappa = 1 + K.FaultContentionPerRank * (Ranks - 1);
        var z = Math.Min(K.ZeroingBandwidthPerCore.BytesPerSecond, zeroingBandwidth);
        var expected = (8 + growths + 1.5) * K.Syscall.Seconds + (small * K.PageFault4K.Seconds + large * K.PageFault2M.Seconds) * kappa
                       + (smallBytes + hugeBytes) / z;

        // 1e-12 relative: a few dozen double operations on each side.
        Assert.Equal(small + large, r.FaultsPerIteration, (small + large) * 1e-12);
        Assert.Equal(expected, r.PerIteration.Seconds, expected * 1e-12);
        Assert.Equal(r.PerIteration.Seconds, r.Syscalls.Seconds + r.Faults.Seconds + r.Zeroing.Seconds, expected * 1e-12);
    }

    // ---- LWK: prefault at brk, shrink ignored ---------------------------------------------------------------------

    [Fact]
    public void LwkAllocatesOnlyThePeakOverTheWholeRun()
    {
        // A heap that only grows: cumulative growth = peak. The LWK allocates 2 MiB pages inside brk() and never frees
        // them, so the pages allocated over the run can be at most ceil(peak / 2 MiB) and at least peak / 2 MiB.
        var gen = Gen.Select(Gen.Double[1 * MiB, 1 * GiB], Gen.Int[1, 5000], Gen.Double[0, 1e4]);
        SeededProperty.ForAll(gen, seed: 21, count: 200, t =>
        {
            var (peak, iterations, queries) = t;
            var heap = Heap(queries, 1, 0, peak / iterations, peak, 1);
            var r = Eval(LwkLike, heap, AppSyscalls.None, iterations, 1e12);
            var total = r.FaultsPerIteration * iterations;
            // 1e-9 pages: (peak/I/2 MiB)·I has a relative rounding error of a few ulps on ≤ 512 pages (< 1e-12 pages);
            // any real over-allocation is at least a whole page.
            Assert.True(total <= Math.Ceiling(peak / Huge) + 1e-9, $"{total} pages > ceil({peak / Huge})");
            Assert.True(total >= peak / Huge - 1e-9, $"{total} pages < peak / 2 MiB = {peak / Huge}");
        });
    }

    [Fact]
    public void LwkIgnoresShrinksSoRegrowthAllocatesNothing()
    {
        // Lulesh-like: 22 GB cumulative growth over 932 iterations with an 87 MB peak. Shrinks are ignored, so the run
        // allocates ceil(87e6 / 2 MiB) = 42 pages at most (not 22e9 / 2 MiB ≈ 10,490).
        const double iterations = 932, peak = 87e6;
        var heap = Heap(7526.0 / 932, 3028.0 / 932, 1499.0 / 932, 22e9 / iterations, peak, 0.5);
        var r = Eval(LwkLike, heap, AppSyscalls.None, iterations, 1e12);
        // 1e-9 pages, as in LwkAllocatesOnlyThePeakOverTheWholeRun.
        Assert.True(r.FaultsPerIteration * iterations <= 42 + 1e-9, $"{r.FaultsPerIteration * iterations} pages");

        // Time: (Q+G+S) c_sys + pages c_2M + (bytes / step) · 4 KiB / z, bytes = peak / I (no contention term: allocation
        // happens inside brk, not in concurrent faults).
        var bytes = peak / iterations;
        var expected = (7526.0 + 3028 + 1499) / 932 * K.Syscall.Seconds + bytes / Huge * K.PageFault2M.Seconds
                       + bytes / Huge * 4096 / K.ZeroingBandwidthPerCore.BytesPerSecond;
        // 1e-12 relative: a dozen double operations.
        Assert.Equal(expected, r.PerIteration.Seconds, expected * 1e-12);
    }

    // ---- edge cases -----------------------------------------------------------------------------------------------

    [Fact]
    public void NoHeapActivityCostsNothing()
    {
        // Every term is a product with a zero count: exactly 0 under both policies.
        foreach (var os in new[] { LinuxLike, LwkLike })
        {
            var r = Eval(os, HeapBehaviour.Static, AppSyscalls.None, 100, 1e12);
            Assert.Equal(0.0, r.PerIteration.Seconds);
            Assert.Equal(0.0, r.FaultsPerIteration);
        }
    }

    [Fact]
    public void PremappedSharedMemoryRemovesTheSharedMemoryFaultTerm()
    {
        var heap = Stencil.Heap;
        var shm = new AppSyscalls { DeviceCallsPerInterNodeMessage = 0, SchedYieldsPerIteration = 0, SharedMemoryFaultsPerIteration = 5 };
        var premapped = LinuxLike with { Syscalls = LinuxLike.Syscalls with { SharedMemoryPremapped = true } };
        var withFaults = Eval(LinuxLike, heap, shm, 100, 1e12);
        var withoutFaults = Eval(premapped, heap, shm, 100, 1e12);
        var noShm = Eval(LinuxLike, heap, AppSyscalls.None, 100, 1e12);

        // Premapping skips the term entirely: bit-for-bit the result without shared-memory faults.
        Assert.Equal(noShm, withoutFaults);
        // The removed term: n_shm (c_4K κ + 4 KiB / z), and n_shm extra faults.
        var kappa = 1 + K.FaultContentionPerRank * (Ranks - 1);
        var term = 5 * (K.PageFault4K.Seconds * kappa + 4096 / K.ZeroingBandwidthPerCore.BytesPerSecond);
        // 1e-12 relative to the total: the difference of two sums of a few terms, each rounded to ~1e-16 relative.
        Assert.Equal(term, withFaults.PerIteration.Seconds - withoutFaults.PerIteration.Seconds, withFaults.PerIteration.Seconds * 1e-12);
        Assert.Equal(5, withFaults.FaultsPerIteration - withoutFaults.FaultsPerIteration, withFaults.FaultsPerIteration * 1e-12);
    }
}
