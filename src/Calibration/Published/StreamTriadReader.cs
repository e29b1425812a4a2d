using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace PerfModel.Calibration.Published;

/// <summary>Reads a <see cref="StreamTriadTable"/> (formats and rules in its remarks); the first error stops reading.</summary>
internal static partial class StreamTriadReader
{
    private const string What = "a STREAM triad table";
    private const string ColumnPrefix = "triad_MBps_";

    [GeneratedRegex(@"\busing\s+([A-Za-z0-9]+)\s+NUMA\s+node\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TierComment();

    [GeneratedRegex("^[A-Za-z0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex TierName();

    public static StreamTriadTable Read(string path)
    {
        var lines = PlatformDataText.Lines(path, What);
        var first = Array.FindIndex(lines, l => !PlatformDataText.IsCommentOrBlank(l));
        if (first < 0)
            throw new PublishedDataException(path, null, PlatformDataText.FileField, "holds no data: expected a 'threads,triad_MBps_<tier>' CSV header or '<threads> <MB/s>' lines");
        var csv = lines[first].Contains(',') || lines[first].TrimStart().StartsWith("threads", StringComparison.Ordinal);
        return csv ? ReadCsv(path, lines, first) : ReadDat(path, lines, first);
    }

    private static StreamTriadTable ReadDat(string path, string[] lines, int first)
    {
        string? tier = null;
        for (var i = 0; i < first && tier is null; i++)
            if (TierComment().Match(lines[i]) is { Success: true } m) tier = m.Groups[1].Value.ToUpperInvariant();
        if (tier is null)
            throw new PublishedDataException(path, null, "tier", "no comment before the data names the memory tier ('# ... using <tier> NUMA node', as knl-stream-benchmark writes it)");
        var points = new Collector(path, "threads");
        for (var i = first; i < lines.Length; i++)
        {
            if (PlatformDataText.IsCommentOrBlank(lines[i])) continue;
            var cells = lines[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (cells.Length != 2)
                throw new PublishedDataException(path, i + 1, "line", $"has {cells.Length} field(s); a .dat line is '<threads> <MB/s>'");
            points.Add(i + 1, Threads(path, i + 1, "threads", cells[0]), Rate(path, i + 1, "MB/s", cells[1]));
        }
        return new StreamTriadTable(path, [new StreamTriadTier(tier, points.Sorted())]);
    }

    private static StreamTriadTable ReadCsv(string path, string[] lines, int header)
    {
        var names = lines[header].Split(',').Select(c => c.Trim()).ToArray();
        if (names[0] != "threads")
            throw new PublishedDataException(path, header + 1, "header", $"the first column is {PlatformDataText.Show(names[0])}; it must be 'threads'");
        if (names.Length < 2)
            throw new PublishedDataException(path, header + 1, "header", $"has no rate column; expected 'threads,{ColumnPrefix}<tier>[,...]'");
        var tiers = new string[names.Length - 1];
        for (var c = 1; c < names.Length; c++)
        {
            var name = names[c];
            if (!name.StartsWith(ColumnPrefix, StringComparison.Ordinal) || !TierName().IsMatch(name[ColumnPrefix.Length..]))
                throw new PublishedDataException(path, header + 1, "header", $"column {c + 1} is {PlatformDataText.Show(name)}; rate columns are named '{ColumnPrefix}<tier>' (letters and digits, rates in MB/s)");
            tiers[c - 1] = name[ColumnPrefix.Length..].ToUpperInvariant();
            if (Array.IndexOf(tiers, tiers[c - 1], 0, c - 1) >= 0)
                throw new PublishedDataException(path, header + 1, name, $"the tier {tiers[c - 1]} has two columns");
        }
        var collectors = tiers.Select(_ => new Collector(path, "threads")).ToArray();
        for (var i = header + 1; i < lines.Length; i++)
        {
            if (PlatformDataText.IsCommentOrBlank(lines[i])) continue;
            var cells = lines[i].Split(',').Select(c => c.Trim()).ToArray();
            if (cells.Length != names.Length)
                throw new PublishedDataException(path, i + 1, cells.Length < names.Length ? names[cells.Length] : "line",
                    $"the row has {cells.Length} column(s) but the header has {names.Length}; every column must be filled");
            var threads = Threads(path, i + 1, "threads", cells[0]);
            for (var c = 1; c < cells.Length; c++) collectors[c - 1].Add(i + 1, threads, Rate(path, i + 1, names[c], cells[c]));
        }
        if (collectors[0].Count == 0)
            throw new PublishedDataException(path, null, PlatformDataText.FileField, "has a header but no data rows");
        return new StreamTriadTable(path, [.. tiers.Select((t, k) => new StreamTriadTier(t, collectors[k].Sorted()))]);
    }

    private static int Threads(string path, int line, string field, string cell)
    {
        if (!PlatformDataText.TryInteger(cell, out var n))
            throw new PublishedDataException(path, line, field, $"{PlatformDataText.Show(cell)} is not a whole number of threads");
        if (n < 1 || n > StreamTriadTable.MaxThreads)
            throw new PublishedDataException(path, line, field, $"{n} threads is outside 1 to {StreamTriadTable.MaxThreads}");
        return n;
    }

    /// <summary>A rate in MB/s, returned in B/s.</summary>
    private static double Rate(string path, int line, string field, string cell)
    {
        if (!PlatformDataText.TryNumber(cell, out var mbps))
            throw new PublishedDataException(path, line, field, $"{PlatformDataText.Show(cell)} is not a finite number (MB/s)");
        if (!(mbps > 0) || mbps > StreamTriadTable.MaxMegabytesPerSecond)
            throw new PublishedDataException(path, line, field, $"the rate {PlatformDataText.Fmt(mbps)} MB/s must be > 0 and at most {PlatformDataText.Fmt(StreamTriadTable.MaxMegabytesPerSecond)} MB/s");
        return mbps * 1e6;
    }

    /// <summary>Points of one tier, refusing a thread count seen before.</summary>
    private sealed class Collector(string path, string field)
    {
        private readonly Dictionary<int, int> lineOf = [];
        private readonly List<StreamTriadPoint> points = [];

        public int Count => points.Count;

        public void Add(int line, int threads, double bytesPerSecond)
        {
            if (lineOf.TryGetValue(threads, out var earlier))
                throw new PublishedDataException(path, line, field, $"{threads} threads appears again (first on line {earlier}); thread counts must be unique");
            lineOf[threads] = line;
            points.Add(new StreamTriadPoint(threads, bytesPerSecond));
        }

        public ImmutableArray<StreamTriadPoint> Sorted() => [.. points.OrderBy(p => p.Threads)];
    }
}
