using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PerfModel.Communication;
using PerfModel.Memory;
using PerfModel.Predictions;

namespace PerfModel.Reports.Formats;

/// <summary>
/// Renders sweep rows as an aligned text table, CSV or JSON. Pure: rows in, text out; invariant culture.
/// CSV columns: app,os,nodes,cores,ranks,runtime_s,fom,fom_unit,relative_to_&lt;baseline&gt;, run_min_s,run_median_s,run_max_s
/// (expected fastest, median and slowest of five runs, <see cref="Prediction.Spread"/>: P18's error bars), then one &lt;mechanism&gt;_s
/// column per breakdown mechanism (<see cref="MechanismsOf"/>: compute, memory, tlb, heap, noise, communication, syscall,
/// and other only when a model reports it).
/// </summary>
public static class PredictionTable
{
    /// <summary>The breakdown mechanisms every table has a column for, in breakdown order (compute, memory, tlb, heap,
    /// noise, communication, syscall): the categories of the default predictor.</summary>
    public static readonly IReadOnlyList<Mechanism> Mechanisms = Enum.GetValues<Mechanism>().Where(m => m != Mechanism.Other).ToArray();

    /// <summary><see cref="Mechanisms"/>, then any other category (<see cref="Mechanism.Other"/>) that one of
    /// <paramref name="predictions"/> reports, in breakdown order.</summary>
    public static IReadOnlyList<Mechanism> MechanismsOf(IEnumerable<Prediction> predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var extra = predictions.SelectMany(p => p.Breakdown.Mechanisms).Where(m => !Mechanisms.Contains(m)).ToHashSet();
        return [.. Mechanisms, .. Enum.GetValues<Mechanism>().Where(extra.Contains)];
    }

    /// <summary>Name of the ratio column for a baseline OS: "relative_to_" + baseline ("relative_to_linux").</summary>
    public static string RatioColumn(string baseline) => "relative_to_" + baseline;

    /// <summary>The CSV header for the given baseline OS and mechanisms (default: <see cref="Mechanisms"/>).</summary>
    public static IReadOnlyList<string> CsvHeader(string baseline, IEnumerable<Mechanism>? mechanisms = null) =>
        ["app", "os", "nodes", "cores", "ranks", "runtime_s", "fom", "fom_unit", RatioColumn(baseline), "run_min_s", "run_median_s", "run_max_s", .. (mechanisms ?? Mechanisms).Select(m => Breakdown.ColumnName(m) + "_s")];

    /// <summary>The sweep as CSV (numbers in round-trip "R" format).</summary>
    public static string ToCsv(Sweep sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        return ToCsv(sweep, sweep.Baseline);
    }

