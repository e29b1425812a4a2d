using PerfModel.Descriptions;
using PerfModel.Profiles.Files;

namespace PerfModel.Calibration.Noise;

/// <summary>Line reading shared by the noise-trace readers: a missing, unreadable, non-regular or too large file is a
/// <see cref="ProfileValidationException"/> at <c>$</c> ("file not found", "is not a regular file …", "cannot be read: …"),
/// an invalid UTF-8 byte one at its line; and <c>#</c> comments carry <c>key=value</c> words.</summary>
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
            var line = 0;
            while (ReadLine(file, reader, ++line) is { } text) yield return text;
        }
    }

    /// <summary>Opens a noise trace: a regular file of at most <see cref="NoiseTraceFile.MaxBytes"/>, strict UTF-8
    /// (<see cref="InputFile"/>).</summary>
    /// <exception cref="ProfileValidationException">It is missing, not a regular file, too large or unreadable.</exception>
    internal static StreamReader Open(string file) => InputFile.OpenText(file, NoiseTraceFile.MaxBytes, "a noise trace");

    /// <summary>The next line (<paramref name="line"/> is its number, for the message), or null at the end.</summary>
    /// <exception cref="ProfileValidationException">The file cannot be read, or the line is not valid UTF-8.</exception>
    internal static string? ReadLine(string file, StreamReader reader, int line)
    {
        try
        {
            return reader.ReadLine();
        }
        catch (IOException e)
        {
            throw new ProfileValidationException([new ValidationError(file, "$", "cannot be read: " + e.Message)]);
        }
        catch (System.Text.DecoderFallbackException)
        {
            // The reader decodes ahead of the line it returns: reading the whole file again names the line and byte.
            _ = InputFile.ReadText(file, NoiseTraceFile.MaxBytes, "a noise trace");
            throw new ProfileValidationException([new ValidationError(file, $"line {line}", "holds a byte that is not valid UTF-8; a noise trace must be UTF-8 (or ASCII) text")]);
        }
    }
}
