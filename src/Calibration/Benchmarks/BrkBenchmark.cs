using System.Diagnostics;
using System.Runtime.InteropServices;
using PerfModel.Calibration.Measurements;
using static PerfModel.Calibration.Benchmarks.BenchmarkSupport;

namespace PerfModel.Calibration.Benchmarks;

/// <summary>
/// Replays a heap trace through sbrk in the Lulesh proportions of P18 (per cycle 8.08 queries sbrk(0), 3.25 growths,
/// 1.61 shrinks; growths around 7 MB, 1 MB in quick mode, times Scale), in a seeded random order. Series "brk-call"
/// (x = call index, y = ns of that sbrk call) and per kind "brk-query", "brk-grow", "brk-shrink" (same x), and
/// "touch-after-grow" (x = 4 KiB pages just grown, y = seconds to write one byte per page).
/// </summary>
/// <remarks>
/// The program break is shared with glibc malloc's main arena. The replay runs on a dedicated thread that allocates
/// nothing native, checks before each call that the break is where it left it (stops at once otherwise), shrinks only
/// what it grew, and in <c>finally</c> moves the break back to the original value only if it is still exactly where the
/// replay left it; if another allocator moved it meanwhile, the replay's memory is left in place (leaked, never freed
/// under someone else's data) and a note says so. A residual race of a few ns between the check and a shrink remains.
/// </remarks>
public sealed class BrkBenchmark : IMicroBenchmark
{
    private const double QueriesPerCycle = 8.08, GrowthsPerCycle = 3.25, ShrinksPerCycle = 1.61;

    /// <inheritdoc />
    public string Name => "brk";

    /// <inheritdoc />
    public TimeSpan Estimate(BenchmarkOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var (cycles, grow, _) = Sizes(o);
        return TimeSpan.FromSeconds(cycles * GrowthsPerCycle * (grow / 4096.0) * 2e-6 + 0.02);
    }

    private static (int Cycles, long GrowBytes, long CapBytes) Sizes(BenchmarkOptions o) =>
        (Scaled(o, 40, 15, 3), ScaledLong(o, 7e6, 1e6, 64 * 1024), o.Quick ? 128L << 20 : 512L << 20);

    private enum Op { Query, Grow, Shrink }

