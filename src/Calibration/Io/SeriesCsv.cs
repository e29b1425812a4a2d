using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using PerfModel.Calibration.Measurements;
using PerfModel.Descriptions;

namespace PerfModel.Calibration.Io;

/// <summary>Raw benchmark measurements as CSV: <c>benchmark,host,series,x_unit,y_unit,x,y</c>, one row per point, invariant
/// culture, round-trip precision; notes and skip reasons as <c>#</c> comment lines. Reads back what it writes.</summary>
public static class SeriesCsv
{
    /// <summary>The CSV header line.</summary>
    public const string Header = "benchmark,host,series,x_unit,y_unit,x,y";

    /// <summary>The result as CSV text: a <c># benchmark=NAME host=HOST</c> line, <c># skipped:</c> and <c># note:</c>
    /// lines, the header and one row per point.</summary>
    public static string Write(BenchmarkResult result)
    {
        var sb = new StringBuilder();
        sb.Append("# benchmark=").Append(result.Benchmark).Append(" host=").Append(result.Host).Append('\n');
        if (result.SkipReason is not null) sb.Append("# skipped: ").Append(OneLine(result.SkipReason)).Append('\n');
        foreach (var n in result.Notes) sb.Append("# note: ").Append(OneLine(n)).Append('\n');
        sb.Append(Header).Append('\n');
        foreach (var s in result.Series)
            for (var i = 0; i < s.Count; i++)
                sb.Append(result.Benchmark).Append(',').Append(result.Host).Append(',').Append(s.Name).Append(',').Append(s.XUnit).Append(',').Append(s.YUnit)
                  .Append(',').Append(s.X[i].ToString("R", CultureInfo.InvariantCulture)).Append(',').Append(s.Y[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        return sb.ToString();
    }

    /// <summary>Reads a file written by <see cref="Write"/> back into a result (series in order of first appearance).</summary>
    /// <exception cref="ProfileValidationException">The file cannot be read, a row is malformed, or the benchmark line is missing.</exception>
    public static BenchmarkResult Read(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ProfileValidationException([new ValidationError(path, "$", "cannot be read: " + e.Message)]);
        }
        string? bench = null, host = null, skip = null;
        var notes = ImmutableArray.CreateBuilder<string>();
        var points = new Dictionary<string, (string XUnit, string YUnit, List<double> X, List<double> Y)>();
        var order = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("# benchmark=", StringComparison.Ordinal))
            {
                foreach (var kv in line[2..].Split(' '))
                {
                    var p = kv.Split('=', 2);
                    if (p.Length == 2 && p[0] == "benchmark") bench = p[1];
                    if (p.Length == 2 && p[0] == "host") host = p[1];
                }
                continue;
            }
            if (line.StartsWith("# skipped: ", StringComparison.Ordinal)) { skip = line["# skipped: ".Length..]; continue; }
            if (line.StartsWith("# note: ", StringComparison.Ordinal)) { notes.Add(line["# note: ".Length..]); continue; }
            if (line.Length == 0 || line == Header || line.StartsWith('#')) continue;
            var c = line.Split(',');
            if (c.Length != 7 || !double.TryParse(c[5], NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                || !double.TryParse(c[6], NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
                throw new ProfileValidationException([new ValidationError(path, $"line {i + 1}", $"expected 7 fields '{Header}' with numeric x and y")]);
            if (!points.TryGetValue(c[2], out var s))
            {
                points[c[2]] = s = (c[3], c[4], [], []);
                order.Add(c[2]);
            }
            s.X.Add(x);
            s.Y.Add(y);
        }
        if (bench is null || host is null)
            throw new ProfileValidationException([new ValidationError(path, "line 1", "missing the '# benchmark=NAME host=HOST' line")]);
        var series = order.Select(n => new Series(n, points[n].XUnit, points[n].YUnit, [.. points[n].X], [.. points[n].Y])).ToImmutableArray();
        return new BenchmarkResult(bench, host, series, notes.ToImmutable(), skip);
    }

    private static string OneLine(string s) => s.Replace('\n', ' ').Replace('\r', ' ');
}
