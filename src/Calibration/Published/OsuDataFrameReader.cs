using System.Collections.Immutable;

namespace PerfModel.Calibration.Published;

/// <summary>Reads an <see cref="OsuDataFrame"/> (format and rules in its remarks); the first error stops reading.</summary>
internal static class OsuDataFrameReader
{
    private static readonly ImmutableArray<string> Required = ["size", "experiment", "cloud", "env", "env_type", "nodes", "gpu_count"];
    private static readonly ImmutableArray<string> LatencyNames = ["latency_us", "avg_latency_us"];

    public static OsuDataFrame Read(string path)
    {
        var lines = PlatformDataText.Lines(path, "an OSU data frame");
        var header = Array.FindIndex(lines, l => !PlatformDataText.IsCommentOrBlank(l));
        if (header < 0) throw new PublishedDataException(path, null, PlatformDataText.FileField, "is empty: expected the header ',size,latency_us,experiment,cloud,env,env_type,nodes,gpu_count' and rows");
        var names = lines[header].Split(',').Select(c => c.Trim()).ToArray();
        var (column, latency) = Columns(path, header + 1, names);
        var rows = ImmutableArray.CreateBuilder<OsuRow>();
        for (var i = header + 1; i < lines.Length; i++)
        {
            if (PlatformDataText.IsCommentOrBlank(lines[i])) continue;
            var line = i + 1;
            var cells = lines[i].Split(',').Select(c => c.Trim()).ToArray();
            if (cells.Length != names.Length)
                throw new PublishedDataException(path, line, cells.Length < names.Length ? Name(names, cells.Length) : "line",
                    $"the row has {cells.Length} cell(s) but the header has {names.Length}");
            if (Array.FindIndex(cells, c => c.Contains('"')) is var q and >= 0)
                throw new PublishedDataException(path, line, Name(names, q), "quoted cells are not supported (the study's frames have none)");
            rows.Add(new OsuRow(line,
                Size(path, line, cells[column["size"]]),
                Latency(path, line, latency, cells[column[latency]]),
                Text(path, line, "experiment", cells[column["experiment"]]),
                Text(path, line, "cloud", cells[column["cloud"]]),
                Text(path, line, "env", cells[column["env"]]),
                Text(path, line, "env_type", cells[column["env_type"]]),
                Whole(path, line, "nodes", cells[column["nodes"]], 1),
                Whole(path, line, "gpu_count", cells[column["gpu_count"]], 0)));
        }
        if (rows.Count == 0) throw new PublishedDataException(path, null, PlatformDataText.FileField, "has a header but no rows");
        return new OsuDataFrame(path, latency, rows.ToImmutable());
    }

    private static (Dictionary<string, int> Column, string Latency) Columns(string path, int line, string[] names)
    {
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < names.Length; c++)
        {
            if (c == 0 && names[0].Length == 0) continue; // pandas' unnamed index
            if (!column.TryAdd(names[c], c))
                throw new PublishedDataException(path, line, "header", $"the column {PlatformDataText.Show(names[c])} appears twice");
        }
        if (names[0].Length != 0)
            throw new PublishedDataException(path, line, "header", $"the first column is {PlatformDataText.Show(names[0])}; an OSU data frame starts with pandas' unnamed index column (the header starts with ',')");
        foreach (var name in Required)
            if (!column.ContainsKey(name)) throw new PublishedDataException(path, line, name, "this column is missing from the header");
        var latencies = LatencyNames.Where(column.ContainsKey).ToArray();
        if (latencies.Length != 1)
            throw new PublishedDataException(path, line, "latency_us", latencies.Length == 0
                ? "the header has no latency column ('latency_us' or 'avg_latency_us')"
                : "the header has both 'latency_us' and 'avg_latency_us'; a frame holds one");
        return (column, latencies[0]);
    }

    private static string Name(string[] names, int c) => names[c].Length == 0 ? "index" : names[c];

    private static long Size(string path, int line, string cell)
    {
        if (!PlatformDataText.TryNumber(cell, out var size))
            throw new PublishedDataException(path, line, "size", $"{PlatformDataText.Show(cell)} is not a finite number of bytes");
        if (size < 0 || size > OsuDataFrame.MaxSizeBytes || size != Math.Floor(size))
            throw new PublishedDataException(path, line, "size", $"{PlatformDataText.Fmt(size)} must be a whole number of bytes from 0 to 2^40");
        return (long)size;
    }

    private static double Latency(string path, int line, string field, string cell)
    {
        if (!PlatformDataText.TryNumber(cell, out var us))
            throw new PublishedDataException(path, line, field, $"{PlatformDataText.Show(cell)} is not a finite number of microseconds");
        if (!(us > 0) || us > OsuDataFrame.MaxLatencyMicroseconds)
            throw new PublishedDataException(path, line, field, $"{PlatformDataText.Fmt(us)} us must be > 0 and at most 1e9 us");
        var seconds = us * 1e-6;
        return seconds > 0 ? seconds : throw new PublishedDataException(path, line, field, $"{PlatformDataText.Fmt(us)} us is too small: it rounds to 0 s");
    }

    private static string Text(string path, int line, string field, string cell) =>
        cell.Length > 0 ? cell : throw new PublishedDataException(path, line, field, "is empty");

    private static int Whole(string path, int line, string field, string cell, int min)
    {
        if (!PlatformDataText.TryInteger(cell, out var n) || n < min || n > 10_000_000)
            throw new PublishedDataException(path, line, field, $"{PlatformDataText.Show(cell)} must be a whole number from {min} to 10,000,000");
        return n;
    }
}
