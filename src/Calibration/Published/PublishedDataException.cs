namespace PerfModel.Calibration.Published;

/// <summary>
/// A file of published (third-party) measurements could not be imported: it is missing or unreadable, or a value breaks a
/// rule of its format. The message is one line, <c>{file}:{line}: {field}: {rule}</c> (<c>{file}: {field}: {rule}</c>
/// when no line applies), e.g. <c>data/measured/x.csv:12: threads: 16 appears twice; thread counts must be unique</c>.
/// </summary>
public sealed class PublishedDataException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="file">The file, as the caller named it.</param>
    /// <param name="line">The 1-based line of the problem, or null when it concerns the whole file.</param>
    /// <param name="field">The column, register or part of the file concerned (e.g. <c>threads</c>, <c>eax</c>, <c>header</c>).</param>
    /// <param name="rule">The rule broken, with the offending value.</param>
    public PublishedDataException(string file, int? line, string field, string rule)
        : base(Format(file, line, field, rule))
    {
        File = file;
        Line = line;
        Field = field;
        Rule = rule;
    }

    /// <summary>The file, as the caller named it.</summary>
    public string File { get; }

    /// <summary>The 1-based line of the problem, or null when it concerns the whole file.</summary>
    public int? Line { get; }

    /// <summary>The column, register or part of the file concerned.</summary>
    public string Field { get; }

    /// <summary>The rule broken, with the offending value.</summary>
    public string Rule { get; }

    /// <summary><c>{file}:{line}: {field}: {rule}</c>, line breaks inside the parts replaced by spaces so that the message
    /// stays one line.</summary>
    private static string Format(string file, int? line, string field, string rule)
    {
        var where = line is { } l ? $"{file}:{l.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : file;
        return OneLine($"{where}: {field}: {rule}");
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
