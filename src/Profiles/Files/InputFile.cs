using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using PerfModel.Descriptions;

namespace PerfModel.Profiles.Files;

/// <summary>
/// The checks every input file passes before it is read — profiles, noise traces, the files of a calibration directory:
/// it exists, it is a regular file (not a directory, a device such as /dev/zero, a FIFO or a socket, which can be endless
/// or block), it is at most a stated size, and its text is UTF-8 (an optional byte-order mark is skipped; an invalid byte
/// is an error at its line, never replaced silently). Each failure is a <see cref="ProfileValidationException"/> naming
/// the file and the rule.
/// </summary>
public static class InputFile
{
    /// <summary>Largest profile file read: 16 MiB (the default profiles are below 20 kB).</summary>
    public const long MaxProfileBytes = 16L << 20;

    /// <summary>The strict decoder: no byte-order mark emitted, invalid bytes throw.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Checks that <paramref name="path"/> is an existing regular file of at most <paramref name="maxBytes"/> bytes.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">Its size limit.</param>
    /// <param name="what">What the file is, for the message ("a profile", "a noise trace").</param>
    /// <exception cref="ProfileValidationException">It is missing, not a regular file or too large.</exception>
    public static void Check(string path, long maxBytes, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(what);
        if (path.Length == 0) throw Error(path, "the file name is empty");
        if (Directory.Exists(path)) throw Error(path, $"is a directory, not {what} file");
        if (!File.Exists(path)) throw Error(path, "file not found");
        // The file type by the one rule outputs use too (FileKinds: statx on Linux), following links.
        FileKind kind;
        try { kind = FileKinds.Of(path, followLinks: true); }
        catch (IOException e) { throw Error(path, e.Message); }
        if (kind != FileKind.Regular)
            throw Error(path, $"is not a regular file ({FileKinds.Describe(kind)}); {what} is read only from a regular file");
        var length = new FileInfo(path).Length;
        if (length > maxBytes)
            throw Error(path, string.Create(CultureInfo.InvariantCulture, $"is {length:N0} bytes, more than the {maxBytes:N0} bytes ({maxBytes >> 20} MiB) {what} file may have"));
    }

    /// <summary>The text of a checked file (<see cref="Check"/>), decoded as strict UTF-8 without its byte-order mark.</summary>
    /// <exception cref="ProfileValidationException">The file fails a check, cannot be read or is not valid UTF-8 (the
    /// error names the line of the first invalid byte).</exception>
    public static string ReadText(string path, long maxBytes, string what)
    {
        Check(path, maxBytes, what);
        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            using var limited = new MemoryStream();
            var buffer = new byte[81920];
            int n;
            while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (limited.Length + n > maxBytes) throw Error(path, string.Create(CultureInfo.InvariantCulture, $"grew past {maxBytes:N0} bytes while it was read"));
                limited.Write(buffer, 0, n);
            }
            bytes = limited.ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw Error(path, "cannot be read: " + e.Message);
        }
        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        try
        {
            return Utf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException)
        {
            var bad = FirstInvalid(bytes, start);
            var line = 1 + bytes.AsSpan(0, bad).Count((byte)'\n');
            throw new ProfileValidationException([new ValidationError(path, $"line {line}", string.Create(CultureInfo.InvariantCulture, $"byte {bad + 1} (0x{bytes[bad]:X2}) is not valid UTF-8; the file must be UTF-8 text"))]);
        }
    }

    /// <summary>A reader of a checked file (<see cref="Check"/>) that decodes strict UTF-8 and skips a byte-order mark;
    /// <see cref="DecoderFallbackException"/> from its reads means an invalid byte.</summary>
    /// <exception cref="ProfileValidationException">The file fails a check or cannot be opened.</exception>
    public static StreamReader OpenText(string path, long maxBytes, string what)
    {
        Check(path, maxBytes, what);
        try
        {
            // The strict encoding's preamble is empty, so a byte-order mark would be read as U+FEFF: detection skips it.
            return new StreamReader(path, Utf8, detectEncodingFromByteOrderMarks: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw Error(path, "cannot be read: " + e.Message);
        }
    }

    private static int FirstInvalid(byte[] bytes, int start)
    {
        var decoder = Utf8.GetDecoder();
        var chars = new char[4];
        for (var i = start; i < bytes.Length; i++)
        {
            try
            {
                decoder.GetChars(bytes, i, 1, chars, 0, flush: i == bytes.Length - 1);
            }
            catch (DecoderFallbackException)
            {
                return i;
            }
        }
        return bytes.Length - 1;
    }

    private static ProfileValidationException Error(string path, string rule) => new([new ValidationError(path, "$", rule)]);
}
