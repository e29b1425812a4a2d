using System.Text;

namespace PerfModel.Profiles.Files;

/// <summary>
/// The one way PerfModel writes a file: the content goes to a temporary file in the target's folder, which is then
/// renamed over the target, so a reader never sees half a file and a failure leaves the old file as it was. Inputs are
/// never overwritten (an output path that is one of the inputs is refused), and a target that exists but is not a regular
/// file (a directory, a device, a link) is refused rather than replaced.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> (UTF-8, no byte-order mark) to <paramref name="path"/>.</summary>
    /// <param name="path">The target.</param>
    /// <param name="text">The content.</param>
    /// <param name="inputs">Files the content was computed from; the target must not be one of them.</param>
    /// <exception cref="IOException">The target is an input or not a regular file, or writing failed (the message says which).</exception>
    public static void WriteAllText(string path, string text, IEnumerable<string>? inputs = null) =>
        WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text ?? throw new ArgumentNullException(nameof(text))), inputs);

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> (see <see cref="WriteAllText"/>).</summary>
    public static void WriteAllBytes(string path, byte[] bytes, IEnumerable<string>? inputs = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(bytes);
        var full = Path.GetFullPath(path);
        if ((inputs ?? []).Any(i => string.Equals(Path.GetFullPath(i), full, StringComparison.Ordinal)))
            throw new IOException($"{path} is one of the input files; inputs are never overwritten");
        var info = new FileInfo(full);
        if (Directory.Exists(full)) throw new IOException($"{path} is a directory; give a file name");
        if (info.Exists && (info.LinkTarget is not null || (info.Attributes & (FileAttributes.Device | FileAttributes.ReparsePoint)) != 0))
            throw new IOException($"{path} exists and is not a regular file; it is not replaced");
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }
}
