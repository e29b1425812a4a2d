using System.Runtime.InteropServices;

namespace PerfModel.Profiles.Files;

/// <summary>What a path names in the file system, as the file type bits of its <c>st_mode</c> say.</summary>
internal enum FileKind
{
    /// <summary>Nothing (or a parent is not a directory).</summary>
    Missing,

    /// <summary>A regular file: the only kind an output replaces.</summary>
    Regular,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link (only when links are not followed).</summary>
    SymbolicLink,

    /// <summary>A character device, such as /dev/null or /dev/full.</summary>
    CharacterDevice,

    /// <summary>A block device.</summary>
    BlockDevice,

    /// <summary>A named pipe (FIFO).</summary>
    Fifo,

    /// <summary>A Unix domain socket.</summary>
    Socket,

    /// <summary>Any other special file.</summary>
    Other,
}

/// <summary>
/// The file type of a path, without opening it (opening a FIFO for writing blocks until a reader comes). .NET's
/// <see cref="FileAttributes"/> cannot tell: on Unix <see cref="FileAttributes.Device"/> is never set and a device, a FIFO and
/// a socket all read as <see cref="FileAttributes.Normal"/>. So on Linux the type comes from <c>statx(2)</c>, whose buffer
/// has the same layout on every architecture (<c>stx_mode</c> at byte 28); where <c>statx</c> is missing (an older C
/// library, or another Unix) from the runtime's own <c>SystemNative_LStat</c>/<c>SystemNative_Stat</c> (its FileStatus
/// record keeps the full <c>st_mode</c> at byte 4); on Windows from the attributes, which do mark devices there.
/// </summary>
internal static class FileKinds
{
    private const int AtFdCwd = -100, AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int StatxModeOffset = 28, PalModeOffset = 4, BufferBytes = 256;
    private const int ENOENT = 2, ENOTDIR = 20, ELOOP = 40, ENAMETOOLONG = 36, ENOSYS = 38;

    /// <summary>The kind of <paramref name="path"/>; a symbolic link itself unless <paramref name="followLinks"/>.</summary>
    /// <exception cref="IOException">The path cannot be examined (permission, a link loop, a name too long); the message
    /// is the system's reason, without the path.</exception>
    public static FileKind Of(string path, bool followLinks)
    {
        if (OperatingSystem.IsWindows()) return OfAttributes(path, followLinks);
        var buffer = new byte[BufferBytes];
        if (OperatingSystem.IsLinux())
        {
            try
            {
                var result = Statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxType, buffer);
                var errno = result == 0 ? 0 : Marshal.GetLastPInvokeError();
                if (result == 0 || errno != ENOSYS) return Decode(result, errno, BitConverter.ToUInt16(buffer, StatxModeOffset));
            }
            catch (EntryPointNotFoundException)
            {
                // A C library without statx: the runtime's stat below.
            }
        }
        return OfRuntimeStat(path, followLinks);
    }

    /// <summary>The kind from the runtime's own stat (the fallback of <see cref="Of"/>; internal so that a test checks
    /// its record layout on this machine).</summary>
    internal static FileKind OfRuntimeStat(string path, bool followLinks)
    {
        var buffer = new byte[BufferBytes];
        var result = followLinks ? PalStat(path, buffer) : PalLStat(path, buffer);
        var errno = result == 0 ? 0 : Marshal.GetLastPInvokeError();
        return Decode(result, errno, BitConverter.ToInt32(buffer, PalModeOffset));
    }

    private static FileKind Decode(int result, int errno, int mode)
    {
        if (result != 0)
            return errno switch
            {
                ENOENT or ENOTDIR => FileKind.Missing,
                ELOOP => throw new IOException("a symbolic link loop (or a chain of more than 40 links)"),
                ENAMETOOLONG => throw new IOException("the path or one of its names is too long for the file system"),
                _ => throw new IOException(Marshal.GetPInvokeErrorMessage(errno)),
            };
        return (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0x1000 => FileKind.Fifo,
            0xC000 => FileKind.Socket,
            _ => FileKind.Other,
        };
    }

    private static FileKind OfAttributes(string path, bool followLinks)
    {
        FileSystemInfo info = new FileInfo(path);
        if (followLinks && info.LinkTarget is not null) info = info.ResolveLinkTarget(returnFinalTarget: true) ?? info;
        if (!info.Exists && !Directory.Exists(info.FullName)) return FileKind.Missing;
        var a = File.GetAttributes(info.FullName);
        if ((a & FileAttributes.ReparsePoint) != 0 && !followLinks) return FileKind.SymbolicLink;
        if ((a & FileAttributes.Directory) != 0) return FileKind.Directory;
        return (a & FileAttributes.Device) != 0 ? FileKind.CharacterDevice : FileKind.Regular;
    }

    /// <summary>A phrase for a kind: "a directory", "a named pipe (FIFO)", ….</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a directory",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Fifo => "a named pipe (FIFO)",
        FileKind.Socket => "a socket",
        FileKind.Other => "a special file",
        _ => "missing",
    };

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
    private static extern int PalStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] buffer);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true)]
    private static extern int PalLStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] buffer);
}
