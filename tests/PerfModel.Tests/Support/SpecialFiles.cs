using System.Diagnostics;
using System.Net.Sockets;
using PerfModel.Profiles.Files;

namespace PerfModel.Tests.Support;

/// <summary>Special files for the output tests, made inside a test's own temporary directory where that is possible.</summary>
internal static class SpecialFiles
{
    /// <summary>A character device that fails every write with ENOSPC, like /dev/full. When the tests run as root a
    /// private node (mknod c 1 7) in <paramref name="dir"/> is used, so that a regression could never replace the
    /// machine's /dev/full (root may rename over it); otherwise /dev/full itself, which an unprivileged process cannot
    /// replace.</summary>
    public static string FullDevice(string dir)
    {
        if (!Environment.IsPrivilegedProcess) return "/dev/full";
        var path = Path.Combine(dir, "full");
        if (!File.Exists(path)) Run("mknod", path, "c", "1", "7");
        return path;
    }

    /// <summary>A character device that discards writes, like /dev/null (a private node when running as root).</summary>
    public static string NullDevice(string dir)
    {
        if (!Environment.IsPrivilegedProcess) return "/dev/null";
        var path = Path.Combine(dir, "null");
        if (!File.Exists(path)) Run("mknod", "-m", "666", path, "c", "1", "3");
        return path;
    }

    /// <summary>A named pipe (FIFO).</summary>
    public static string Fifo(string dir, string name = "fifo")
    {
        var path = Path.Combine(dir, name);
        Run("mkfifo", path);
        return path;
    }

    /// <summary>A bound Unix domain socket (kept open until disposed).</summary>
    public static (string Path, IDisposable Socket) Socket(string dir, string name = "sock")
    {
        var path = Path.Combine(dir, name);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        return (path, socket);
    }

    /// <summary>The kind of <paramref name="path"/> itself (a link is not followed).</summary>
    public static FileKind Kind(string path) => FileKinds.Of(path, followLinks: false);

    private static void Run(string program, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, UseShellExecute = false })!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed: {err}");
    }
}
