using System.Globalization;
using PerfModel.Predictions;
using PerfModel.Reports.Content;
using PerfModel.Reports.Formats;

namespace PerfModel.Reports.Figures;

/// <summary>Number formats and the mechanism explanations the captions are written from (invariant culture).</summary>
internal static class Captions
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>"2.30x".</summary>
    public static string Ratio(double r) => r.ToString("0.00", Inv) + "x";

    /// <summary>"1,024".</summary>
    public static string Count(double n) => n.ToString("N0", Inv);

    /// <summary>"12.3%" (or "+12.3%" with <paramref name="signed"/>).</summary>
    public static string Percent(double p, bool signed = false) => (signed && p >= 0 ? "+" : "") + p.ToString("0.0", Inv) + "%";

    /// <summary>Whole numbers with thousands separators from 10,000 up ("10,966,082"), four significant digits below ("8959", "0.01235").</summary>
    public static string Number(double v) => Math.Abs(v) >= 1e4 ? v.ToString("N0", Inv) : v.ToString("G4", Inv);

    /// <summary>The value in the given .NET format string, invariant culture.</summary>
    public static string Fixed(double v, string format) => v.ToString(format, Inv);

    /// <summary>"1 node", "2,048 nodes".</summary>
    public static string Nodes(double n) => Count(n) + (n == 1 ? " node" : " nodes");

    /// <summary>A time with three significant digits in s, ms or µs: "4.89 s", "24.9 ms", "55.2 µs".</summary>
    public static string Seconds(double s) => s switch
    {
        0 => "0 s",
        < 1e-3 => (s * 1e6).ToString("G3", Inv) + " µs",
        < 1 => (s * 1e3).ToString("G3", Inv) + " ms",
        _ => s.ToString("G3", Inv) + " s",
    };

    /// <summary>What the mechanism stands for in a sentence.</summary>
    public static string MechanismPhrase(Mechanism m) => m switch
    {
        Mechanism.Compute => "compute",
        Mechanism.Memory => "memory traffic",
        Mechanism.Tlb => "TLB misses",
        Mechanism.Heap => "brk() heap faults and zeroing",
        Mechanism.Noise => "OS-noise amplification",
        Mechanism.Communication => "communication",
        Mechanism.Syscall => "system calls",
        _ => m.ToString().ToLowerInvariant(),
    };

    /// <summary>Short legend name of a mechanism.</summary>
    public static string MechanismLabel(Mechanism m) => m switch
    {
        Mechanism.Compute => "compute",
        Mechanism.Memory => "memory",
        Mechanism.Tlb => "TLB",
        Mechanism.Heap => "heap (brk)",
        Mechanism.Noise => "noise",
        Mechanism.Communication => "communication",
        Mechanism.Syscall => "syscalls",
        _ => m.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// The mechanisms that make <paramref name="os"/> faster (or slower) than <paramref name="baseline"/> at the same node
    /// count, largest difference first, with both times per run and the difference as a share of the baseline's runtime:
    /// "OS-noise amplification (Linux 0.0249 s, McKernel 4.58e-05 s per run: 39.5% of Linux's runtime)".
    /// Differences below 0.5% of the baseline's runtime are left out.
    /// </summary>
    public static string Drivers(ReportData data, Prediction os, Prediction baseline, int top = 2)
    {
        var faster = os.Runtime.Seconds <= baseline.Runtime.Seconds;
        var osName = data.Display(os.Os);
        var baseName = data.Display(baseline.Os);
        var parts = PredictionTable.MechanismsOf([os, baseline])
            .Select(m => (Mechanism: m, Saving: baseline.Breakdown[m].Seconds - os.Breakdown[m].Seconds))
            .Where(d => (faster ? d.Saving : -d.Saving) > 0.005 * baseline.Runtime.Seconds)
            .OrderByDescending(d => faster ? d.Saving : -d.Saving)
            .Take(top)
            .Select(d => $"{MechanismPhrase(d.Mechanism)} ({baseName} {Seconds(baseline.Breakdown[d.Mechanism].Seconds)}, {osName} {Seconds(os.Breakdown[d.Mechanism].Seconds)} per run: " +
                         $"{Percent(100 * Math.Abs(d.Saving) / baseline.Runtime.Seconds)} of {baseName}'s runtime)")
            .ToArray();
        return parts.Length == 0 ? "no single mechanism (every difference is below 0.5% of the runtime)" : string.Join(" and ", parts);
    }

    /// <summary>The mechanism with the largest mean saving (share of the baseline's runtime) of the rows over their baseline rows.</summary>
    public static (Mechanism Mechanism, double MeanSavingPercent) DominantSaving(IEnumerable<(Prediction Os, Prediction Baseline)> pairs)
    {
        var list = pairs.ToArray();
        if (list.Length == 0) return (Mechanism.Compute, 0);
        return PredictionTable.MechanismsOf(list.SelectMany(p => new[] { p.Os, p.Baseline }))
            .Select(m => (m, list.Average(p => 100 * (p.Baseline.Breakdown[m].Seconds - p.Os.Breakdown[m].Seconds) / p.Baseline.Runtime.Seconds)))
            .OrderByDescending(t => t.Item2)
            .First();
    }
}
