using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;
using PerfModel.Calibration.Measurements;
using static PerfModel.Calibration.Benchmarks.BenchmarkSupport;

namespace PerfModel.Calibration.Benchmarks;

/// <summary>
/// STREAM-triad-like memory bandwidth: a[i] = b[i] + s·c[i] over three double arrays far larger than the caches
/// (3 × 64 MiB; quick 3 × 32 MiB), vectorised with <see cref="Vector{T}"/>, once on one thread and once on all
/// allowed CPUs (contiguous static partitions, one per CPU). y = bytes/s counting 3 × 8 B per element as STREAM does
/// (write-allocate traffic not counted); x = repetition. The arrays are first touched by the same partitions, so on a
/// multi-node machine pages land on the node of the thread that first wrote them (default placement, not bound).
/// </summary>
public sealed class BandwidthBenchmark : IMicroBenchmark
{
    private const double Scalar = 3.0;

    /// <inheritdoc />
    public string Name => "bandwidth";

    /// <inheritdoc />
    public TimeSpan Estimate(BenchmarkOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var bytes = 3.0 * Elements(o) * sizeof(double);
        return TimeSpan.FromSeconds(2 * Reps(o) * bytes / 3e9 + bytes / 1e9);
    }

    private static int Reps(BenchmarkOptions o) => Scaled(o, 10, 6, 3);

    private static int Elements(BenchmarkOptions o) =>
        Scaled(o, 64.0 * 1024 * 1024 / sizeof(double), 32.0 * 1024 * 1024 / sizeof(double), 1 << 15);

    /// <inheritdoc />
    public BenchmarkResult Run(BenchmarkOptions o, IProgress<double>? progress = null)
    {
        Require(o, Name);
        var n = Elements(o);
        var reps = Reps(o);
        var threads = Math.Max(1, AllowedCpus().Length);
        var a = GC.AllocateUninitializedArray<double>(n);
        var b = GC.AllocateUninitializedArray<double>(n);
        var c = GC.AllocateUninitializedArray<double>(n);
        var parts = Partitions(n, threads);
        // First touch by the partitions that will later use the data.
        Parallel.For(0, parts.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, p =>
        {
            var (lo, hi) = parts[p];
            a.AsSpan(lo, hi - lo).Fill(0);
            b.AsSpan(lo, hi - lo).Fill(1);
            c.AsSpan(lo, hi - lo).Fill(2);
        });
        // Warm-up (JIT, thread pool growth) on both code paths.
        Triad(a, b, c, 0, n);
        RunParallel(a, b, c, parts, threads);

        var bytes = 3.0 * sizeof(double) * n;
        var (x1, y1, xn, yn) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        for (var r = 0; r < reps; r++)
        {
            var t0 = Stopwatch.GetTimestamp();
            Triad(a, b, c, 0, n);
            var t1 = Stopwatch.GetTimestamp();
            RunParallel(a, b, c, parts, threads);
            var t2 = Stopwatch.GetTimestamp();
            x1.Add(r);
            y1.Add(bytes / TicksToSeconds(t1 - t0));
            xn.Add(r);
            yn.Add(bytes / TicksToSeconds(t2 - t1));
            progress?.Report((r + 1.0) / reps);
        }
        var check = a[n / 2]; // b + s·c = 1 + 3·2
        if (check != 1 + Scalar * 2) throw new InvalidOperationException($"triad produced {check}, expected {1 + Scalar * 2}");

        var nodes = NumaNodes();
        var notes = new List<string>
        {
            $"arrays 3 x {F(n * 8.0 / (1024 * 1024))} MiB ({n} doubles each), repetitions={reps}, threads={threads} (Parallel.For over {threads} contiguous partitions)",
            $"bytes counted as 3 x 8 B per element (STREAM convention); Vector<double>.Count={Vector<double>.Count}; 1-thread and N-thread repetitions interleaved; clock {Clock}",
            nodes.Length > 1
                ? $"NUMA nodes: {string.Join(", ", nodes)}; not bound per node (no libnuma binding here): measured the default first-touch placement"
                : $"NUMA nodes: {(nodes.Length == 0 ? "none listed under /sys/devices/system/node" : nodes[0])}; single-node default placement",
        };
        var series = new List<Series>
        {
            Series("triad-1-thread", "repetition", "B/s", x1, y1),
            Series("triad-N-threads", "repetition", "B/s", xn, yn),
        };
        GC.KeepAlive(a);
        return Result(Name, series, notes);
    }

    private static (int Lo, int Hi)[] Partitions(int n, int parts)
    {
        var result = new (int, int)[parts];
        var align = Vector<double>.Count * 8; // keep partition borders on cache-line and vector boundaries
        var chunk = (n / parts + align - 1) / align * align;
        for (var p = 0; p < parts; p++)
        {
            var lo = Math.Min(n, p * chunk);
            result[p] = (lo, p == parts - 1 ? n : Math.Min(n, lo + chunk));
        }
        return result;
    }

    private static void RunParallel(double[] a, double[] b, double[] c, (int Lo, int Hi)[] parts, int threads) =>
        Parallel.For(0, parts.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, p => Triad(a, b, c, parts[p].Lo, parts[p].Hi));

    private static void Triad(double[] a, double[] b, double[] c, int lo, int hi)
    {
        var va = MemoryMarshal.Cast<double, Vector<double>>(a.AsSpan(lo, hi - lo));
        var vb = MemoryMarshal.Cast<double, Vector<double>>(b.AsSpan(lo, hi - lo));
        var vc = MemoryMarshal.Cast<double, Vector<double>>(c.AsSpan(lo, hi - lo));
        var s = new Vector<double>(Scalar);
        for (var i = 0; i < va.Length; i++) va[i] = vb[i] + s * vc[i];
        for (var i = lo + va.Length * Vector<double>.Count; i < hi; i++) a[i] = b[i] + Scalar * c[i];
    }
}
