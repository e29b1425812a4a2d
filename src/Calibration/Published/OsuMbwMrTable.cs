using System.Collections.Immutable;

namespace PerfModel.Calibration.Published;

/// <summary>
/// Figures of an OSU <c>osu_mbw_mr</c> run (multiple bandwidth / message rate; OSU Micro-Benchmarks, Ohio State
/// University): bandwidth and message rate against message size, e.g.
/// <c>data/measured/opa_osu_mbw_mr_lanl_figures.csv</c>, the Omni-Path figures of H. Pritchard's LANL run
/// (docs/sources.md#omni-path).
/// </summary>
/// <remarks>
/// Format: <c>#</c> comment lines (origin, attribution), the header <c>size_bytes,bandwidth_MBps,messages_per_second</c>,
/// then one row per message size: a whole number of bytes 1 to 2⁴⁰, unique; the bandwidth in MB/s (10⁶ B/s) and the
/// message rate, finite, &gt; 0 and at most 10⁹ MB/s and 10¹² messages/s. At least one row; rows are returned by
/// ascending size. Every failure is a <see cref="PublishedDataException"/> naming the file, the line, the column and
/// the rule.
/// </remarks>
/// <param name="File">The file read, as named by the caller.</param>
/// <param name="Rows">The rows, by ascending size.</param>
public sealed record OsuMbwMrTable(string File, ImmutableArray<OsuMbwMrRow> Rows)
{
    /// <summary>The header of the table.</summary>
    public const string Header = "size_bytes,bandwidth_MBps,messages_per_second";

    /// <summary>Reads an <c>osu_mbw_mr</c> table (format in the remarks of <see cref="OsuMbwMrTable"/>).</summary>
    /// <exception cref="PublishedDataException">The file is missing or unreadable, or breaks a rule.</exception>
    public static OsuMbwMrTable Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var lines = PlatformDataText.Lines(path, "an osu_mbw_mr table");
        var header = Array.FindIndex(lines, l => !PlatformDataText.IsCommentOrBlank(l));
        if (header < 0) throw new PublishedDataException(path, null, PlatformDataText.FileField, $"holds no data: expected the header '{Header}' and rows");
        var names = lines[header].Split(',').Select(c => c.Trim()).ToArray();
        if (string.Join(",", names) != Header)
            throw new PublishedDataException(path, header + 1, "header", $"{PlatformDataText.Show(lines[header].Trim())} must be '{Header}'");
        var rows = new List<OsuMbwMrRow>();
        var seen = new Dictionary<long, int>();
        for (var i = header + 1; i < lines.Length; i++)
        {
            if (PlatformDataText.IsCommentOrBlank(lines[i])) continue;
            var cells = lines[i].Split(',').Select(c => c.Trim()).ToArray();
            if (cells.Length != names.Length)
                throw new PublishedDataException(path, i + 1, cells.Length < names.Length ? names[cells.Length] : "line", $"the row has {cells.Length} cell(s) but the header has {names.Length}");
            var size = Number(path, i + 1, names[0], cells[0], OsuDataFrame.MaxSizeBytes);
            if (size != Math.Floor(size)) throw new PublishedDataException(path, i + 1, names[0], $"{PlatformDataText.Fmt(size)} is not a whole number of bytes");
            if (!seen.TryAdd((long)size, i + 1))
                throw new PublishedDataException(path, i + 1, names[0], $"{PlatformDataText.Fmt(size)} B appears again (first on line {seen[(long)size]}); sizes must be unique");
            rows.Add(new OsuMbwMrRow((long)size, Number(path, i + 1, names[1], cells[1], 1e9) * 1e6, Number(path, i + 1, names[2], cells[2], 1e12)));
        }
        if (rows.Count == 0) throw new PublishedDataException(path, null, PlatformDataText.FileField, "has a header but no rows");
        return new OsuMbwMrTable(path, [.. rows.OrderBy(r => r.SizeBytes)]);
    }

    private static double Number(string path, int line, string field, string cell, double max)
    {
        if (!PlatformDataText.TryNumber(cell, out var v))
            throw new PublishedDataException(path, line, field, $"{PlatformDataText.Show(cell)} is not a finite number");
        if (!(v > 0) || v > max)
            throw new PublishedDataException(path, line, field, $"{PlatformDataText.Fmt(v)} must be > 0 and at most {PlatformDataText.Fmt(max)}");
        return v;
    }
}
