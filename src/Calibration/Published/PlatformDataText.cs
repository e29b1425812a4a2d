using System.Globalization;
using PerfModel.Descriptions;
using PerfModel.Profiles.Files;

namespace PerfModel.Calibration.Published;

/// <summary>Reading shared by the platform-side importers of published measurements (STREAM tables, CPUID leaf 2,
/// OSU data frames) and by the CCS-QCD job-output importer: the file passes <see cref="InputFile"/>'s checks (a regular file of at most
/// <see cref="MaxBytes"/>, strict UTF-8), and every failure becomes a <see cref="PublishedDataException"/>.</summary>
internal static class PlatformDataText
{
    /// <summary>Largest file read: 16 MiB (the largest published file used, an OSU data frame, is below 1 MB).</summary>
    public const long MaxBytes = 16L << 20;

    /// <summary>Field name used for problems of the file as a whole (missing, unreadable, not UTF-8, empty).</summary>
    public const string FileField = "file";

    /// <summary>The lines of <paramref name="path"/> without their terminators (CRLF or LF); line n is element n − 1.</summary>
    /// <exception cref="PublishedDataException">The file is missing, not a regular file, too large, unreadable or not UTF-8.</exception>
    public static string[] Lines(string path, string what)
    {
        string text;
        try
        {
            text = InputFile.ReadText(path, MaxBytes, what);
        }
        catch (ProfileValidationException e)
        {
            var error = e.Errors.Count > 0 ? e.Errors[0] : new ValidationError(path, "$", e.Message);
            throw new PublishedDataException(path, LineOf(error.JsonPath), FileField, error.Rule);
        }
        return SplitLines(text);
    }

    /// <summary>The lines of <paramref name="text"/> without their terminators (CRLF or LF); line n is element n − 1.</summary>
    public static string[] SplitLines(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
            if (lines[i].EndsWith('\r')) lines[i] = lines[i][..^1];
        return lines;
    }

    /// <summary>True for a blank line or a <c>#</c> comment.</summary>
    public static bool IsCommentOrBlank(string line)
    {
        var t = line.AsSpan().Trim();
        return t.IsEmpty || t[0] == '#';
    }

    /// <summary>A finite number in invariant culture (sign, decimal point, exponent; no thousands separator).</summary>
    public static bool TryNumber(string cell, out double value) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>A whole number written as digits with an optional sign (no fraction, no exponent), within int.</summary>
    public static bool TryInteger(string cell, out int value) =>
        int.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>A value as shown in messages: at most 40 characters, quoted.</summary>
    public static string Show(string cell) => cell.Length <= 40 ? $"'{cell}'" : $"'{cell[..37]}...'";

    /// <summary>Invariant G6 formatting for messages.</summary>
    public static string Fmt(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    private static int? LineOf(string where) =>
        where.StartsWith("line ", StringComparison.Ordinal) && int.TryParse(where.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
