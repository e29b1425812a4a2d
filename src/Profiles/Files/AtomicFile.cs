using System.Text;

namespace PerfModel.Profiles.Files;

/// <summary>
/// The one way PerfModel writes a file: the content goes to a temporary file in the target's folder, which is then
/// renamed over the target, so a reader never sees half a file and a failure (a full disk, a killed process) leaves the
/// old file as it was. Only a regular file is ever replaced: a directory, a device (/dev/null, /dev/full), a FIFO or a
/// socket is refused, because a rename would put a file in its place. A symbolic link is written through: the link stays
/// and its final target gets the new content (refused when that target is not a regular file). Inputs are never
/// overwritten: an output that resolves (links followed, '..' taken) to one of the inputs is refused, whatever name it is
/// given by. Missing parent directories are created, and removed again when the write fails. Every refusal is an
/// <see cref="IOException"/> whose message names the path and the rule (the rules: <see cref="CheckTarget"/>); several
/// files written all or nothing: <see cref="AtomicFileSet"/>.
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
    public static void WriteAllBytes(string path, byte[] bytes, IEnumerable<string>? inputs = null) => WriteAllBytes(path, bytes, inputs, null);

    /// <summary><see cref="WriteAllBytes(string, byte[], IEnumerable{string}?)"/> through <paramref name="wrap"/>, a test
    /// seam that can make the write fail part-way.</summary>
    internal static void WriteAllBytes(string path, byte[] bytes, IEnumerable<string>? inputs, Func<Stream, Stream>? wrap)
    {
        using var set = new AtomicFileSet(inputs);
        set.Stage(path, bytes, wrap);
        set.Commit();
    }

    /// <summary>
    /// Checks, before any work, that <paramref name="path"/> can take an output: it is a path (not empty, no NUL, valid
    /// Unicode, names of at most 255 bytes, at most 4,095 bytes in all), it does not end in a separator, it resolves
    /// (no link loop) to a regular file or to nothing, that file is not read-only and not one of
    /// <paramref name="inputs"/>, and its nearest existing directory accepts a new file (probed by creating and removing one).
    /// </summary>
    /// <param name="path">The output path as given.</param>
    /// <param name="inputs">Files the output will be computed from.</param>
    /// <returns>The file that will be written: the full path with every link resolved.</returns>
    /// <exception cref="IOException">A rule is broken; the message starts with the path and says which.</exception>
    public static string CheckTarget(string path, IEnumerable<string>? inputs = null) => OutputPaths.CheckFile(path, inputs, probe: true);

    /// <summary>Checks, before any work, that <paramref name="directory"/> can take output files: a path by the rules of
    /// <see cref="CheckTarget"/> that resolves to a directory or to nothing, holds none of <paramref name="inputs"/>, and
    /// accepts a new file (or its nearest existing ancestor does, when it is still to be created).</summary>
    /// <param name="directory">The output directory as given.</param>
    /// <param name="inputs">Files that must not lie inside the directory (for outputs that replace it as a whole).</param>
    /// <returns>The directory with every link resolved.</returns>
    /// <exception cref="IOException">A rule is broken; the message starts with the path and says which.</exception>
    public static string CheckDirectory(string directory, IEnumerable<string>? inputs = null) => OutputPaths.CheckDirectory(directory, inputs);
}
