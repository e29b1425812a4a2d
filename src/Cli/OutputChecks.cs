using PerfModel.Profiles.Files;

namespace PerfModel.Cli;

/// <summary>Every command checks its output option before its work, by the one set of rules of
/// <see cref="AtomicFile.CheckTarget"/> and <see cref="AtomicFile.CheckDirectory"/>, so that a bad --out fails in
/// milliseconds rather than after a calibration or a report; the message is prefixed with the option.</summary>
internal static class OutputChecks
{
    /// <summary>The rules every file-valued --out states in its help.</summary>
    public const string FileRules =
        "Written atomically (a temporary file in the same directory, renamed over the target). Refused before any work: an empty " +
        "path or one ending in '/', a directory, a device (/dev/null, /dev/full), a FIFO or socket, a read-only file, an input " +
        "file (under any name: links and '..' are resolved), names over 255 bytes, paths over 4095 bytes. A symbolic link is " +
        "written through to its target. Missing directories are created, and removed again if the write fails.";

    /// <summary>Checks a file output.</summary>
    /// <exception cref="IOException">A rule is broken: "--out PATH ..." naming the rule.</exception>
    public static string File(string path, IEnumerable<string> inputs, string option = "--out") =>
        Named(option, () => AtomicFile.CheckTarget(path, inputs));

    /// <summary>Checks a directory output.</summary>
    /// <exception cref="IOException">A rule is broken: "--out PATH ..." naming the rule.</exception>
    public static string Directory(string path, IEnumerable<string> inputs, string option = "--out") =>
        Named(option, () => AtomicFile.CheckDirectory(path, inputs));

    /// <summary>Runs <paramref name="check"/>, prefixing a refusal with <paramref name="option"/>.</summary>
    public static T Named<T>(string option, Func<T> check)
    {
        try
        {
            return check();
        }
        catch (IOException e)
        {
            throw new IOException($"{option} {e.Message}", e);
        }
    }
}
