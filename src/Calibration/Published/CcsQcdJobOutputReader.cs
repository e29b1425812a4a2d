using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PerfModel.Calibration.Published;

/// <summary>Reads a <see cref="CcsQcdJobOutput"/> (format and rules in its remarks); the first error stops reading.</summary>
internal static partial class CcsQcdJobOutputReader
{
    /// <summary>What the file is, for the input-file checks' messages.</summary>
    public const string What = "a CCS-QCD job output";

    private const string HeaderField = "header";
    private const string Clover = "Clover";
    private const string BiCGStab = "BiCGStab";
    private const string Total = "BiCGStab Total";
    private const string CloverTitle = "Clover + Clover_inv Performance.";
    private const string Flop = "Flop [MFlop/node]";
    private const string Elapsed = "Elapsed Time [sec]";
    private const string Rate = "Performance [MFlop/sec/node]";
    private const string FullCopy = "Full Copy_y Time [sec]";
    private const string SummaryClover = "Clover + Clover_inv";
    private const int MinRuleLength = 10;

    private static readonly ImmutableArray<string> HeaderLabels = ["Lattice Size", "Node Array Size", "PU Lattice Size", "Loop", "Kappa", "CSW", "Tol"];
    private static readonly ImmutableArray<char> Axes = ['X', 'Y', 'Z'];

    [GeneratedRegex("^qcd-class([0-9]{1,9})-", RegexOptions.CultureInvariant)]
    private static partial Regex ClassInName();

