using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using PerfModel.Calibration.Fitting;
using PerfModel.Calibration.Measurements;
using PerfModel.Calibration.Noise;
using PerfModel.Calibration.Synthesis;
using PerfModel.Profiles.Files;
using static PerfModel.Calibration.Benchmarks.BenchmarkSupport;

namespace PerfModel.Calibration.Benchmarks;

/// <summary>
/// Fixed work quantum (FWQ) OS-noise probe: a floating-point loop calibrated to ~10 µs is repeated N times on every
/// allowed CPU at once, each in its own thread pinned with sched_setaffinity (unpinned with a note if pinning fails),
/// after a warm-up. Samples are back-to-back Stopwatch differences stored in a preallocated array (no allocation in
/// the timed loop; a GC no-GC region is held around it when the runtime grants one). Series "core&lt;k&gt;" per CPU k:
/// x = sample index, y = sample duration in ns. <see cref="ToFwqTraceData"/> and <see cref="WriteTrace"/> turn a result
/// into the trace format of <see cref="FwqTrace"/>.
/// </summary>
public sealed partial class FwqBenchmark : IMicroBenchmark
{
    private const double TargetQuantumNs = 10_000;
    private const string ClockName = "CLOCK_MONOTONIC";

    /// <inheritdoc />
    public string Name => "fwq";

    /// <inheritdoc />
    public TimeSpan Estimate(BenchmarkOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return TimeSpan.FromSeconds(Samples(o) * TargetQuantumNs * 1.15 / 1e9 + 0.3);
    }

    private static int Samples(BenchmarkOptions o) => Scaled(o, 1_000_000, 200_000, 1000);

    /// <inheritdoc />
    public BenchmarkResult Run(BenchmarkOptions o, IProgress<double>? progress = null)
    {
        Require(o, Name);
        var samples = Samples(o);
        var cpus = AllowedCpus();
        var workIters = Calibrate();
        var durations = cpus.Select(_ => new long[samples]).ToArray();
        var pinErrors = new int[cpus.Length];
        var sinks = new double[cpus.Length];
        var failures = new Exception?[cpus.Length];
        var warm = Math.Min(samples, 20_000);

        using var warmedUp = new CountdownEvent(cpus.Length);
        using var go = new ManualResetEventSlim(false);
        var threads = new Thread[cpus.Length];
        for (var k = 0; k < cpus.Length; k++)
        {
            var core = k;
            threads[k] = new Thread(() =>
            {
                var signalled = false;
                try
                {
                    pinErrors[core] = PinCurrentThread(cpus[core]);
                    var x = 1.0 + core;
                    for (var i = 0; i < warm; i++) x = Work(x, workIters);
                    warmedUp.Signal();
                    signalled = true;
                    go.Wait();
                    sinks[core] = Probe(durations[core], x, workIters);
                }
                catch (Exception e)
                {
                    failures[core] = e;
                    if (!signalled) warmedUp.Signal();
                }
            }) { IsBackground = true, Name = $"fwq-{cpus[core]}", Priority = ThreadPriority.Normal };
        }
        foreach (var t in threads) t.Start();
        warmedUp.Wait();
        var noGc = false;
        try
        {
            noGc = GC.TryStartNoGCRegion(16L * 1024 * 1024);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentOutOfRangeException)
        {
            noGc = false;
        }
        bool heldNoGc;
        try
        {
            go.Set();
            var estimate = samples * TargetQuantumNs / 1e9;
            var started = Stopwatch.GetTimestamp();
            while (!threads.All(t => t.Join(TimeSpan.FromMilliseconds(100))))
                progress?.Report(Math.Min(0.99, TicksToSeconds(Stopwatch.GetTimestamp() - started) / estimate));
        }
        finally
        {
            heldNoGc = noGc && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion;
            if (heldNoGc)
            {
                try { GC.EndNoGCRegion(); }
                catch (InvalidOperationException) { heldNoGc = false; }
            }
        }
        if (failures.FirstOrDefault(f => f is not null) is { } failure)
            throw new InvalidOperationException($"an fwq probe thread failed: {failure.Message}", failure);
        progress?.Report(1);

        var pinned = pinErrors.All(e => e == 0);
        var x = BenchmarkSupport.Indexes(samples);
        var series = new List<Series>();
        for (var k = 0; k < cpus.Length; k++)
        {
            var y = ImmutableArray.CreateBuilder<double>(samples);
            foreach (var t in durations[k]) y.Add(TicksToNs(t));
            series.Add(new Series($"core{(pinned ? cpus[k] : k)}", "sample", "ns", x, y.MoveToImmutable()));
        }
        var notes = new List<string>
        {
            $"fwq samples_per_core={samples} work_iters={workIters} cores={cpus.Length} clock={ClockName}",
            $"work quantum: {workIters} dependent multiply-adds calibrated to ~{F(TargetQuantumNs)} ns; {warm} warm-up quanta per core; all cores probed at once; y = back-to-back Stopwatch differences ({Clock})",
            pinned
                ? $"each thread pinned with sched_setaffinity to CPU {string.Join(", ", cpus)}; series core<k> = CPU k"
                : $"pinning failed (errno {string.Join("/", pinErrors.Distinct())}); threads ran unpinned and core<k> is thread k",
            noGc ? (heldNoGc ? "GC no-GC region held around the timed loops" : "GC no-GC region was started but ended early (something allocated too much)")
                 : "GC no-GC region not granted; the timed loop itself allocates nothing",
            $"checksum {F(sinks.Sum())}",
        };
        return Result(Name, series, notes);
    }

