using System.Collections.Immutable;
using System.Globalization;
using PerfModel.Descriptions;
using PerfModel.Profiles.Files;

namespace PerfModel.Calibration.Published;

/// <summary>
/// The comma-separated tables of published noise figures (<see cref="PercentileTable"/>, <see cref="FwqSummary"/>): blank
/// lines and lines starting with <c>#</c> are skipped; the first other line is the header, naming each column once; every
/// further line is a row with one cell per column (cells trimmed, no quoting). The header must hold exactly the reader's
/// columns, in any order. Every problem is a <see cref="PublishedDataException"/> naming the file, the 1-based line and
/// the column.
/// </summary>
internal sealed class PublishedNoiseCsv
{
    /// <summary>Largest table read: 1 MiB (the tables in data/measured are a few kB).</summary>
    public const long MaxBytes = 1L << 20;

    private readonly Dictionary<string, int> columns;

    private PublishedNoiseCsv(string file, Dictionary<string, int> columns, ImmutableArray<NoiseCsvRow> rows)
    {
        File = file;
        this.columns = columns;
        Rows = rows;
    }

    /// <summary>The file as given.</summary>
    public string File { get; }

    /// <summary>The data rows, in file order.</summary>
    public ImmutableArray<NoiseCsvRow> Rows { get; }

    /// <summary>The text of <paramref name="path"/>: a regular file of at most <see cref="MaxBytes"/>, strict UTF-8
    /// (<see cref="InputFile.ReadText"/>); its failures become <see cref="PublishedDataException"/>s.</summary>
    public static string ReadText(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return InputFile.ReadText(path, MaxBytes, "a published-data table");
        }
        catch (ProfileValidationException e)
        {
            var error = e.Errors.Count > 0 ? e.Errors[0] : new ValidationError(path, "$", e.Message);
            int? line = error.JsonPath.StartsWith("line ", StringComparison.Ordinal)
                && int.TryParse(error.JsonPath.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : null;
            throw new PublishedDataException(path, line, "$", error.Rule);
        }
    }

    /// <summary>Splits <paramref name="text"/> into header and rows and checks the header against <paramref name="expected"/>.</summary>
    public static PublishedNoiseCsv Parse(string text, string file, IReadOnlyList<string> expected)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        var lines = text.Split('\n');
        int? headerLine = null;
        Dictionary<string, int>? columns = null;
        var rows = ImmutableArray.CreateBuilder<NoiseCsvRow>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#')) continue;
            var cells = line.Split(',').Select(c => c.Trim()).ToImmutableArray();
            if (columns is null)
            {
                headerLine = i + 1;
                columns = Header(file, i + 1, cells, expected);
                continue;
            }
            if (cells.Length != columns.Count)
                throw new PublishedDataException(file, i + 1, "$", string.Create(CultureInfo.InvariantCulture,
                    $"has {cells.Length} cells; the header names {columns.Count} columns ({string.Join(",", expected)})"));
            rows.Add(new NoiseCsvRow(i + 1, cells));
        }
        if (columns is null)
            throw new PublishedDataException(file, null, "$", $"has no header line (only blank and '#' lines): the header names the columns {string.Join(",", expected)}");
        if (rows.Count == 0)
            throw new PublishedDataException(file, headerLine, "$", "no rows after the header: the table is empty");
        return new PublishedNoiseCsv(file, columns, rows.ToImmutable());
    }

    private static Dictionary<string, int> Header(string file, int line, ImmutableArray<string> cells, IReadOnlyList<string> expected)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < cells.Length; c++)
        {
            if (!expected.Contains(cells[c]))
                throw new PublishedDataException(file, line, cells[c].Length == 0 ? "$" : cells[c],
                    $"'{cells[c]}' is not a column of this table; the columns are {string.Join(",", expected)}");
            if (!columns.TryAdd(cells[c], c))
                throw new PublishedDataException(file, line, cells[c], "the column is named twice in the header");
        }
        foreach (var name in expected)
            if (!columns.ContainsKey(name))
                throw new PublishedDataException(file, line, name, $"the header has no column '{name}'; the columns are {string.Join(",", expected)}");
        return columns;
    }

    /// <summary>The trimmed cell of <paramref name="column"/>.</summary>
    public string Cell(NoiseCsvRow row, string column) => row.Cells[columns[column]];

    /// <summary>A non-empty text cell.</summary>
    public string Text(NoiseCsvRow row, string column)
    {
        var cell = Cell(row, column);
        return cell.Length > 0 ? cell : throw Error(row, column, "the cell is empty");
    }

    /// <summary>A finite number (invariant culture, e.g. <c>1.5e-6</c>).</summary>
    public double Number(NoiseCsvRow row, string column)
    {
        var cell = Cell(row, column);
        if (cell.Length == 0) throw Error(row, column, "the cell is empty; a number is needed");
        if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            throw Error(row, column, $"'{cell}' is not a number");
        return double.IsFinite(v) ? v : throw Error(row, column, $"'{cell}' is not a finite number");
    }

    /// <summary>A finite number ≥ 0.</summary>
    public double NonNegative(NoiseCsvRow row, string column)
    {
        var v = Number(row, column);
        return v >= 0 ? v : throw Error(row, column, $"{Fmt(v)} is negative; it must be >= 0");
    }

    /// <summary>A whole number 0 … <see cref="int.MaxValue"/> written with digits only.</summary>
    public int Whole(NoiseCsvRow row, string column)
    {
        var cell = Cell(row, column);
        if (cell.Length == 0) throw Error(row, column, "the cell is empty; a whole number is needed");
        if (cell.StartsWith('-') && cell.Length > 1 && cell[1..].All(char.IsAsciiDigit))
            throw Error(row, column, $"{cell} is negative; it must be a whole number >= 0");
        if (!cell.All(char.IsAsciiDigit)) throw Error(row, column, $"'{cell}' is not a whole number (digits only)");
        return int.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v : throw Error(row, column, $"{cell} is larger than {int.MaxValue.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>The error of one cell.</summary>
    public PublishedDataException Error(NoiseCsvRow row, string column, string rule) => new(File, row.Line, column, rule);

    /// <summary>Invariant shortest round-trip form of a number, for messages.</summary>
    public static string Fmt(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