    [GeneratedRegex(@"^\s*(Iter|Res)\s*=(.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex SolveLine();

    [GeneratedRegex(@"^\s*Lattice Size\s*:", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderStart();

    [GeneratedRegex(@"^MPI Commun\.\s*(Size|Time|Band)([XYZ])\s*\[([^\]]*)\]$", RegexOptions.CultureInvariant)]
    private static partial Regex MpiLabel();

    [GeneratedRegex(@"^(Clover \+ Clover_inv|BiCGStab Total) (Time|FLOPS|Throughput|Effective Throughput):\s*(\S+)(?:\s+\(([^)]*)\))?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex SummaryLine();

    /// <summary>Reads the lines of one output; <paramref name="file"/> names it in errors and gives the class.</summary>
    public static CcsQcdJobOutput Parse(string[] lines, string file)
    {
        var end = Array.FindLastIndex(lines, l => l.Trim().Length > 0) + 1; // the last line with text, 1-based
        if (end == 0) throw new PublishedDataException(file, null, PlatformDataText.FileField, "is empty; expected a CCS-QCD job output");
        var rules = new List<int>();
        for (var i = 0; i < lines.Length; i++)
            if (IsRule(lines[i], '=')) rules.Add(i);

        if (rules.Count < 2)
            throw Truncated(file, end, HeaderField, rules.Count == 0 ? "no '=' rule line opens a header: not a CCS-QCD job output, or truncated before it" : "the header is not closed by a '=' rule line");
        var header = ReadHeader(file, lines, rules[0], rules[1]);
        if (rules.Count < 3) throw Truncated(file, end, "Iter", "the solve block (Iter, Res) is not closed by a '=' rule line");
        var (iterations, residual) = ReadSolve(file, lines, rules[1], rules[2]);
        if (rules.Count < 4) throw Truncated(file, end, "performance", "the performance sections are not closed by a '=' rule line");
        var performance = ReadPerformance(file, lines, rules[2], rules[3], header.NodeArray);
        if (rules[3] + 1 >= end) throw Truncated(file, end, "profiler summary", "the profiler summary (Time and FLOPS per section) is missing");
        var summaryEnd = rules.Count > 4 ? rules[4] : lines.Length;
        var (cloverSummary, totalSummary) = ReadSummary(file, lines, rules[3], summaryEnd);
        for (var i = summaryEnd + 1; i < lines.Length; i++)
            if (HeaderStart().IsMatch(lines[i]))
                throw new PublishedDataException(file, i + 1, HeaderField, "a second run's header follows the first run; one output holds one run");

        return new CcsQcdJobOutput(file, ClassOf(file), header.Lattice, header.NodeArray, header.PuLattice, header.Loop,
            header.Kappa, header.Csw, header.Tolerance, iterations, residual, performance.Clover, performance.BiCGStab,
            performance.FullCopyYSeconds, performance.Exchanges, performance.TotalSeconds, cloverSummary, totalSummary);
    }

    private static int? ClassOf(string file) =>
        ClassInName().Match(Path.GetFileName(file)) is { Success: true } m && int.TryParse(m.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : null;

    private static bool IsRule(string line, char c)
    {
        var t = line.AsSpan().Trim();
        return t.Length >= MinRuleLength && !t.ContainsAnyExcept(c);
    }

    private static PublishedDataException Truncated(string file, int end, string field, string rule) =>
        new(file, end, field, $"the file ends here: {rule} (truncated?)");

    private static string Lines(int ruleBefore, int ruleAfter) => $"lines {ruleBefore + 1}-{ruleAfter + 1}";

    // ---------------------------------------------------------------- header

    private sealed record Header(CcsQcdLattice Lattice, CcsQcdNodeArray NodeArray, CcsQcdLattice PuLattice, int? Loop, double Kappa, double Csw, double Tolerance);

    private static Header ReadHeader(string file, string[] lines, int open, int close)
    {
        var fields = new Labelled(file, "");
        for (var i = open + 1; i < close; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon < 0) continue;
            var label = lines[i][..colon].Trim();
            if (HeaderLabels.Contains(label)) fields.Add(i + 1, label, lines[i][(colon + 1)..]);
        }
        (int Line, string Value) Need(string label) =>
            fields.Required(label, open + 1, $"the header ({Lines(open, close)}) has no '{label} :' line");

        var (latticeLine, latticeText) = Need("Lattice Size");
        var l = Extents(file, latticeLine, "Lattice Size", latticeText, 4, halvedT: false);
        var lattice = new CcsQcdLattice(l[0], l[1], l[2], l[3]);
        var (nodesLine, nodesText) = Need("Node Array Size");
        var n = Extents(file, nodesLine, "Node Array Size", nodesText, 3, halvedT: false);
        var nodeArray = new CcsQcdNodeArray(n[0], n[1], n[2]);
        if (nodeArray.Nodes > CcsQcdJobOutput.MaxNodes)
            throw new PublishedDataException(file, nodesLine, "Node Array Size", $"{n[0]} x {n[1]} x {n[2]} = {nodeArray.Nodes} processes is more than {CcsQcdJobOutput.MaxNodes}");
        var (puLine, puText) = Need("PU Lattice Size");
        var p = Extents(file, puLine, "PU Lattice Size", puText, 4, halvedT: true);
        var pu = new CcsQcdLattice(p[0], p[1], p[2], p[3]);
        for (var k = 0; k < 3; k++)
            if ((long)p[k] * n[k] != l[k])
                throw new PublishedDataException(file, puLine, "PU Lattice Size", $"{p[k]} sites per process x {n[k]} processes along {Axes[k]} make {(long)p[k] * n[k]}, but the lattice has {l[k]}");
        if (p[3] != l[3])
            throw new PublishedDataException(file, puLine, "PU Lattice Size", $"t is not decomposed, but a process has {p[3]} sites along t and the lattice {l[3]}");

        int? loop = null;
        if (fields.Optional("Loop") is { } loopAt)
        {
            var (loopLine, loopText) = loopAt;
            if (!PlatformDataText.TryInteger(loopText.Trim(), out var count))
                throw new PublishedDataException(file, loopLine, "Loop", $"{PlatformDataText.Show(loopText.Trim())} is not a whole number");
            if (count < 1) throw new PublishedDataException(file, loopLine, "Loop", $"{count} must be >= 1");
            loop = count;
        }
        var kappa = Real(file, Need("Kappa"), "Kappa", _ => true, "");
        var csw = Real(file, Need("CSW"), "CSW", _ => true, "");
        var tol = Real(file, Need("Tol"), "Tol", v => v > 0, "must be > 0");
        return new Header(lattice, nodeArray, pu, loop, kappa, csw, tol);
    }

    /// <summary>Whole numbers as the program writes them (<c>3I3[,I4]</c>, so adjacent fields may touch), or separated by
    /// white space; with <paramref name="halvedT"/>, the last one followed by <c>*2</c> and doubled.</summary>
    private static int[] Extents(string file, int line, string field, string value, int count, bool halvedT)
    {
        var text = value.TrimEnd();
        if (halvedT)
        {
            if (!text.EndsWith("*2", StringComparison.Ordinal))
                throw new PublishedDataException(file, line, field, $"{PlatformDataText.Show(value.Trim())} must end in '*2' (the program prints the t extent halved)");
            text = text[..^2];
        }
        var numbers = new int[count];
        var tokens = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var read = tokens.Length == count;
        for (var k = 0; read && k < count; k++) read = PlatformDataText.TryInteger(tokens[k], out numbers[k]);
        var width = 3 * 3 + (count == 4 ? 4 : 0);
        if (!read && text.Length == width)
        {
            read = true;
            for (var k = 0; read && k < count; k++)
            {
                var column = text.Substring(3 * k, k == 3 ? 4 : 3).Trim();
                read = PlatformDataText.TryInteger(column, out numbers[k]);
            }
        }
        if (!read)
            throw new PublishedDataException(file, line, field, $"{PlatformDataText.Show(value.Trim())} is not {count} whole numbers (Fortran {(count == 4 ? "3I3,I4" : "3I3")})");
        var max = halvedT ? CcsQcdJobOutput.MaxExtent / 2 : CcsQcdJobOutput.MaxExtent;
        for (var k = 0; k < count; k++)
            if (numbers[k] < 1 || numbers[k] > max)
                throw new PublishedDataException(file, line, field, $"{numbers[k]} is outside 1 to {max}");
        if (halvedT) numbers[3] *= 2;
        return numbers;
    }

    private static double Real(string file, (int Line, string Value) at, string field, Func<double, bool> valid, string rule)
    {
        var text = at.Value.Trim();
        if (!PlatformDataText.TryNumber(text, out var v))
            throw new PublishedDataException(file, at.Line, field, $"{PlatformDataText.Show(text)} is not a finite number");
        if (!valid(v)) throw new PublishedDataException(file, at.Line, field, $"{PlatformDataText.Show(text)} {rule}");
        return v;
    }

    // ---------------------------------------------------------------- solve

    private static (int Iterations, double Residual) ReadSolve(string file, string[] lines, int open, int close)
    {
        var fields = new Labelled(file, "");
        for (var i = open + 1; i < close; i++)
            if (SolveLine().Match(lines[i]) is { Success: true } m) fields.Add(i + 1, m.Groups[1].Value, m.Groups[2].Value);
        var (iterLine, iterText) = fields.Required("Iter", open + 1, $"the solve block ({Lines(open, close)}) has no 'Iter =' line");
        var text = iterText.Trim();
        if (!PlatformDataText.TryInteger(text, out var iterations))
            throw new PublishedDataException(file, iterLine, "Iter", $"{PlatformDataText.Show(text)} is not a whole number of iterations");
        if (iterations <= 0) throw new PublishedDataException(file, iterLine, "Iter", $"{iterations} iterations: must be >= 1");
        var residual = Real(file, fields.Required("Res", open + 1, $"the solve block ({Lines(open, close)}) has no 'Res =' line"), "Res", v => v >= 0, "must be >= 0");
        return (iterations, residual);
    }

    // ---------------------------------------------------------------- performance sections

    private sealed record PerformanceBlock(CcsQcdKernelPerformance Clover, CcsQcdKernelPerformance BiCGStab, double FullCopyYSeconds, ImmutableArray<CcsQcdMpiExchange> Exchanges, double TotalSeconds);

    private sealed record Section(string Name, int TitleLine, Labelled Fields);

    private static PerformanceBlock ReadPerformance(string file, string[] lines, int open, int close, CcsQcdNodeArray nodeArray)
    {
        var sections = new Dictionary<string, Section>();
        var start = open + 1;
        for (var i = open + 1; i <= close; i++)
        {
            if (i < close && !IsRule(lines[i], '-')) continue;
            var section = ReadSection(file, lines, start, i);
            if (sections.TryGetValue(section.Name, out var earlier))
                throw new PublishedDataException(file, section.TitleLine, section.Name, $"the section appears again (first on line {earlier.TitleLine})");
            sections[section.Name] = section;
            start = i + 1;
        }
        Section Need(string name, string title) => sections.TryGetValue(name, out var s) ? s
            : throw new PublishedDataException(file, open + 1, name, $"the performance block ({Lines(open, close)}) has no '{title}' section");

        var clover = Kernel(file, Need(Clover, CloverTitle));
        var bicg = Need(BiCGStab, "BiCGStab(...) Performance.");
        var solver = Kernel(file, bicg);
        var copy = Quantity(file, bicg, FullCopy, 1m);
        var exchanges = ImmutableArray.CreateBuilder<CcsQcdMpiExchange>();
        foreach (var axis in Axes)
        {
            var size = bicg.Fields.Optional($"MPI Commun. Size{axis}");
            var time = bicg.Fields.Optional($"MPI Commun. Time{axis}");
            var band = bicg.Fields.Optional($"MPI Commun. Band{axis}");
            var present = new[] { size, time, band }.Where(f => f is not null).Select(f => f!.Value.Line).ToArray();
            var along = nodeArray.Along(axis);
            if (present.Length == 0)
            {
                if (along > 1)
                    throw new PublishedDataException(file, bicg.TitleLine, $"{BiCGStab} MPI Commun. Time{axis}", $"the section has no exchange along {axis}, but the node array has {along} processes along {axis}");
                continue;
            }
            if (along == 1)
                throw new PublishedDataException(file, present[0], $"{BiCGStab} MPI Commun. Size{axis}", $"an exchange along {axis}, but the node array has one process along {axis} (the program prints none then)");
            if (present.Length < 3)
            {
                var missing = size is null ? "Size" : time is null ? "Time" : "Band";
                throw new PublishedDataException(file, present[0], $"{BiCGStab} MPI Commun. {missing}{axis}", $"the exchange along {axis} has no '{missing}' line; Size, Time and Band come together");
            }
            exchanges.Add(new CcsQcdMpiExchange(axis,
                Quantity(file, bicg, $"MPI Commun. Size{axis}", 1_048_576m),
                Quantity(file, bicg, $"MPI Commun. Time{axis}", 1m),
                Quantity(file, bicg, $"MPI Commun. Band{axis}", 1_048_576m)));
        }
        var total = Quantity(file, Need(Total, Total), Elapsed, 1m);
        return new PerformanceBlock(clover, solver, copy, exchanges.ToImmutable(), total);
    }

    /// <summary>One section between rule lines: a title, then <c>label : value</c> lines, each known to the section.</summary>
    private static Section ReadSection(string file, string[] lines, int from, int to)
    {
        var title = from;
        while (title < to && lines[title].Trim().Length == 0) title++;
        if (title == to)
            throw new PublishedDataException(file, Math.Min(from + 1, lines.Length), "performance", $"an empty section ({Lines(from - 1, to)}); each section has a title and its lines");
        var heading = lines[title].Trim();
        var name = heading == CloverTitle ? Clover
            : heading == Total ? Total
            : heading.StartsWith("BiCGStab(", StringComparison.Ordinal) && heading.EndsWith(") Performance.", StringComparison.Ordinal) ? BiCGStab
            : throw new PublishedDataException(file, title + 1, "performance", $"{PlatformDataText.Show(heading)} is not a section title: '{CloverTitle}', 'BiCGStab(...) Performance.' or '{Total}'");
        var fields = new Labelled(file, name + " ");
        for (var i = title + 1; i < to; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
                throw new PublishedDataException(file, i + 1, name, $"{PlatformDataText.Show(lines[i].Trim())} is not a 'label : value' line");
            var label = lines[i][..colon].Trim();
            if (MpiLabel().Match(label) is { Success: true } m && name == BiCGStab)
            {
                var unit = m.Groups[1].Value switch { "Size" => "Mbyte", "Time" => "sec", _ => "MB/s" };
                if (m.Groups[3].Value != unit)
                    throw new PublishedDataException(file, i + 1, $"{name} {label}", $"the unit is '{m.Groups[3].Value}'; the {m.Groups[1].Value} is printed in {unit}");
                label = $"MPI Commun. {m.Groups[1].Value}{m.Groups[2].Value}";
            }
            else if (!(label is Elapsed || (name != Total && label is Flop or Rate) || (name == BiCGStab && label == FullCopy)))
            {
                throw new PublishedDataException(file, i + 1, name, $"{PlatformDataText.Show(label)} is not a line of the {name} section");
            }
            fields.Add(i + 1, label, lines[i][(colon + 1)..]);
        }
        return new Section(name, title + 1, fields);
    }

    private static CcsQcdKernelPerformance Kernel(string file, Section s) =>
        new(Quantity(file, s, Flop, 1_000_000m), Quantity(file, s, Elapsed, 1m), Quantity(file, s, Rate, 1_000_000m));

    private static double Quantity(string file, Section s, string label, decimal scale)
    {
        var (line, value) = s.Fields.Required(label, s.TitleLine, $"the section has no '{label} :' line");
        return Quantity(file, line, $"{s.Name} {label}", value, scale);
    }

    /// <summary>A count, time or rate as printed: finite, ≥ 0, at most <see cref="CcsQcdJobOutput.MaxPrintedValue"/>;
    /// returned times <paramref name="scale"/>, exactly rounded when the text has no exponent.</summary>
    private static double Quantity(string file, int line, string field, string value, decimal scale)
    {
        var text = value.Trim();
        if (text.Length > 0 && !text.AsSpan().ContainsAnyExcept('*'))
            throw new PublishedDataException(file, line, field, $"{PlatformDataText.Show(text)} is an overflowed Fortran field, not a number");
        if (!PlatformDataText.TryNumber(text, out var v))
            throw new PublishedDataException(file, line, field, $"{PlatformDataText.Show(text)} is not a finite number");
        if (v < 0)
            throw new PublishedDataException(file, line, field, $"{PlatformDataText.Show(text)} is negative; counts, times and rates are >= 0");
        if (v > CcsQcdJobOutput.MaxPrintedValue)
            throw new PublishedDataException(file, line, field, $"{PlatformDataText.Show(text)} is more than {PlatformDataText.Fmt(CcsQcdJobOutput.MaxPrintedValue)}");
        if (scale == 1m) return v;
        // Scaling in decimal keeps "2.990" GFLOPS at exactly 2,990,000,000 flop/s; the exact product, printed, is then
        // rounded once to the nearest double.
        if (text.IndexOfAny(['e', 'E']) < 0 && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d))
            return double.Parse((d * scale).ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
        return v * (double)scale;
    }

    // ---------------------------------------------------------------- profiler summary

    private static (CcsQcdProfilerSummary Clover, CcsQcdProfilerSummary Total) ReadSummary(string file, string[] lines, int open, int close)
    {
        var fields = new Labelled(file, "");
        for (var i = open + 1; i < close; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            if (SummaryLine().Match(lines[i].Trim()) is not { Success: true } m)
                throw new PublishedDataException(file, i + 1, "profiler summary", $"{PlatformDataText.Show(lines[i].Trim())} is not a '<section> Time|FLOPS|Throughput: <value> (<unit>)' line");
            var quantity = m.Groups[2].Value;
            if (quantity is not ("Time" or "FLOPS")) continue;
            var label = $"{m.Groups[1].Value} {quantity}";
            var unit = quantity == "Time" ? "S" : "GFLOPS";
            if (!m.Groups[4].Success || m.Groups[4].Value != unit)
                throw new PublishedDataException(file, i + 1, label, $"the value must be followed by '({unit})'");
            fields.Add(i + 1, label, m.Groups[3].Value);
        }
        CcsQcdProfilerSummary Of(string section)
        {
            double Get(string quantity, decimal scale)
            {
                var label = $"{section} {quantity}";
                var (line, value) = fields.Required(label, open + 1, $"the profiler summary ({Lines(open, close)}) has no '{label}:' line");
                return Quantity(file, line, label, value, scale);
            }
            return new CcsQcdProfilerSummary(Get("Time", 1m), Get("FLOPS", 1_000_000_000m));
        }
        return (Of(SummaryClover), Of(Total));
    }

    /// <summary>Labelled lines of one block or section, each label at most once.</summary>
    private sealed class Labelled(string file, string fieldPrefix)
    {
        private readonly Dictionary<string, (int Line, string Value)> byLabel = new(StringComparer.Ordinal);

        public void Add(int line, string label, string value)
        {
            if (byLabel.TryGetValue(label, out var first))
                throw new PublishedDataException(file, line, fieldPrefix + label, $"appears again (first on line {first.Line}); each label appears once");
            byLabel[label] = (line, value);
        }

        public (int Line, string Value)? Optional(string label) => byLabel.TryGetValue(label, out var v) ? v : null;

        public (int Line, string Value) Required(string label, int missingLine, string missingRule) =>
            byLabel.TryGetValue(label, out var v) ? v : throw new PublishedDataException(file, missingLine, fieldPrefix + label, missingRule);
    }
}