    /// <summary>Times <paramref name="d"/>.Length quanta back to back; returns the work's result so it is not elided.</summary>
    private static double Probe(long[] d, double x, int iters)
    {
        var prev = Stopwatch.GetTimestamp();
        for (var i = 0; i < d.Length; i++)
        {
            x = Work(x, iters);
            var now = Stopwatch.GetTimestamp();
            d[i] = now - prev;
            prev = now;
        }
        return x;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double Work(double x, int iters)
    {
        for (var i = 0; i < iters; i++) x = x * 0.999999 + 1e-6;
        return x;
    }

    /// <summary>Iterations of <see cref="Work"/> that take ~10 µs on this CPU (fastest of several trials).</summary>
    private static int Calibrate()
    {
        const int trialIters = 20_000;
        var x = 1.0;
        for (var i = 0; i < 50; i++) x = Work(x, trialIters); // JIT tier-up
        var best = long.MaxValue;
        for (var i = 0; i < 30; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            x = Work(x, trialIters);
            best = Math.Min(best, Stopwatch.GetTimestamp() - t0);
        }
        var nsPerIter = Math.Max(1e-3, TicksToNs(best) / trialIters + x * 0);
        return (int)Math.Clamp(Math.Round(TargetQuantumNs / nsPerIter), 100, 10_000_000);
    }

    /// <summary>
    /// Per-core statistics of an fwq result in the form <see cref="FwqTrace.Load"/> returns: one core per series
    /// <c>core&lt;k&gt;</c> (<see cref="CoreSeries"/>), named by its number k (the <c>core</c> cell of the long format), with
    /// its sample count, minimum, mean, and the excess over the minimum of every sample that exceeds it by more than
    /// <paramref name="thresholdNs"/>, in sample order. Sample durations are converted from the series' y unit (ns, us, ms
    /// or s) to ns. This is the one conversion of an fwq result into a trace: the calibration's noise fit and
    /// <see cref="WriteTrace"/> both use it.
    /// </summary>
    /// <exception cref="ArgumentException">The run was skipped or has no core&lt;k&gt; series.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="thresholdNs"/> is negative or not finite.</exception>
    /// <exception cref="CalibrationException">A core series has no samples, a non-finite or non-positive sample, or a y
    /// unit that is not a time unit.</exception>
    public static FwqTraceData ToFwqTraceData(BenchmarkResult result, double thresholdNs = FwqTrace.DefaultDetourThresholdNs)
    {
        var cores = CoreSamples(result);
        if (!(thresholdNs >= 0) || !double.IsFinite(thresholdNs)) throw new ArgumentOutOfRangeException(nameof(thresholdNs), thresholdNs, "must be a finite number >= 0");
        var traces = cores.Select(c =>
        {
            var min = c.Ns.Min();
            var detours = c.Ns.Select(v => v - min).Where(e => e > thresholdNs).ToImmutableArray();
            return new FwqCoreTrace(CoreLabel(c.Series), c.Ns.Length, min, c.Ns.Average(), detours);
        });
        return new FwqTraceData($"fwq measured on {result.Host}", thresholdNs, [.. traces]);
    }

    /// <summary>
    /// The core&lt;k&gt; series of an fwq result (k a whole number: the CPU, or the thread when pinning failed), in result
    /// order: the one filter of which series are FWQ cores.
    /// </summary>
    /// <exception cref="ArgumentException">The run was skipped.</exception>
    public static ImmutableArray<Series> CoreSeries(BenchmarkResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Skipped) throw new ArgumentException($"the fwq run was skipped: {result.SkipReason}", nameof(result));
        return [.. (result.Series.IsDefault ? [] : result.Series).Where(s => CoreName().IsMatch(s.Name))];
    }

