using System.Collections.Immutable;
using System.Globalization;
using PerfModel.Descriptions;

namespace PerfModel.Calibration.Noise;

/// <summary>
/// Reads one FWQ trace file for <see cref="FwqTrace.Load"/> (formats and error locations are documented there). Structural
/// problems (missing file, empty file, bad header) stop at once; row problems are collected, at most
/// <see cref="TraceErrors.MaxErrors"/>, and thrown together after the last row.
/// </summary>
internal sealed class FwqTraceReader
{
    private static readonly ImmutableArray<string> LongHeader = ["core", "kind", "index", "value_ns"];

    private readonly string file;
    private readonly TraceErrors errors;

    private FwqTraceReader(string file)
    {
        this.file = file;
        errors = new TraceErrors(file);
    }

    internal static FwqTraceData Read(string path) => new FwqTraceReader(path).ReadFile();

    private FwqTraceData ReadFile()
    {
        using var reader = Open();
        var parameters = new Dictionary<string, (string Value, int Line)>(StringComparer.Ordinal);
        var lineNo = 0;
        var sawContent = false;
        string? line;
        while ((line = ReadLine(reader)) is not null)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            sawContent = true;
            var trimmed = line.Trim();
            if (trimmed.StartsWith('#'))
            {
                ReadParameters(trimmed, lineNo, parameters);
                continue;
            }
            var header = Split(line);
            var threshold = Threshold(parameters);
            var isLong = header.Length >= 2 && Is(header[0], "core") && Is(header[1], "kind");
            return isLong
                ? ReadLong(reader, lineNo, header, line, parameters, threshold)
                : ReadWide(reader, lineNo, header, threshold);
        }
        throw errors.Fail("$", sawContent ? "has no header line, only comments" : "the file is empty");
    }

    /// <summary>core,kind,index,value_ns rows: per-core statistics and one row per detour.</summary>
    private FwqTraceData ReadLong(StreamReader reader, int headerLine, string[] header, string rawHeader,
        Dictionary<string, (string Value, int Line)> parameters, double threshold)
    {
        if (header.Length != LongHeader.Length || !header.Zip(LongHeader).All(p => Is(p.First, p.Second)))
            throw errors.Fail($"line {headerLine}", $"bad header '{rawHeader.Trim()}': the long format's header is core,kind,index,value_ns");
        if (!parameters.TryGetValue("samples_per_core", out var spc))
            throw errors.Fail("$", "the '#' comment line must give samples_per_core=N (the long format has no other sample count)");
        if (!long.TryParse(spc.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var samples))
            throw errors.Fail($"line {spc.Line}", $"samples_per_core='{spc.Value}' is not a whole number");
        if (samples < 1) throw errors.Fail($"line {spc.Line}", "samples_per_core=0: there are no samples");

        var cores = new List<LongCore>();
        var byName = new Dictionary<string, LongCore>(StringComparer.Ordinal);
        var lineNo = headerLine;
        var rows = 0;
        string? line;
        while ((line = ReadLine(reader)) is not null)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#')) continue;
            rows++;
            var cells = Split(line);
            if (cells.Length != LongHeader.Length)
            {
                errors.Add($"line {lineNo}", $"has {cells.Length} cells; the long format has 4 (core,kind,index,value_ns)");
                continue;
            }
            var (coreName, kind) = (cells[0], cells[1]);
            var ok = true;
            if (coreName.Length == 0) ok = errors.Add(TraceErrors.At(lineNo, "core"), "the core is empty");
            var isStat = kind is "min" or "mean" or "max" || IsPercentile(kind);
            if (!isStat && kind != "detour") ok = errors.Add(TraceErrors.At(lineNo, "kind"), $"'{kind}' is not a kind (min, mean, max, pNN or detour)");
            if (!long.TryParse(cells[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
                ok = errors.Add(TraceErrors.At(lineNo, "index"), $"'{cells[2]}' is not a whole number");
            if (!TryNumber(cells[3], out var value)) ok = errors.Add(TraceErrors.At(lineNo, "value_ns"), $"'{cells[3]}' is not a number");
            if (!ok) continue;

            if (!byName.TryGetValue(coreName, out var core))
            {
                core = new LongCore(coreName);
                byName.Add(coreName, core);
                cores.Add(core);
            }
            if (isStat)
            {
                if (index != -1) errors.Add(TraceErrors.At(lineNo, "index"), $"a '{kind}' row has index -1, not {index}");
                else if (!(value > 0)) errors.Add(TraceErrors.At(lineNo, "value_ns"), $"the '{kind}' sample duration {Fmt(value)} ns must be > 0");
                else if (kind == "min") core.Min = SetOnce(core.Min, value, lineNo, kind, coreName);
                else if (kind == "mean") core.Mean = SetOnce(core.Mean, value, lineNo, kind, coreName);
                continue;
            }
            if (index < 0 || index >= samples)
                errors.Add(TraceErrors.At(lineNo, "index"), $"sample index {index} is outside 0..{samples - 1} (samples_per_core={samples})");
            else if (!(value > threshold))
                errors.Add(TraceErrors.At(lineNo, "value_ns"), $"a detour's excess {Fmt(value)} ns must exceed detour_threshold_ns={Fmt(threshold)}");
            else if (core.DetourLines.TryGetValue(index, out var first))
                errors.Add(TraceErrors.At(lineNo, "index"), $"sample {index} of core {coreName} is already a detour on line {first}");
            else
            {
                core.DetourLines.Add(index, lineNo);
                core.Detours.Add(value);
            }
        }
        if (rows == 0) throw errors.Fail($"line {headerLine}", "no rows after the header: there are no samples");
        foreach (var c in cores)
        {
            if (c.Min is null) errors.Add($"core {c.Name}", "has no 'min' row");
            if (c.Mean is null) errors.Add($"core {c.Name}", "has no 'mean' row");
            if (c.Min is { } min && c.Mean is { } mean && mean.Value < min.Value)
                errors.Add(TraceErrors.At(mean.Line, "value_ns"), $"the mean {Fmt(mean.Value)} ns of core {c.Name} is below its min {Fmt(min.Value)} ns");
        }
        errors.ThrowIfAny();
        var traces = cores.Select(c => new FwqCoreTrace(c.Name, samples, c.Min!.Value.Value, c.Mean!.Value.Value, [.. c.Detours]));
        return new FwqTraceData(file, threshold, [.. traces]);
    }

    /// <summary>One column per core, one row per sample (durations in ns).</summary>
    private FwqTraceData ReadWide(StreamReader reader, int headerLine, string[] header, double threshold)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            var where = $"line {headerLine}, column {i + 1}";
            if (header[i].Length == 0) errors.Add(where, "the column name is empty (the header names one column per core)");
            else if (TryNumber(header[i], out _))
                errors.Add(where, $"bad header: '{header[i]}' is a number; the first line after the comments must name the cores (e.g. core0,core1)");
            else if (!seen.TryAdd(header[i], i + 1)) errors.Add(where, $"column name '{header[i]}' repeats column {seen[header[i]]}");
        }
        errors.ThrowIfAny();

        var columns = header.Select(_ => new List<double>()).ToArray();
        var row = new double[header.Length];
        var lineNo = headerLine;
        string? line;
        while ((line = ReadLine(reader)) is not null)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#')) continue;
            var cells = Split(line);
            if (cells.Length != header.Length)
            {
                errors.Add($"line {lineNo}", $"has {cells.Length} cells; the header names {header.Length} columns");
                continue;
            }
            var ok = true;
            for (var i = 0; i < cells.Length; i++)
            {
                if (cells[i].Length == 0) ok = errors.Add(TraceErrors.At(lineNo, header[i]), "the cell is empty");
                else if (!TryNumber(cells[i], out row[i])) ok = errors.Add(TraceErrors.At(lineNo, header[i]), $"'{cells[i]}' is not a number");
                else if (!(row[i] > 0)) ok = errors.Add(TraceErrors.At(lineNo, header[i]), $"the sample duration {Fmt(row[i])} ns must be > 0");
            }
            if (!ok) continue;
            for (var i = 0; i < row.Length; i++) columns[i].Add(row[i]);
        }
        errors.ThrowIfAny();
        if (columns[0].Count == 0) throw errors.Fail($"line {headerLine}", "no rows after the header: there are no samples");
        var traces = header.Select((name, i) =>
        {
            var samples = columns[i];
            var min = samples.Min();
            var mean = samples.Sum() / samples.Count;
            var detours = samples.Select(v => v - min).Where(excess => excess > threshold).ToImmutableArray();
            return new FwqCoreTrace(name, samples.Count, min, mean, detours);
        });
        return new FwqTraceData(file, threshold, [.. traces]);
    }

    private double Threshold(Dictionary<string, (string Value, int Line)> parameters)
    {
        if (!parameters.TryGetValue("detour_threshold_ns", out var t)) return FwqTrace.DefaultDetourThresholdNs;
        if (!TryNumber(t.Value, out var v) || v < 0)
            throw errors.Fail($"line {t.Line}", $"detour_threshold_ns='{t.Value}' must be a number >= 0");
        return v;
    }

    /// <summary>Collects the <c>key=value</c> words of a comment line; the first occurrence of a key wins.</summary>
    private static void ReadParameters(string comment, int lineNo, Dictionary<string, (string Value, int Line)> parameters)
    {
        foreach (var word in comment.TrimStart('#').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0) parameters.TryAdd(word[..eq], (word[(eq + 1)..], lineNo));
        }
    }

    private (double Value, int Line)? SetOnce((double Value, int Line)? current, double value, int lineNo, string kind, string core)
    {
        if (current is { } c)
        {
            errors.Add(TraceErrors.At(lineNo, "kind"), $"a second '{kind}' row for core {core} (the first is on line {c.Line})");
            return current;
        }
        return (value, lineNo);
    }

    private StreamReader Open() => TraceText.Open(file);

    private int linesRead;

    private string? ReadLine(StreamReader reader) => TraceText.ReadLine(file, reader, ++linesRead);

    private static string[] Split(string line) => line.Split(',').Select(c => c.Trim()).ToArray();

    private static bool Is(string cell, string name) => string.Equals(cell, name, StringComparison.OrdinalIgnoreCase);

    private static bool IsPercentile(string kind) =>
        kind.Length > 1 && kind[0] == 'p' && double.TryParse(kind.AsSpan(1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);

    private static bool TryNumber(string cell, out double value) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static string Fmt(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>What the long format says about one core while it is being read.</summary>
    private sealed class LongCore(string name)
    {
        public string Name { get; } = name;
        public (double Value, int Line)? Min { get; set; }
        public (double Value, int Line)? Mean { get; set; }
        public List<double> Detours { get; } = [];
        public Dictionary<long, int> DetourLines { get; } = [];
    }
}
