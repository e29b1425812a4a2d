namespace PerfModel.Calibration.Published;

/// <summary>
/// A published-data file (a table of third-party measurements) that breaks one of its reader's rules: the file, the line
/// (1-based, null for a rule about the whole file), the field (a column name, or <c>$</c> for the file) and the rule.
/// Message: <c>{file}:{line}: {field}: {rule}</c>, without <c>:{line}</c> when the line is null.
/// </summary>
public sealed class PublishedDataException : Exception
{
    /// <summary>The error of <paramref name="file"/> at <paramref name="line"/> in <paramref name="field"/>.</summary>
    /// <param name="file">The file as it was given to the reader.</param>
    /// <param name="line">1-based line, or null for the file as a whole.</param>
    /// <param name="field">Column name, or <c>$</c> for the file.</param>
    /// <param name="rule">What is wrong.</param>
    public PublishedDataException(string file, int? line, string field, string rule)
        : base(line is { } l ? $"{file}:{l}: {field}: {rule}" : $"{file}: {field}: {rule}")
    {
        File = file;
        Line = line;
        Field = field;
        Rule = rule;
    }

    /// <summary>The file as it was given to the reader.</summary>
    public string File { get; }

    /// <summary>1-based line of the error, or null for the file as a whole.</summary>
    public int? Line { get; }

    /// <summary>The column name, or <c>$</c> for the file.</summary>
    public string Field { get; }

    /// <summary>The rule the file breaks.</summary>
    public string Rule { get; }
}