    /// <summary>Sweep rows compared against the OS named <paramref name="baseline"/> as CSV (numbers in round-trip "R" format).</summary>
    public static string ToCsv(IEnumerable<SweepRow> rows, string baseline)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(baseline);
        var list = rows.ToArray();
        var mechanisms = MechanismsOf(list.Select(r => r.Prediction));
        var sb = new StringBuilder();
        sb.Append(string.Join(',', CsvHeader(baseline, mechanisms))).Append('\n');
        foreach (var r in list)
        {
            var p = r.Prediction;
            var cells = new List<string> { Csv(p.App), Csv(p.Os), I(p.Nodes), I(p.Cores), I(p.Ranks), R(p.Runtime.Seconds), R(p.Fom), Csv(p.FomUnit), R(r.RelativeToBaseline),
                R(p.Spread.Min.Seconds), R(p.Spread.Median.Seconds), R(p.Spread.Max.Seconds) };
            cells.AddRange(mechanisms.Select(m => R(p.Breakdown[m].Seconds)));
            sb.Append(string.Join(',', cells)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>The sweep as indented JSON (see <see cref="ToJson(IEnumerable{SweepRow}, string)"/>).</summary>
    public static string ToJson(Sweep sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        return ToJson(sweep, sweep.Baseline);
    }

    /// <summary>
    /// Sweep rows as an indented JSON array, one object per row: app, os, nodes, cores, ranks, runtimeSeconds, fom,
    /// fomUnit, relativeTo&lt;Baseline&gt; ("relativeToLinux"), breakdownSeconds (per mechanism), regimes and diagnostics
    /// (<see cref="Regimes"/>, <see cref="Diagnostics"/>) and notes.
    /// </summary>
    public static string ToJson(IEnumerable<SweepRow> rows, string baseline)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(baseline);
        var list = rows.ToArray();
        var mechanisms = MechanismsOf(list.Select(r => r.Prediction));
        var ratio = RatioKey(baseline);
        var items = list.Select(r => new Dictionary<string, object>
        {
            ["app"] = r.Prediction.App,
            ["os"] = r.Prediction.Os,
            ["nodes"] = r.Prediction.Nodes,
            ["cores"] = r.Prediction.Cores,
            ["ranks"] = r.Prediction.Ranks,
            ["runtimeSeconds"] = r.Prediction.Runtime.Seconds,
            ["fom"] = r.Prediction.Fom,
            ["fomUnit"] = r.Prediction.FomUnit,
            [ratio] = r.RelativeToBaseline,
            ["breakdownSeconds"] = mechanisms.ToDictionary(m => Breakdown.ColumnName(m), m => r.Prediction.Breakdown[m].Seconds),
            ["regimes"] = Regimes(r.Prediction),
            ["diagnostics"] = Diagnostics(r.Prediction),
            ["notes"] = r.Prediction.Notes,
        });
        return JsonSerializer.Serialize(items, new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>The JSON key of the ratio to the baseline: "relativeTo" + the baseline name in Pascal case
    /// ("relativeToLinux", "relativeToMosLinuxHeap").</summary>
    public static string RatioKey(string baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var words = new string(baseline.Select(c => char.IsAsciiLetterOrDigit(c) ? c : ' ').ToArray()).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return "relativeTo" + string.Concat(words.Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
    }

    /// <summary>
    /// The discrete outcomes of a prediction, keys sorted ordinally: placement = the memory term's regime in kebab case
    /// ("fits-hbm", "spills-to-ddr", "ddr-only", "no-hbm"); tlb = the page size that holds most of the footprint
    /// (<see cref="PageSizes.Label"/>: "4KiB", "2MiB", "1GiB"). A key is left out when its term is absent.
    /// </summary>
    public static ImmutableSortedDictionary<string, string> Regimes(Prediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var d = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (prediction.Terms.Find<MemoryTerm>() is { } memory) d["placement"] = Kebab(memory.Regime.ToString());
        if (prediction.Terms.Find<TlbTerm>() is { } tlb) d["tlb"] = PageSizes.Label(tlb.DominantPage);
        return d.ToImmutable();
    }

    /// <summary>
    /// Intermediate values of a prediction with unit-suffixed keys, sorted ordinally, read from its typed terms:
    /// hbmFraction and effectiveBandwidthBytesPerSecondPerRank (<see cref="MemoryTerm"/>), tlbWalksPerIteration
    /// (<see cref="TlbTerm"/>), heapFaultsPerIteration and heapZeroingSecondsPerIteration (<see cref="HeapTerm"/>),
    /// offNodeFraction and interNodeMessagesPerIteration (<see cref="CommunicationTerm"/>), and always
    /// workSecondsPerIteration (<see cref="TermSet.WorkPerIteration"/>), iterationSeconds (Σ terms per iteration, added in
    /// breakdown order), runtimeStdDevSeconds = √(iterations × Σ term variance per iteration) (the noise part of the run
    /// spread), communicationPerRunSeconds (the communication each run scales by its own factor,
    /// <see cref="Prediction.CommunicationPerRun"/>) and runMinSeconds, runMedianSeconds, runMaxSeconds (expected fastest,
    /// median and slowest of five runs, <see cref="Prediction.Spread"/>). A key is left out when its term is absent.
    /// </summary>
    public static ImmutableSortedDictionary<string, double> Diagnostics(Prediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var terms = prediction.Terms;
        var d = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        if (terms.Find<MemoryTerm>() is { } memory)
        {
            d["hbmFraction"] = memory.HbmFraction;
            d["effectiveBandwidthBytesPerSecondPerRank"] = memory.EffectiveBandwidthPerRank.BytesPerSecond;
        }
        if (terms.Find<TlbTerm>() is { } tlb) d["tlbWalksPerIteration"] = tlb.WalksPerIteration;
        if (terms.Find<HeapTerm>() is { } heap)
        {
            d["heapFaultsPerIteration"] = heap.FaultsPerIteration;
            d["heapZeroingSecondsPerIteration"] = heap.Zeroing.Seconds;
        }
        if (terms.Find<CommunicationTerm>() is { } comm)
        {
            d["offNodeFraction"] = comm.OffNodeFraction;
            d["interNodeMessagesPerIteration"] = comm.InterNodeMessagesPerIteration;
        }
        d["workSecondsPerIteration"] = terms.WorkPerIteration.Seconds;
        d["iterationSeconds"] = prediction.PerIteration.Seconds;
        d["runtimeStdDevSeconds"] = prediction.RunStandardDeviation.Seconds;
        d["communicationPerRunSeconds"] = prediction.CommunicationPerRun.Seconds;
        d["runMinSeconds"] = prediction.Spread.Min.Seconds;
        d["runMedianSeconds"] = prediction.Spread.Median.Seconds;
        d["runMaxSeconds"] = prediction.Spread.Max.Seconds;
        return d.ToImmutable();
    }

    /// <summary>The sweep as aligned text (see <see cref="ToText(IEnumerable{SweepRow}, string)"/>).</summary>
    public static string ToText(Sweep sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        return ToText(sweep, sweep.Baseline);
    }

    /// <summary>Aligned text: runtime, FOM, ratio to the baseline OS (column vs_&lt;baseline&gt;) and the breakdown as
    /// percentages of the runtime.</summary>
    public static string ToText(IEnumerable<SweepRow> rows, string baseline)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(baseline);
        var list = rows.ToArray();
        var mechanisms = MechanismsOf(list.Select(r => r.Prediction));
        var header = new List<string> { "app", "os", "nodes", "cores", "runtime_s", "fom", "unit", "vs_" + baseline };
        header.AddRange(mechanisms.Select(m => Breakdown.ColumnName(m) + "%"));
        var table = new List<string[]> { header.ToArray() };
        foreach (var r in list)
        {
            var p = r.Prediction;
            var cells = new List<string> { p.App, p.Os, I(p.Nodes), I(p.Cores), G(p.Runtime.Seconds, 4), G(p.Fom, 5), p.FomUnit, F(r.RelativeToBaseline, "0.000") };
            cells.AddRange(mechanisms.Select(m => F(100 * p.Breakdown[m].Seconds / p.Runtime.Seconds, "0.0")));
            table.Add(cells.ToArray());
        }
        return TextTable.Render(table, leftAligned: 3);
    }

    /// <summary>"FitsHbm" → "fits-hbm".</summary>
    internal static string Kebab(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));

    private static string I(long v) => v.ToString(CultureInfo.InvariantCulture);
    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
    private static string G(double v, int digits) => v.ToString("G" + digits, CultureInfo.InvariantCulture);
    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
    private static string Csv(string s) => s.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
