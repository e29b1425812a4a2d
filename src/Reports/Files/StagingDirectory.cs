using System.Runtime.InteropServices;
using System.Text;
using PerfModel.Profiles.Files;

namespace PerfModel.Reports.Files;

/// <summary>Builds an output directory next to its destination and moves it into place only when complete.
/// Each file is written through <see cref="AtomicFile"/> (the one atomic file writer). Disposing without <see cref="Commit"/> deletes the staging
/// directory, so a failure leaves the destination as it was. An existing destination is replaced only when it is empty
/// or holds nothing but a previous report (index.html, data/, figures/), never an arbitrary directory. A destination that is
/// a symbolic link is resolved: the report replaces the directory it points to, and the link stays. On Linux the finished
/// report and the previous one trade places in one atomic renameat2(RENAME_EXCHANGE), so that the destination always holds
/// a complete report, even if the process is killed; elsewhere the previous report is moved aside first.</summary>
internal sealed class StagingDirectory : IDisposable
{
    private static readonly IReadOnlyList<string> ReportEntries = ["index.html", "data", "figures"];
    private readonly List<(string RelativePath, long Bytes)> files = [];
    private readonly string? createdAncestor;
    private bool committed;

    /// <summary>Creates the staging directory for <paramref name="destination"/> (checked to be new, empty or a previous report).</summary>
    /// <exception cref="IOException">The destination breaks a rule of <see cref="Check"/>.</exception>
    public StagingDirectory(string destination)
    {
        Destination = Check(destination, []);
        var parent = Path.GetDirectoryName(Destination)!;
        createdAncestor = TopmostMissing(parent);
        Directory.CreateDirectory(parent);
        StagingPath = Path.Combine(parent, $".{Path.GetFileName(Destination)}.staging-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(StagingPath);
    }

    /// <summary>The report directory (absolute, no trailing separator).</summary>
    public string Destination { get; }

    /// <summary>The staging directory (a hidden sibling of the destination, on the same file system).</summary>
    public string StagingPath { get; }

    /// <summary>Relative paths and sizes of the files written so far, in order.</summary>
    public IReadOnlyList<(string RelativePath, long Bytes)> Files => files;

    /// <summary>Writes <paramref name="text"/> (UTF-8, no byte-order mark) to <paramref name="relativePath"/> inside the
    /// staging directory, through <see cref="AtomicFile"/>.</summary>
    public void WriteText(string relativePath, string text) => WriteBytes(relativePath, new UTF8Encoding(false).GetBytes(text));

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="relativePath"/> inside the staging directory, through
    /// <see cref="AtomicFile"/> (temporary file, then rename).</summary>
    public void WriteBytes(string relativePath, byte[] bytes)
    {
        AtomicFile.WriteAllBytes(Path.Combine(StagingPath, relativePath), bytes);
        files.Add((relativePath.Replace('\\', '/'), bytes.LongLength));
    }

    /// <summary>Checks a report destination before any work: the rules of <see cref="AtomicFile.CheckDirectory"/> (a
    /// directory or nothing, no input inside, a file can be created there), not a file-system root, and new, empty or a
    /// previous report.</summary>
    /// <returns>The destination with every link resolved.</returns>
    /// <exception cref="IOException">A rule is broken; the message starts with the path.</exception>
    public static string Check(string destination, IEnumerable<string> inputs)
    {
        var resolved = Path.TrimEndingDirectorySeparator(AtomicFile.CheckDirectory(destination, inputs));
        if (Path.GetDirectoryName(resolved) is null) throw new IOException($"{destination} is a file-system root: a report needs a directory of its own");
        CheckReplaceable(resolved, destination);
        return resolved;
    }

    /// <summary>Moves the staging directory to the destination: on Linux by exchanging the two in one rename (the previous
    /// report is deleted after); elsewhere, or where the file system cannot exchange, the previous report is moved aside
    /// first and deleted after.</summary>
    public void Commit()
    {
        CheckReplaceable(Destination, Destination);
        if (Directory.Exists(Destination) && TryExchange(StagingPath, Destination))
        {
            committed = true;
            try
            {
                Directory.Delete(StagingPath, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The new report is in place; the previous one stays in the hidden staging name.
            }
            return;
        }
        string? old = null;
        if (Directory.Exists(Destination))
        {
            old = StagingPath + ".old";
            Directory.Move(Destination, old);
        }
        try
        {
            Directory.Move(StagingPath, Destination);
        }
        catch
        {
            if (old is not null && !Directory.Exists(Destination)) Directory.Move(old, Destination);
            throw;
        }
        committed = true;
        if (old is not null) Directory.Delete(old, recursive: true);
    }

    /// <summary>Without a commit: deletes the staging directory, and the parent directories this instance created if
    /// they hold no file.</summary>
    public void Dispose()
    {
        if (committed) return;
        try
        {
            if (Directory.Exists(StagingPath)) Directory.Delete(StagingPath, recursive: true);
            if (createdAncestor is not null && Directory.Exists(createdAncestor) &&
                !Directory.EnumerateFiles(createdAncestor, "*", SearchOption.AllDirectories).Any())
                Directory.Delete(createdAncestor, recursive: true);
        }
        catch (IOException) { /* best effort; the staging directory is hidden and named after this process */ }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>The outermost directory of <paramref name="dir"/>'s path that does not exist yet, or null.</summary>
    private static string? TopmostMissing(string dir)
    {
        string? missing = null;
        for (var d = dir; d is not null && !Directory.Exists(d); d = Path.GetDirectoryName(d)) missing = d;
        return missing;
    }

    /// <summary>renameat2(RENAME_EXCHANGE): swaps two directories atomically. False where the C library, the kernel or
    /// the file system cannot (the caller then moves the old one aside).</summary>
    private static bool TryExchange(string a, string b)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return RenameAt2(AtFdCwd, a, AtFdCwd, b, RenameExchange) == 0;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    private const int AtFdCwd = -100;
    private const uint RenameExchange = 2;

    [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    private static extern int RenameAt2(int olddirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldpath, int newdirfd,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string newpath, uint flags);

    private static void CheckReplaceable(string destination, string shown)
    {
        if (File.Exists(destination)) throw new IOException($"{shown} is a file; the report needs a directory");
        if (!Directory.Exists(destination)) return;
        var foreign = Directory.EnumerateFileSystemEntries(destination)
            .Select(Path.GetFileName)
            .Where(n => !ReportEntries.Contains(n, StringComparer.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (foreign.Length > 0)
            throw new IOException($"{shown} exists and is not a previous report (it holds {string.Join(", ", foreign.Take(3))}" +
                                  $"{(foreign.Length > 3 ? ", …" : "")}); refusing to replace it: choose a new or empty directory");
    }
}
