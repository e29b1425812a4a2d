using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using PerfModel.Calibration.Measurements;

namespace PerfModel.Calibration.Benchmarks;

/// <summary>Shared helpers of the benchmarks: platform check, sizes, host facts read from /proc and /sys.</summary>
internal static class BenchmarkSupport
{
    public const long PageSize4K = 4096;
    public const long PageSize2M = 2L * 1024 * 1024;
    public const string ThpEnabledPath = "/sys/kernel/mm/transparent_hugepage/enabled";

    /// <summary>Throws <see cref="PlatformNotSupportedException"/> off Linux and rejects nonsensical options.</summary>
    public static void Require(BenchmarkOptions o, string benchmark)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException(
                $"the '{benchmark}' micro-benchmark measures Linux kernel behaviour (mmap, page faults, brk, sched_setaffinity) and runs only on Linux; this is {RuntimeInformation.OSDescription}");
        if (!(o.Scale > 0) || !double.IsFinite(o.Scale))
            throw new ArgumentOutOfRangeException(nameof(o), o.Scale, "Scale must be a finite number > 0");
    }

    public static string Host => Environment.MachineName;

    /// <summary>(Quick ? quick : normal) × Scale, rounded, at least <paramref name="min"/>.</summary>
    public static int Scaled(BenchmarkOptions o, double normal, double quick, int min) =>
        (int)Math.Max(min, Math.Min(int.MaxValue, Math.Round((o.Quick ? quick : normal) * o.Scale)));

    public static long ScaledLong(BenchmarkOptions o, double normal, double quick, long min) =>
        (long)Math.Max(min, Math.Round((o.Quick ? quick : normal) * o.Scale));

    /// <summary>The bracketed THP mode ("always", "madvise", "never"), or null when the file is missing.</summary>
    public static string? ThpMode()
    {
        try
        {
            var text = File.ReadAllText(ThpEnabledPath);
            var open = text.IndexOf('[', StringComparison.Ordinal);
            var close = text.IndexOf(']', StringComparison.Ordinal);
            return open >= 0 && close > open ? text[(open + 1)..close] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>AnonHugePages of this process in KiB (from /proc/self/smaps_rollup), or null if unreadable.</summary>
    public static long? AnonHugePagesKiB()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/smaps_rollup"))
            {
                if (!line.StartsWith("AnonHugePages:", StringComparison.Ordinal)) continue;
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return parts.Length >= 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb : null;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return null;
    }

    /// <summary>The CPUs this process may run on (sched_getaffinity), or 0..ProcessorCount-1 if that fails.</summary>
    public static int[] AllowedCpus()
    {
        var mask = new ulong[16];
        if (Libc.sched_getaffinity(0, (UIntPtr)(ulong)(mask.Length * sizeof(ulong)), mask) == 0)
        {
            var cpus = new List<int>();
            for (var i = 0; i < mask.Length * 64; i++)
                if ((mask[i / 64] & (1UL << (i % 64))) != 0) cpus.Add(i);
            if (cpus.Count > 0) return [.. cpus];
        }
        return Enumerable.Range(0, Environment.ProcessorCount).ToArray();
    }

    /// <summary>Pins the calling thread to one CPU; returns the errno on failure, 0 on success.</summary>
    public static int PinCurrentThread(int cpu)
    {
        var mask = new ulong[16];
        if (cpu < 0 || cpu >= mask.Length * 64) return 22; // EINVAL
        mask[cpu / 64] = 1UL << (cpu % 64);
        return Libc.sched_setaffinity(0, (UIntPtr)(ulong)(mask.Length * sizeof(ulong)), mask) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>NUMA nodes listed under /sys/devices/system/node (e.g. "node0"); empty if unreadable.</summary>
    public static string[] NumaNodes()
    {
        try
        {
            return Directory.GetDirectories("/sys/devices/system/node", "node*")
                .Select(Path.GetFileName).OfType<string>()
                .Where(n => n.Length > 4 && n[4..].All(char.IsAsciiDigit))
                .OrderBy(n => int.Parse(n[4..], CultureInfo.InvariantCulture)).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    public static double TicksToNs(long ticks) => ticks * (1e9 / Stopwatch.Frequency);

    public static double TicksToSeconds(long ticks) => ticks / (double)Stopwatch.Frequency;

    public static Series Series(string name, string xUnit, string yUnit, List<double> x, List<double> y) =>
        new(name, xUnit, yUnit, [.. x], [.. y]);

    public static BenchmarkResult Result(string benchmark, List<Series> series, List<string> notes, string? skip = null) =>
        new(benchmark, Host, [.. series], [.. notes.Append(MachineNote())], skip);

    /// <summary>Load average and virtualisation at the end of a run: other load and nested paging colour every number.</summary>
    public static string MachineNote()
    {
        string load;
        try
        {
            load = string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            load = "unknown";
        }
        bool? hypervisor;
        try
        {
            hypervisor = File.ReadLines("/proc/cpuinfo").Any(l => l.StartsWith("flags", StringComparison.Ordinal) && l.Split(' ').Contains("hypervisor"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            hypervisor = null;
        }
        var virt = hypervisor switch
        {
            true => "running under a hypervisor (cpuinfo flag): faults, TLB misses and syscalls include virtualisation costs (nested paging; guest 2 MiB pages may be backed by 4 KiB host pages)",
            false => "bare metal (no hypervisor cpuinfo flag)",
            null => "virtualisation unknown",
        };
        return $"machine: {Environment.ProcessorCount} cpus, loadavg {load} at the end of the run; {virt}";
    }

    public static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    public static string Clock => Stopwatch.IsHighResolution
        ? $"Stopwatch (CLOCK_MONOTONIC, {Stopwatch.Frequency.ToString(CultureInfo.InvariantCulture)} ticks/s)"
        : "Stopwatch (low resolution)";

    public static ImmutableArray<double> Indexes(int n)
    {
        var b = ImmutableArray.CreateBuilder<double>(n);
        for (var i = 0; i < n; i++) b.Add(i);
        return b.MoveToImmutable();
    }
}
