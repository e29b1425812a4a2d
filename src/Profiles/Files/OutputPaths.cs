using System.Text;

namespace PerfModel.Profiles.Files;

/// <summary>
/// The rules an output path passes before anything is computed or written (<see cref="AtomicFile.CheckTarget"/>,
/// <see cref="AtomicFile.CheckDirectory"/>, and again when <see cref="AtomicFileSet"/> stages a file):
/// <list type="bullet">
/// <item>it is a path at all: not empty, no NUL character, valid Unicode, each name at most <see cref="MaxNameBytes"/>
/// bytes and the whole at most <see cref="MaxPathBytes"/> (Linux's NAME_MAX and PATH_MAX), so that the file system is
/// never asked for what it cannot hold;</item>
/// <item>it is resolved as the kernel would open it (<see cref="Resolve"/>: symbolic links followed, '..' taken after the
/// link it follows), so that an input is recognised under any other name and a link is written through to its target;</item>
/// <item>what it names is a regular file or nothing (a file output) or a directory or nothing (a directory output): a
/// device, a FIFO, a socket or a directory is never replaced by a file, and a device such as /dev/full can never swallow
/// an output while the command reports success;</item>
/// <item>it is not an input, compared by resolved path;</item>
/// <item>its nearest existing ancestor is a directory in which a file can be created (probed with a file created and
/// removed at once), so that a command fails before its work rather than after it.</item>
/// </list>
/// Every message starts with the path as given (control characters escaped, long paths shortened), then the rule broken;
/// no message carries a .NET parameter name.
/// </summary>
internal static class OutputPaths
{
    /// <summary>Symbolic links followed in one path before it counts as a loop (Linux's limit, MAXSYMLINKS).</summary>
    public const int MaxLinkHops = 40;

    /// <summary>Bytes (UTF-8) in one file name (Linux's NAME_MAX).</summary>
    public const int MaxNameBytes = 255;

    /// <summary>Bytes (UTF-8) in a whole path (Linux's PATH_MAX less its terminating NUL).</summary>
    public const int MaxPathBytes = 4095;

    private const int ShownChars = 160;

    private static StringComparison PathComparison =>
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>The path for a message: empty or blank-edged paths quoted, control characters and unpaired surrogates
    /// escaped (\u001B), longer than 160 characters shortened in the middle.</summary>
    public static string Show(string? path)
    {
        if (string.IsNullOrEmpty(path)) return "''";
        var sb = new StringBuilder(path.Length);
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            var paired = char.IsHighSurrogate(c) && i + 1 < path.Length && char.IsLowSurrogate(path[i + 1]);
            if (paired) sb.Append(c).Append(path[++i]);
            else if (char.IsControl(c) || char.IsSurrogate(c)) sb.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        var s = sb.ToString();
        if (s.Length > ShownChars) s = s[..(ShownChars / 2)] + "…" + s[^(ShownChars / 2)..];
        return s.Trim().Length != s.Length ? $"'{s}'" : s;
    }

    /// <summary>The system's reason in an exception message, without the path .NET appends (" : '/x/y'").</summary>
    public static string Reason(Exception e)
    {
        var m = e.Message;
        var cut = m.LastIndexOf(" : '", StringComparison.Ordinal);
        if (cut > 0 && m.EndsWith('\'')) m = m[..cut];
        return m.TrimEnd('.', ' ');
    }

    /// <summary>Checks <paramref name="path"/> as a file output (see the class remarks) and returns the resolved path of
    /// the file that will be written.</summary>
    /// <param name="path">The output as given.</param>
    /// <param name="inputs">Files the output is computed from.</param>
    /// <param name="probe">Whether to create and remove a file in the target's directory to show that it is writable.</param>
    /// <exception cref="IOException">A rule is broken; the message names the path and the rule.</exception>
    public static string CheckFile(string? path, IEnumerable<string>? inputs, bool probe)
    {
        var shown = Show(path);
        CheckSyntax(path, shown, "a file name");
        var name = Path.GetFileName(path!);
        if (name is "" or "." or "..")
            throw new IOException($"{shown} names a directory, not a file: give a file name (e.g. {Show((name.Length == 0 ? path : path + "/") + "out.csv")})");
        var target = Resolve(path!, shown);
        var via = string.Equals(target, Absolute(path!), PathComparison) ? "" : $" (resolving to {Show(target)})";
        var kind = KindOf(target, shown);
        if (kind is not (FileKind.Missing or FileKind.Regular))
            throw new IOException($"{shown}{via} is {FileKinds.Describe(kind)}, not a regular file: it is not replaced (outputs are written only to regular files)");
        CheckNotInput(shown, via, target, inputs);
        if (kind == FileKind.Regular && (File.GetAttributes(target) & FileAttributes.ReadOnly) != 0)
            throw new IOException($"{shown}{via} is read-only: it is not replaced");
        var existing = NearestDirectory(Path.GetDirectoryName(target)!, shown);
        if (probe) Probe(existing, shown);
        return target;
    }

