using System.Diagnostics;
using PerfModel.Calibration.Measurements;
using static PerfModel.Calibration.Benchmarks.BenchmarkSupport;

namespace PerfModel.Calibration.Benchmarks;

/// <summary>
/// Cost of a cheap system call: batches of <c>getppid()</c> (not cached by glibc, so a real syscall) and
/// <c>sched_yield()</c> calls, each batch timed as a whole; y = ns per call of one batch, so take the median of the
/// raw samples. Series "pinvoke-baseline" times libc <c>abs()</c> the same way: the P/Invoke round trip without a
/// syscall, which is included in the other two series.
/// </summary>
public sealed class SyscallBenchmark : IMicroBenchmark
{
    /// <inheritdoc />
    public string Name => "syscall";

    /// <inheritdoc />
    public TimeSpan Estimate(BenchmarkOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var (batches, calls) = Sizes(o);
        return TimeSpan.FromSeconds(batches * (double)calls * 3 * 1e-6); // ≤ ~1 µs per call on a slow VM
    }

    private static (int Batches, int Calls) Sizes(BenchmarkOptions o) =>
        (Scaled(o, 2000, 400, 20), 1000);

    /// <inheritdoc />
    public BenchmarkResult Run(BenchmarkOptions o, IProgress<double>? progress = null)
    {
        Require(o, Name);
        var (batches, calls) = Sizes(o);
        // Warm up: JIT the stubs, resolve the symbols, fault in the code pages.
        for (var i = 0; i < 1000; i++) { Libc.getppid(); Libc.sched_yield(); Libc.abs(i); }

        var getppid = new double[batches];
        var yield = new double[batches];
        var baseline = new double[batches];
        var sink = 0;
        for (var b = 0; b < batches; b++)
        {
            // Interleave the three kinds so that slow drifts (frequency, other load) affect them alike.
            var t0 = Stopwatch.GetTimestamp();
            for (var i = 0; i < calls; i++) sink += Libc.getppid();
            var t1 = Stopwatch.GetTimestamp();
            for (var i = 0; i < calls; i++) sink += Libc.sched_yield();
            var t2 = Stopwatch.GetTimestamp();
            for (var i = 0; i < calls; i++) sink += Libc.abs(i);
            var t3 = Stopwatch.GetTimestamp();
            getppid[b] = TicksToNs(t1 - t0) / calls;
            yield[b] = TicksToNs(t2 - t1) / calls;
            baseline[b] = TicksToNs(t3 - t2) / calls;
            if ((b & 63) == 0) progress?.Report((double)b / batches);
        }
        progress?.Report(1);
        var x = Indexes(batches);
        var notes = new List<string>
        {
            $"batches={batches} calls_per_batch={calls}; y = mean ns per call within one batch (raw, not summarised)",
            "getppid() via glibc is a real syscall (not cached); sched_yield() with other runnable threads may switch away, so its tail is scheduling, not syscall cost",
            $"P/Invoke overhead is included in every series; pinvoke-baseline (libc abs) measures it alone; clock {Clock}",
            $"cpus={Environment.ProcessorCount} (checksum {sink & 1})",
        };
        Series S(string name, double[] y) => new(name, "batch", "ns/call", x, [.. y]);
        return Result(Name, [S("getppid", getppid), S("sched_yield", yield), S("pinvoke-baseline", baseline)], notes);
    }
}
