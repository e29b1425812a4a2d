using System.Diagnostics;
using System.Runtime.InteropServices;
using PerfModel.Calibration.Measurements;
using static PerfModel.Calibration.Benchmarks.BenchmarkSupport;

namespace PerfModel.Calibration.Benchmarks;

/// <summary>
/// TLB reach and miss cost by a page-stride pointer chase: over a working set of W bytes, one pointer per 4 KiB page,
/// each at a different cache-line offset within its page (line (37·i mod 64) of page i, so the lines spread over all
/// cache sets), linked in one random cyclic permutation (Sattolo, seeded). Every access touches a new page, so once
/// W / 4 KiB exceeds the TLB entries each access is a TLB miss, while the cache footprint is only one line per page.
/// W runs over powers of two from 16 KiB to 1 GiB (quick 256 MiB, times Scale). Series "chase-4k": region advised
/// MADV_NOHUGEPAGE; "chase-2m": 2 MiB-aligned region advised MADV_HUGEPAGE (skipped when THP is "never"); the same
/// access pattern on both, so their difference isolates the page size. x = working set bytes, y = ns per access.
/// </summary>
public sealed class TlbBenchmark : IMicroBenchmark
{
    private const long MinWorkingSet = 16 * 1024;

    /// <inheritdoc />
    public string Name => "tlb";

    /// <inheritdoc />
    public TimeSpan Estimate(BenchmarkOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var sizes = WorkingSets(o);
        var max = sizes[^1];
        // Faulting the region twice (~0.5 ns/B incl. zeroing) plus chases at up to ~100 ns per access.
        return TimeSpan.FromSeconds(2 * max * 0.5e-9 + 2 * sizes.Length * Accesses(o) * 60e-9);
    }

    private static int Accesses(BenchmarkOptions o) => Scaled(o, 4_000_000, 1_000_000, 20_000);

    private static long[] WorkingSets(BenchmarkOptions o)
    {
        var max = Math.Max(4 * MinWorkingSet, (o.Quick ? 256.0 : 1024.0) * 1024 * 1024 * o.Scale);
        var sizes = new List<long>();
        for (var w = MinWorkingSet; w <= max; w *= 2) sizes.Add(w);
        return [.. sizes];
    }

    /// <inheritdoc />
    public BenchmarkResult Run(BenchmarkOptions o, IProgress<double>? progress = null)
    {
        Require(o, Name);
        var sizes = WorkingSets(o);
        var accesses = Accesses(o);
        var thp = ThpMode();
        var huge = thp is not null and not "never";
        var notes = new List<string>
        {
            "method: page-stride pointer chase, one 8-byte pointer per 4 KiB page at cache line (37*i mod 64) of page i, one random cycle over the pages (Sattolo), dependent loads via Marshal.ReadIntPtr",
            $"working sets {sizes[0]}..{sizes[^1]} bytes (powers of two); {accesses} timed accesses per point after one warm-up lap (at most {accesses} accesses); seed {o.Seed}; clock {Clock}",
            "cache footprint is one 64-B line per page (W/64 bytes), so at the largest W cache misses add to TLB misses; chase-2m uses the same pattern and shows that share",
        };
        var series = new List<Series>();
        var modes = huge ? 2 : 1;
        var done = 0;
        void Tick() => progress?.Report(Math.Min(1, ++done / (double)(modes * sizes.Length)));

        series.Add(Chase("chase-4k", sizes, accesses, Libc.MadvNoHugePage, o.Seed, notes, Tick));
        if (huge) series.Add(Chase("chase-2m", sizes, accesses, Libc.MadvHugePage, o.Seed, notes, Tick));
        else notes.Add($"chase-2m skipped: transparent huge pages are {(thp is null ? $"unavailable ({ThpEnabledPath} missing)" : "disabled ([never])")}");
        notes.Add($"THP mode [{thp ?? "unknown"}]");
        progress?.Report(1);
        return Result(Name, series, notes);
    }

    private static Series Chase(string name, long[] sizes, int accesses, int advice, int seed, List<string> notes, Action tick)
    {
        var max = sizes[^1];
        var mapped = max + PageSize2M;
        var raw = Libc.MapAnon(mapped);
        try
        {
            var basePtr = (IntPtr)(((long)raw + PageSize2M - 1) & ~(PageSize2M - 1));
            var adviceOk = Libc.madvise(basePtr, (UIntPtr)(ulong)max, advice) == 0;
            if (!adviceOk) notes.Add($"{name}: madvise({(advice == Libc.MadvHugePage ? "MADV_HUGEPAGE" : "MADV_NOHUGEPAGE")}) failed with errno {Marshal.GetLastPInvokeError()}; default pages used");
            var before = AnonHugePagesKiB();
            for (long off = 0; off < max; off += PageSize4K) Marshal.WriteByte(basePtr + (nint)off, 0);
            if (before is { } b && AnonHugePagesKiB() is { } a)
                notes.Add($"{name}: AnonHugePages grew by {a - b} KiB while faulting the {max / 1024} KiB region");

            var (x, y) = (new List<double>(sizes.Length), new List<double>(sizes.Length));
            foreach (var w in sizes)
            {
                var pages = (int)(w / PageSize4K);
                var next = Cycle(pages, new Xorshift64(seed ^ pages));
                for (var i = 0; i < pages; i++)
                    Marshal.WriteIntPtr(Address(basePtr, i), Address(basePtr, next[i]));
                var p = Address(basePtr, 0);
                p = Walk(p, Math.Min(accesses, Math.Max(pages, 1024)));
                var t0 = Stopwatch.GetTimestamp();
                p = Walk(p, accesses);
                var elapsed = Stopwatch.GetTimestamp() - t0;
                GC.KeepAlive(p);
                x.Add(w);
                y.Add(TicksToNs(elapsed) / accesses);
                tick();
            }
            return Series(name, "bytes", "ns/access", x, y);
        }
        finally
        {
            Libc.Unmap(raw, mapped);
        }
    }

    private static IntPtr Address(IntPtr basePtr, int page) => basePtr + (nint)(page * PageSize4K + (37L * page % 64) * 64);

    private static IntPtr Walk(IntPtr p, int steps)
    {
        var i = 0;
        for (; i + 8 <= steps; i += 8)
        {
            p = Marshal.ReadIntPtr(p); p = Marshal.ReadIntPtr(p); p = Marshal.ReadIntPtr(p); p = Marshal.ReadIntPtr(p);
            p = Marshal.ReadIntPtr(p); p = Marshal.ReadIntPtr(p); p = Marshal.ReadIntPtr(p); p = Marshal.ReadIntPtr(p);
        }
        for (; i < steps; i++) p = Marshal.ReadIntPtr(p);
        return p;
    }

    /// <summary>next[i] of one random cycle through all n elements (Sattolo's algorithm).</summary>
    private static int[] Cycle(int n, Xorshift64 rng)
    {
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        for (var i = n - 1; i > 0; i--)
        {
            var j = rng.NextInt(i); // j < i: Sattolo, a single cycle
            (order[i], order[j]) = (order[j], order[i]);
        }
        var next = new int[n];
        for (var i = 0; i < n; i++) next[order[i]] = order[(i + 1) % n];
        return next;
    }
}
