using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.InteropServices;
using PerfModel.Calibration.Measurements;
using static PerfModel.Calibration.Benchmarks.BenchmarkSupport;

namespace PerfModel.Calibration.Benchmarks;

/// <summary>
/// First-touch page faults: a fresh private anonymous mmap region is touched with one byte written per page and the
/// touch loop is timed (fault handling + zeroing + the write). Series "touch-4k" (x = 4 KiB pages, y = seconds),
/// "populate-4k" (mmap with MAP_POPULATE timed together with the touch loop) and "touch-2m" (2 MiB-aligned region with
/// madvise(MADV_HUGEPAGE), x = 2 MiB pages; skipped when THP is "never" or missing). One point per repetition and
/// size; every region is unmapped after use.
/// </summary>
public sealed class PageFaultBenchmark : IMicroBenchmark
{
    private static readonly ImmutableArray<int> Pages4K = [256, 512, 1024, 2048, 4096, 8192, 16384];
    private static readonly ImmutableArray<int> Pages2M = [1, 2, 4, 8, 16, 32];

    /// <inheritdoc />
    public string Name => "faults";

    /// <inheritdoc />
    public TimeSpan Estimate(BenchmarkOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var reps = Reps(o);
        var pages4k = Sizes4K(o).Sum();
        var bytes2m = Sizes2M(o).Sum() * PageSize2M;
        // ~1.5 µs per 4 KiB fault twice (touch, populate), 2 MiB pages at ~5 GB/s zeroing.
        return TimeSpan.FromSeconds(reps * (pages4k * 3e-6 + bytes2m / 5e9) + 0.05);
    }

    private static int Reps(BenchmarkOptions o) => Scaled(o, 10, 5, 3);

    private static int[] Sizes4K(BenchmarkOptions o) =>
        Pages4K.Select(p => Math.Max(8, (int)Math.Round(p * o.Scale))).Distinct().ToArray();

    private static int[] Sizes2M(BenchmarkOptions o)
    {
        var max = o.Quick ? 16 : 32;
        return Pages2M.Where(p => p <= max).Select(p => Math.Max(1, (int)Math.Round(p * Math.Min(1, o.Scale * 10)))).Distinct().ToArray();
    }

    /// <inheritdoc />
    public BenchmarkResult Run(BenchmarkOptions o, IProgress<double>? progress = null)
    {
        Require(o, Name);
        var reps = Reps(o);
        var sizes4k = Sizes4K(o);
        var sizes2m = Sizes2M(o);
        var notes = new List<string>
        {
            $"repetitions={reps}; sizes are interleaved per repetition; one byte written per page; region unmapped after each point; clock {Clock}",
            "touch-4k y = time of the touch loop only (first-touch faults incl. zeroing); populate-4k y = mmap(MAP_POPULATE) + touch loop",
        };
        var series = new List<Series>();
        var steps = reps * (2 * sizes4k.Length + sizes2m.Length);
        var step = 0;
        void Tick() => progress?.Report(Math.Min(1, ++step / (double)steps));

        // Warm-up: a small region once, so the first point does not pay for JIT and code faults.
        TimeTouch(64 * PageSize4K, PageSize4K, populate: false, 0);

        var (tx, ty, px, py) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        for (var r = 0; r < reps; r++)
        {
            foreach (var pages in sizes4k)
            {
                tx.Add(pages);
                ty.Add(TimeTouch(pages * PageSize4K, PageSize4K, populate: false, Libc.MadvNoHugePage));
                Tick();
                px.Add(pages);
                py.Add(TimeTouch(pages * PageSize4K, PageSize4K, populate: true, 0));
                Tick();
            }
        }
        series.Add(Series("touch-4k", "pages", "s", tx, ty));
        series.Add(Series("populate-4k", "pages", "s", px, py));

        var thp = ThpMode();
        if (thp is null or "never")
        {
            notes.Add($"touch-2m skipped: transparent huge pages are {(thp is null ? $"unavailable ({ThpEnabledPath} missing)" : "disabled ([never])")}");
        }
        else
        {
            notes.Add($"THP mode [{thp}]; touch-2m uses a 2 MiB-aligned region with madvise(MADV_HUGEPAGE) and writes one byte per 2 MiB page");
            var (hx, hy) = (new List<double>(), new List<double>());
            long? hugeKiB = null;
            for (var r = 0; r < reps; r++)
            {
                foreach (var pages in sizes2m)
                {
                    var check = r == 0 && pages == sizes2m[^1];
                    hx.Add(pages);
                    hy.Add(TimeTouchHuge(pages, check ? (kb => hugeKiB = kb) : null));
                    Tick();
                }
            }
            series.Add(Series("touch-2m", "2MiB-pages", "s", hx, hy));
            notes.Add(hugeKiB is { } kb
                ? $"AnonHugePages grew by {kb} KiB while touching {sizes2m[^1]} x 2 MiB (expected {sizes2m[^1] * 2048} KiB if every page was huge)"
                : "could not read AnonHugePages from /proc/self/smaps_rollup to confirm huge pages were used");
        }
        progress?.Report(1);
        return Result(Name, series, notes);
    }

    /// <summary>Seconds to (optionally mmap with MAP_POPULATE and) write one byte per page of a fresh region.</summary>
    private static double TimeTouch(long bytes, long stride, bool populate, int advice)
    {
        IntPtr p;
        long t0;
        if (populate)
        {
            t0 = Stopwatch.GetTimestamp();
            p = Libc.MapAnon(bytes, populate: true);
        }
        else
        {
            p = Libc.MapAnon(bytes);
            if (advice != 0) Libc.madvise(p, (UIntPtr)(ulong)bytes, advice); // best effort; result does not matter here
            t0 = Stopwatch.GetTimestamp();
        }
        try
        {
            for (long off = 0; off < bytes; off += stride) Marshal.WriteByte(p + (nint)off, 1);
            return TicksToSeconds(Stopwatch.GetTimestamp() - t0);
        }
        finally
        {
            Libc.Unmap(p, bytes);
        }
    }

    /// <summary>Seconds to write one byte per 2 MiB page of a 2 MiB-aligned MADV_HUGEPAGE region.</summary>
    private static double TimeTouchHuge(int pages, Action<long>? reportHugeKiB)
    {
        var bytes = pages * PageSize2M;
        var mapped = bytes + PageSize2M;
        var raw = Libc.MapAnon(mapped);
        try
        {
            var aligned = (IntPtr)(((long)raw + PageSize2M - 1) & ~(PageSize2M - 1));
            Libc.madvise(aligned, (UIntPtr)(ulong)bytes, Libc.MadvHugePage);
            var before = reportHugeKiB is null ? null : AnonHugePagesKiB();
            var t0 = Stopwatch.GetTimestamp();
            for (long off = 0; off < bytes; off += PageSize2M) Marshal.WriteByte(aligned + (nint)off, 1);
            var s = TicksToSeconds(Stopwatch.GetTimestamp() - t0);
            if (reportHugeKiB is not null && before is { } b && AnonHugePagesKiB() is { } a) reportHugeKiB(a - b);
            return s;
        }
        finally
        {
            Libc.Unmap(raw, mapped);
        }
    }
}