    /// <summary>Checks <paramref name="directory"/> as an output directory (see the class remarks) and returns its resolved path.</summary>
    /// <param name="directory">The directory as given.</param>
    /// <param name="inputs">Files that must not lie inside it.</param>
    /// <exception cref="IOException">A rule is broken; the message names the path and the rule.</exception>
    public static string CheckDirectory(string? directory, IEnumerable<string>? inputs)
    {
        var shown = Show(directory);
        CheckSyntax(directory, shown, "a directory");
        var resolved = Resolve(directory!, shown);
        var kind = KindOf(resolved, shown);
        if (kind is not (FileKind.Missing or FileKind.Directory))
            throw new IOException($"{shown} is {FileKinds.Describe(kind)}, not a directory: the output needs a directory");
        var inside = Path.TrimEndingDirectorySeparator(resolved) + Path.DirectorySeparatorChar;
        foreach (var input in inputs ?? [])
        {
            var real = ResolveQuietly(input);
            if (real.StartsWith(inside, PathComparison) || string.Equals(real, resolved, PathComparison))
                throw new IOException($"{shown} holds the input file {Show(input)}; inputs are never overwritten: choose another directory");
        }
        Probe(kind == FileKind.Directory ? resolved : NearestDirectory(Path.GetDirectoryName(resolved) ?? resolved, shown), shown);
        return resolved;
    }

