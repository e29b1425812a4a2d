using PerfModel.Descriptions;

namespace PerfModel.Calibration.Noise;

/// <summary>Line reading shared by the noise-trace readers: a missing or unreadable file is a
/// <see cref="ProfileValidationException"/> at <c>$</c> ("file not found", "cannot be read: …"), and <c>#</c> comments
/// carry <c>key=value</c> words.</summary>
internal static class TraceText
{
    /// <summary>The lines of <paramref name="file"/>, read lazily.</summary>
    /// <exception cref="ProfileValidationException">The file is missing or cannot be read.</exception>
    public static IEnumerable<string> Lines(string file)
    {
        var reader = Open(file);
        return Read(file, reader);
    }

    /// <summary>The value of the first <c>key=value</c> word of the comment line <paramref name="comment"/> whose key is
    /// <paramref name="key"/>, or null.</summary>
    public static string? Parameter(string comment, string key)
    {
        foreach (var word in comment.TrimStart().TrimStart('#').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && string.Equals(word[..eq], key, StringComparison.Ordinal)) return word[(eq + 1)..];
        }
        return null;
    }

    private static IEnumerable<string> Read(string file, StreamReader reader)
    {
        using (reader)
        {
            while (ReadLine(file, reader) is { } line) yield return line;
        }
    }

    private static StreamReader Open(string file)
    {
        try
        {
            return new StreamReader(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var why = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : "cannot be read: " + e.Message;
            throw new ProfileValidationException([new ValidationError(file, "$", why)]);
        }
    }

    private static string? ReadLine(string file, StreamReader reader)
    {
        try
        {
            return reader.ReadLine();
        }
        catch (IOException e)
        {
            throw new ProfileValidationException([new ValidationError(file, "$", "cannot be read: " + e.Message)]);
        }
    }
}
