using System.Runtime.InteropServices;

namespace PerfModel.Calibration.Benchmarks;

/// <summary>P/Invoke declarations for the glibc calls the benchmarks make (Linux, x86-64 and arm64 constants).</summary>
internal static class Libc
{
    public const int ProtRead = 0x1;
    public const int ProtWrite = 0x2;
    public const int MapPrivate = 0x02;
    public const int MapAnonymous = 0x20;
    public const int MapPopulate = 0x8000;
    public const int MadvHugePage = 14;
    public const int MadvNoHugePage = 15;
    public static readonly IntPtr MapFailed = new(-1);

    [DllImport("libc", SetLastError = true)]
    public static extern IntPtr mmap(IntPtr addr, UIntPtr length, int prot, int flags, int fd, IntPtr offset);

    [DllImport("libc", SetLastError = true)]
    public static extern int munmap(IntPtr addr, UIntPtr length);

    [DllImport("libc", SetLastError = true)]
    public static extern int madvise(IntPtr addr, UIntPtr length, int advice);

    [DllImport("libc", SetLastError = true)]
    public static extern IntPtr sbrk(IntPtr increment);

    [DllImport("libc", SetLastError = true)]
    public static extern int sched_setaffinity(int pid, UIntPtr cpusetsize, ulong[] mask);

    [DllImport("libc", SetLastError = true)]
    public static extern int sched_getaffinity(int pid, UIntPtr cpusetsize, [Out] ulong[] mask);

    /// <summary>syscall(2) with one argument (glibc's syscall() only moves integer registers, so the fixed signature is safe).</summary>
    [DllImport("libc", SetLastError = true)]
    public static extern IntPtr syscall(IntPtr number, IntPtr arg);

    /// <summary>The brk system call number of this architecture, or null where it is not known here.</summary>
    public static IntPtr? SysBrk => System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 12,
        Architecture.Arm64 => 214,
        _ => null,
    };

    [DllImport("libc")]
    public static extern int sched_yield();

    [DllImport("libc")]
    public static extern int getppid();

    /// <summary>A libc function that makes no system call: the P/Invoke round trip alone.</summary>
    [DllImport("libc")]
    public static extern int abs(int value);

    /// <summary>Maps <paramref name="bytes"/> of private anonymous read-write memory or throws.</summary>
    public static IntPtr MapAnon(long bytes, bool populate = false)
    {
        var flags = MapPrivate | MapAnonymous | (populate ? MapPopulate : 0);
        var p = mmap(IntPtr.Zero, (UIntPtr)(ulong)bytes, ProtRead | ProtWrite, flags, -1, IntPtr.Zero);
        if (p == MapFailed) throw new InvalidOperationException($"mmap of {bytes} bytes failed: errno {Marshal.GetLastPInvokeError()}");
        return p;
    }

    /// <summary>Unmaps a region from <see cref="MapAnon"/>; a failure is reported, not thrown (used in finally blocks).</summary>
    public static bool Unmap(IntPtr p, long bytes) => munmap(p, (UIntPtr)(ulong)bytes) == 0;
}