    /// <summary>The path as the kernel resolves it (realpath(3)): relative to the working directory, every symbolic link
    /// followed (a relative link relative to its own directory), '.' dropped and '..' taken after the links before it;
    /// names that do not exist yet are kept as given, and may not be followed by '..'.</summary>
    /// <exception cref="IOException">More than <see cref="MaxLinkHops"/> links (a loop), or a component cannot be examined.</exception>
    public static string Resolve(string path, string shown)
    {
        var absolute = Absolute(path);
        var root = Path.GetPathRoot(absolute) ?? "/";
        var pending = new Stack<string>(Split(absolute[root.Length..]).Reverse());
        var current = root;
        string? missing = null;
        var hops = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part is "" or ".") continue;
            if (part == "..")
            {
                // As the kernel: '..' needs the directory before it to exist (ENOENT otherwise). Taken lexically, x/../x
                // would name the very file whose missing directory x it passes through.
                if (missing is not null) throw new IOException($"{shown}: '..' follows {Show(missing)}, which does not exist");
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }
            var next = Path.Join(current, part);
            FileKind kind;
            try
            {
                kind = FileKinds.Of(next, followLinks: false);
            }
            catch (IOException e)
            {
                throw new IOException($"{shown} cannot be examined at {Show(next)}: {e.Message}", e);
            }
            if (kind != FileKind.SymbolicLink)
            {
                // As the kernel: only a directory can be passed through (ENOTDIR), so '..' can never step out of a file
                // or a device that a link led to. After a name that does not exist yet the rest is taken as written.
                if (pending.Count > 0 && kind is not (FileKind.Directory or FileKind.Missing))
                    throw new IOException($"{shown}: {Show(next)} is {FileKinds.Describe(kind)}, not a directory");
                if (kind == FileKind.Missing) missing ??= next;
                current = next;
                continue;
            }
            if (++hops > MaxLinkHops)
                throw new IOException($"{shown} does not resolve: a symbolic link loop (or a chain of more than {MaxLinkHops} links) at {Show(next)}");
            var target = new FileInfo(next).LinkTarget ?? throw new IOException($"{shown} cannot be examined: the link {Show(next)} has no target");
            if (Path.IsPathRooted(target))
            {
                var targetRoot = Path.GetPathRoot(target) ?? root;
                current = targetRoot;
                target = target[targetRoot.Length..];
            }
            foreach (var p in Split(target).Reverse()) pending.Push(p);
        }
        return current;
    }

    /// <summary><see cref="Resolve"/>, or the plain full path where resolving fails (for inputs, which were read already).</summary>
    public static string ResolveQuietly(string path)
    {
        try
        {
            return Resolve(path, Show(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return Absolute(path);
        }
    }

    /// <summary>Whether two resolved paths name the same entry (case-insensitively where the file system usually is).</summary>
    public static bool Same(string a, string b) => string.Equals(a, b, PathComparison);

    /// <summary>The outermost directory of <paramref name="directory"/>'s path that does not exist yet, or null when it exists.</summary>
    public static string? TopmostMissing(string directory)
    {
        string? missing = null;
        for (var d = directory; d is not null && FileKinds.Of(d, followLinks: true) == FileKind.Missing; d = Path.GetDirectoryName(d)) missing = d;
        return missing;
    }

    /// <summary>A name for a temporary file beside <paramref name="target"/>: hidden, unique, and short enough for the
    /// file system however long the target's name is.</summary>
    public static string TemporaryName(string target, string suffix)
    {
        var name = Path.GetFileName(target);
        var budget = MaxNameBytes - 48;
        while (Encoding.UTF8.GetByteCount(name) > budget) name = name[..^(char.IsLowSurrogate(name[^1]) && name.Length > 1 ? 2 : 1)];
        return Path.Join(Path.GetDirectoryName(target), $".{name}.{Guid.NewGuid():N}.{suffix}");
    }

    private static void CheckSyntax(string? path, string shown, string what)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new IOException($"{shown} is not a path: give {what}");
        if (path.Contains('\0')) throw new IOException($"{shown} contains a NUL character, which no path can hold");
        for (var i = 0; i < path.Length; i++)
        {
            if (char.IsHighSurrogate(path[i]) && i + 1 < path.Length && char.IsLowSurrogate(path[i + 1])) i++;
            else if (char.IsSurrogate(path[i])) throw new IOException($"{shown} is not valid Unicode (an unpaired surrogate), so it names no file");
        }
        foreach (var part in Split(path))
            if (Encoding.UTF8.GetByteCount(part) > MaxNameBytes)
                throw new IOException($"{shown}: the name {Show(part)} is {Encoding.UTF8.GetByteCount(part)} bytes long; a file name holds at most {MaxNameBytes} bytes");
        var length = Encoding.UTF8.GetByteCount(Absolute(path));
        if (length > MaxPathBytes) throw new IOException($"{shown} is {length} bytes long as a full path; a path holds at most {MaxPathBytes} bytes");
    }

    private static void CheckNotInput(string shown, string via, string target, IEnumerable<string>? inputs)
    {
        foreach (var input in inputs ?? [])
            if (Same(ResolveQuietly(input), target))
                throw new IOException($"{shown}{via} is one of the input files{(Show(input) == shown ? "" : $" ({Show(input)})")}; inputs are never overwritten");
    }

    private static FileKind KindOf(string path, string shown)
    {
        try
        {
            return FileKinds.Of(path, followLinks: false);
        }
        catch (IOException e)
        {
            throw new IOException($"{shown} cannot be examined: {e.Message}", e);
        }
    }

    /// <summary>The nearest existing ancestor of <paramref name="directory"/> (itself included), which must be a directory.</summary>
    private static string NearestDirectory(string directory, string shown)
    {
        for (var d = directory; ; d = Path.GetDirectoryName(d)!)
        {
            FileKind kind;
            try
            {
                kind = FileKinds.Of(d, followLinks: true);
            }
            catch (IOException e)
            {
                throw new IOException($"{shown} cannot be examined at {Show(d)}: {e.Message}", e);
            }
            if (kind == FileKind.Directory) return d;
            if (kind != FileKind.Missing) throw new IOException($"{shown}: {Show(d)} is {FileKinds.Describe(kind)}, not a directory");
            if (Path.GetDirectoryName(d) is null) throw new IOException($"{shown}: no existing directory on its path");
        }
    }

    /// <summary>Creates and at once removes a file in <paramref name="directory"/>: the one reliable test that the output
    /// can be created there (permissions, ACLs, a read-only or full file system).</summary>
    private static void Probe(string directory, string shown)
    {
        var probe = TemporaryName(Path.Join(directory, "perfmodel-probe"), "probe");
        try
        {
            using var _ = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{shown}: cannot create a file in {Show(directory)}: {(e is UnauthorizedAccessException ? "permission denied" : Reason(e))}", e);
        }
    }

    private static string Absolute(string path) => Path.IsPathRooted(path) ? path : Path.Join(Environment.CurrentDirectory, path);

    private static IEnumerable<string> Split(string path) =>
        path.Split(OperatingSystem.IsWindows() ? ['\\', '/'] : ['/'], StringSplitOptions.None);
}