    /// <summary>
    /// Writes <see cref="TraceCsv"/> of an fwq result to <paramref name="path"/>, atomically (<see cref="AtomicFile.WriteAllText"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The run was skipped, has no core&lt;k&gt; series, or its cores have different
    /// sample counts (the long format has one samples_per_core).</exception>
    /// <exception cref="CalibrationException">See <see cref="ToFwqTraceData"/>.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void WriteTrace(BenchmarkResult result, string path, double thresholdNs = FwqTrace.DefaultDetourThresholdNs) =>
        AtomicFile.WriteAllText(path, TraceCsv(result, thresholdNs));

    /// <summary>
    /// An fwq result in the long format of data/noise/kvm-2core-fwq.csv (comment line with samples_per_core,
    /// work_iters, cores, detour_threshold_ns and clock; header core,kind,index,value_ns; per core min, mean, p50, p90,
    /// p99, p99.9, p99.99, max and one detour row per sample above the threshold).
    /// </summary>
    /// <exception cref="ArgumentException">See <see cref="WriteTrace"/>.</exception>
    /// <exception cref="CalibrationException">See <see cref="ToFwqTraceData"/>.</exception>
    public static string TraceCsv(BenchmarkResult result, double thresholdNs = FwqTrace.DefaultDetourThresholdNs)
    {
        var cores = CoreSamples(result);
        if (cores.Any(c => c.Ns.Length != cores[0].Ns.Length))
            throw new ArgumentException("every core series needs the same number (> 0) of samples", nameof(result));
        var data = ToFwqTraceData(result, thresholdNs);
        var inv = CultureInfo.InvariantCulture;
        var parameters = result.Notes.SelectMany(n => n.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(w => w.Split('=', 2)).Where(p => p.Length == 2).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1]);
        var workIters = parameters.GetValueOrDefault("work_iters", "unknown");
        var clock = parameters.GetValueOrDefault("clock", ClockName);

        var sb = new StringBuilder();
        sb.Append(inv, $"# fwq samples_per_core={cores[0].Ns.Length} work_iters={workIters} cores={cores.Length} detour_threshold_ns={N(thresholdNs)} clock={clock}\n");
        sb.Append("core,kind,index,value_ns\n");
        for (var k = 0; k < cores.Length; k++)
        {
            var y = cores[k].Ns;
            var label = data.Cores[k].Name;
            var sorted = y.ToArray();
            Array.Sort(sorted);
            void Stat(string kind, double v) => sb.Append(inv, $"{label},{kind},-1,{N(v)}\n");
            Stat("min", sorted[0]);
            Stat("mean", data.Cores[k].MeanNs);
            foreach (var (kind, q) in new[] { ("p50", 0.5), ("p90", 0.9), ("p99", 0.99), ("p99.9", 0.999), ("p99.99", 0.9999) })
                Stat(kind, sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)]);
            Stat("max", sorted[^1]);
            var min = sorted[0];
            for (var i = 0; i < y.Length; i++)
                if (y[i] - min > thresholdNs) sb.Append(inv, $"{label},detour,{i},{N(y[i] - min)}\n");
        }
        return sb.ToString();
    }

    private static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string CoreLabel(Series s) => s.Name["core".Length..];

    [GeneratedRegex(@"^core\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex CoreName();

    /// <summary>Each core series with its sample durations in ns, checked: at least one sample, every one finite and &gt; 0.</summary>
    private static (Series Series, double[] Ns)[] CoreSamples(BenchmarkResult result)
    {
        var cores = CoreSeries(result);
        if (cores.Length == 0) throw new ArgumentException($"benchmark '{result.Benchmark}' has no core<k> series", nameof(result));
        return [.. cores.Select(s =>
        {
            var where = $"{result.Benchmark}/{s.Name}";
            var y = s.Y.IsDefault ? [] : s.Y.ToArray();
            if (y.Length == 0) throw new CalibrationException(CalibrationFailure.TooFewSamples, $"{where}: no samples");
            var toNs = SeriesUnits.Seconds(s.YUnit, where) / 1e-9;
            for (var i = 0; i < y.Length; i++)
            {
                if (!double.IsFinite(y[i])) throw new CalibrationException(CalibrationFailure.NonFiniteInput, $"{where}: sample {i} is {y[i]}");
                if (!(y[i] > 0)) throw new CalibrationException(CalibrationFailure.OutOfDomain, $"{where}: sample {i} is {y[i]}; durations must be > 0");
                y[i] *= toNs;
            }
            return (s, y);
        })];
    }
}