    /// <inheritdoc />
    public BenchmarkResult Run(BenchmarkOptions o, IProgress<double>? progress = null)
    {
        Require(o, Name);
        var (cycles, growBytes, cap) = Sizes(o);
        var ops = Plan(cycles, o.Seed);
        var rng = new Xorshift64(o.Seed ^ 0x5bd1e995);
        var sizes = ops.Select(_ => Math.Max(4096, (long)(growBytes * (0.75 + 0.5 * rng.NextDouble())) & ~4095L)).ToArray();

        BenchmarkResult? result = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { result = Replay(ops, sizes, cap, progress); }
            catch (Exception e) { failure = e; }
        }) { Name = "brk-replay", IsBackground = true };
        thread.Start();
        thread.Join();
        if (failure is not null) throw new InvalidOperationException($"brk replay failed: {failure.Message}", failure);
        progress?.Report(1);
        return result!;
    }

    private static Op[] Plan(int cycles, int seed)
    {
        var ops = new List<Op>();
        ops.AddRange(Enumerable.Repeat(Op.Query, (int)Math.Round(cycles * QueriesPerCycle)));
        ops.AddRange(Enumerable.Repeat(Op.Grow, Math.Max(1, (int)Math.Round(cycles * GrowthsPerCycle))));
        ops.AddRange(Enumerable.Repeat(Op.Shrink, (int)Math.Round(cycles * ShrinksPerCycle)));
        var arr = ops.ToArray();
        var rng = new Xorshift64(seed);
        for (var i = arr.Length - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (arr[i], arr[j]) = (arr[j], arr[i]);
        }
        return arr;
    }

    private BenchmarkResult Replay(Op[] ops, long[] sizes, long cap, IProgress<double>? progress)
    {
        var notes = new List<string>();
        var failed = new IntPtr(-1);
        // Warm the stubs before reading the break we promise to restore.
        for (var i = 0; i < 16; i++) Libc.sbrk(IntPtr.Zero);
        var start = Libc.sbrk(IntPtr.Zero);
        if (start == failed)
            return Result(Name, [], [$"sbrk(0) failed: errno {Marshal.GetLastPInvokeError()}"], "sbrk is unavailable in this process");

        var (cx, cy) = (new List<double>(ops.Length), new List<double>(ops.Length));
        var perKind = new[] { (new List<double>(), new List<double>()), (new List<double>(), new List<double>()), (new List<double>(), new List<double>()) };
        var (tx, ty) = (new List<double>(ops.Length), new List<double>(ops.Length));
        var (sx, sy) = (new List<double>(ops.Length), new List<double>(ops.Length));
        var sysBrk = Libc.SysBrk;
        var grown = new Stack<long>(ops.Length);
        var expected = start;
        long total = 0;
        var converted = 0;
        string? stopped = null;
        try
        {
            for (var i = 0; i < ops.Length && stopped is null; i++)
            {
                var op = ops[i];
                if (op == Op.Shrink && grown.Count == 0) { op = Op.Query; converted++; }
                if (op == Op.Grow && total + sizes[i] > cap) { op = grown.Count > 0 ? Op.Shrink : Op.Query; converted++; }
                if (op != Op.Query && Libc.sbrk(IntPtr.Zero) != expected)
                {
                    stopped = "the break moved under the replay (another allocator used the brk heap); stopped early";
                    break;
                }
                long t0, t1;
                IntPtr p;
                switch (op)
                {
                    case Op.Query:
                        t0 = Stopwatch.GetTimestamp();
                        p = Libc.sbrk(IntPtr.Zero);
                        t1 = Stopwatch.GetTimestamp();
                        if (p != expected) { stopped = "sbrk(0) returned a break the replay did not set (another allocator used the brk heap); stopped early"; break; }
                        if (sysBrk is { } nr)
                        {
                            // The kernel's brk(0): returns the current break and changes nothing.
                            var s0 = Stopwatch.GetTimestamp();
                            var k = Libc.syscall(nr, IntPtr.Zero);
                            var s1 = Stopwatch.GetTimestamp();
                            if (k == expected) { sx.Add(cx.Count); sy.Add(TicksToNs(s1 - s0)); }
                        }
                        break;
                    case Op.Grow:
                        t0 = Stopwatch.GetTimestamp();
                        p = Libc.sbrk((IntPtr)sizes[i]);
                        t1 = Stopwatch.GetTimestamp();
                        if (p == failed) { stopped = $"sbrk(+{sizes[i]}) failed: errno {Marshal.GetLastPInvokeError()}; stopped early"; break; }
                        if (p != expected)
                        {
                            // Someone moved the break between our check and the call; our bytes are on top of theirs.
                            expected = p + (nint)sizes[i];
                            grown.Clear();
                            stopped = "the break moved under the replay during a growth; stopped early";
                            break;
                        }
                        expected = p + (nint)sizes[i];
                        grown.Push(sizes[i]);
                        total += sizes[i];
                        var t2 = Stopwatch.GetTimestamp();
                        for (long off = 0; off < sizes[i]; off += PageSize4K) Marshal.WriteByte(p + (nint)off, 1);
                        tx.Add(sizes[i] / PageSize4K);
                        ty.Add(TicksToSeconds(Stopwatch.GetTimestamp() - t2));
                        break;
                    default:
                        var size = grown.Peek();
                        t0 = Stopwatch.GetTimestamp();
                        p = Libc.sbrk((IntPtr)(-size));
                        t1 = Stopwatch.GetTimestamp();
                        if (p == failed) { stopped = $"sbrk(-{size}) failed: errno {Marshal.GetLastPInvokeError()}; stopped early"; break; }
                        grown.Pop();
                        total -= size;
                        expected -= (nint)size;
                        break;
                }
                if (stopped is not null) break;
                var ns = TicksToNs(t1 - t0);
                cx.Add(cx.Count);
                cy.Add(ns);
                perKind[(int)op].Item1.Add(cx.Count - 1);
                perKind[(int)op].Item2.Add(ns);
                if ((i & 15) == 0) progress?.Report((double)i / ops.Length);
            }
        }
        finally
        {
            var now = Libc.sbrk(IntPtr.Zero);
            if (now == expected && expected != start && grown.Count > 0)
            {
                Libc.sbrk((IntPtr)((long)start - (long)expected));
                var after = Libc.sbrk(IntPtr.Zero);
                notes.Add(after == start ? "original program break restored exactly" : $"restoring the break failed: it is at 0x{(long)after:x}, not 0x{(long)start:x}");
            }
            else if (now == start) notes.Add("original program break restored exactly");
            else notes.Add($"break left at 0x{(long)now:x} (original 0x{(long)start:x}): another allocator moved it, so the replay's {total} bytes were not released");
        }
        if (stopped is not null) notes.Add(stopped);
        notes.Add($"ops planned={ops.Length} (queries:growths:shrinks = {QueriesPerCycle}:{GrowthsPerCycle}:{ShrinksPerCycle} per cycle, P18 Lulesh), executed={cx.Count}; {converted} converted to keep the heap between 0 and {cap >> 20} MiB");
        notes.Add($"growth sizes {F(sizes.Min() / 1e6)}..{F(sizes.Max() / 1e6)} MB (page-aligned); brk-call y = ns of one sbrk() including P/Invoke; touch-after-grow writes one byte per 4 KiB page of the new memory; clock {Clock}");
        notes.Add("glibc's sbrk(0) returns its cached break without entering the kernel, so brk-query is the libc path malloc takes; "
            + (sysBrk is null ? "brk-query-syscall not measured: brk syscall number unknown on this architecture" : "brk-query-syscall times the raw brk(0) system call made right after each query"));
        if (cx.Count == 0) return Result(Name, [], notes, stopped ?? "no brk calls were made");
        var series = new List<Series>
        {
            Series("brk-call", "call", "ns", cx, cy),
            Series("brk-query", "call", "ns", perKind[0].Item1, perKind[0].Item2),
            Series("brk-grow", "call", "ns", perKind[1].Item1, perKind[1].Item2),
            Series("brk-shrink", "call", "ns", perKind[2].Item1, perKind[2].Item2),
            Series("brk-query-syscall", "call", "ns", sx, sy),
            Series("touch-after-grow", "pages", "s", tx, ty),
        };
        return Result(Name, series, notes);
    }
}
