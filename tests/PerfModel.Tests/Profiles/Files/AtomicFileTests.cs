using System.Text;
using PerfModel.Profiles.Files;

namespace PerfModel.Tests.Profiles.Files;

/// <summary>
/// The one file writer: a failure part-way leaves no partial file under the final name and the previous content intact;
/// only regular files are replaced (devices, FIFOs, sockets and directories are refused, and stay what they were); a
/// symbolic link is written through or refused when its target is special; an input is refused under any name; the
/// messages name the path and the rule and never a .NET parameter.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDir tmp = new();

    public void Dispose() => tmp.Dispose();

    /// <summary>A stream that fails like a full disk after <see cref="Limit"/> bytes.</summary>
    private sealed class FailingStream(Stream inner, long limit) : Stream
    {
        private long written;

        public long Limit => limit;

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var room = (int)Math.Min(buffer.Length, limit - written);
            inner.Write(buffer[..room]);
            written += room;
            if (room < buffer.Length) throw new IOException("No space left on device : '/injected'");
        }

        public override void Flush() => inner.Flush();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => written; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    private static byte[] Bytes(int n, char c) => Enumerable.Repeat((byte)c, n).ToArray();

    /// <summary>Files other than those named: a temporary file left behind shows up here.</summary>
    private string[] Leftovers(params string[] expected) =>
        Directory.EnumerateFileSystemEntries(tmp.Path, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(tmp.Path, p)).Except(expected).Order(StringComparer.Ordinal).ToArray();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4096)]
    [InlineData(99_999)]
    public void A_failure_part_way_keeps_the_previous_content_and_leaves_no_partial_file(long failAfter)
    {
        var target = tmp.Sub("out.csv");
        File.WriteAllText(target, "previous,complete\n");
        var e = Assert.Throws<IOException>(() =>
            AtomicFile.WriteAllBytes(target, Bytes(100_000, 'x'), null, s => new FailingStream(s, failAfter)));
        Assert.Equal("previous,complete\n", File.ReadAllText(target));
        Assert.Equal($"cannot write {target}: No space left on device; the previous file is unchanged", e.Message);
        Assert.Empty(Leftovers("out.csv"));
    }

    [Fact]
    public void A_failure_part_way_to_a_new_file_leaves_nothing_not_even_the_directories_it_created()
    {
        var target = tmp.Sub("new", "deeper", "out.csv");
        var e = Assert.Throws<IOException>(() => AtomicFile.WriteAllBytes(target, Bytes(10_000, 'x'), null, s => new FailingStream(s, 5000)));
        Assert.Contains("nothing was written", e.Message);
        Assert.Empty(tmp.Entries());
    }

    [Fact]
    public void A_write_creates_missing_directories_and_keeps_the_mode_of_the_file_it_replaces()
    {
        var target = tmp.Sub("a", "b", "out.csv");
        AtomicFile.WriteAllText(target, "one");
        Assert.Equal("one", File.ReadAllText(target));
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        AtomicFile.WriteAllText(target, "two");
        Assert.Equal("two", File.ReadAllText(target));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(target));
        Assert.Empty(Leftovers("a", "a/b", "a/b/out.csv"));
    }

    [Fact]
    public void Devices_fifos_sockets_and_directories_are_refused_and_stay_what_they_were()
    {
        var full = SpecialFiles.FullDevice(tmp.Path);
        var nul = SpecialFiles.NullDevice(tmp.Path);
        var fifo = SpecialFiles.Fifo(tmp.Path);
        var (sock, socket) = SpecialFiles.Socket(tmp.Path);
        using var _ = socket;
        var dir = tmp.Sub("dir");
        Directory.CreateDirectory(dir);
        foreach (var (path, kind, phrase) in new[]
                 {
                     (full, FileKind.CharacterDevice, "a character device"), (nul, FileKind.CharacterDevice, "a character device"),
                     (fifo, FileKind.Fifo, "a named pipe (FIFO)"), (sock, FileKind.Socket, "a socket"), (dir, FileKind.Directory, "a directory"),
                 })
        {
            var e = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(path, "output"));
            Assert.Equal($"{path} is {phrase}, not a regular file: it is not replaced (outputs are written only to regular files)", e.Message);
            var check = Assert.Throws<IOException>(() => AtomicFile.CheckTarget(path));
            Assert.Equal(e.Message, check.Message);
            Assert.Equal(kind, SpecialFiles.Kind(path));
        }
        Assert.Empty(Directory.EnumerateFiles(tmp.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void The_file_kind_from_the_runtime_fallback_agrees_with_statx()
    {
        var fifo = SpecialFiles.Fifo(tmp.Path);
        var file = tmp.Sub("f.txt");
        File.WriteAllText(file, "x");
        var link = tmp.Sub("link");
        File.CreateSymbolicLink(link, file);
        foreach (var (path, kind) in new[]
                 {
                     (file, FileKind.Regular), (tmp.Path, FileKind.Directory), (fifo, FileKind.Fifo), ("/dev/null", FileKind.CharacterDevice),
                     (link, FileKind.SymbolicLink), (tmp.Sub("missing"), FileKind.Missing), (tmp.Sub("f.txt", "below-a-file"), FileKind.Missing),
                 })
        {
            Assert.Equal(kind, FileKinds.Of(path, followLinks: false));
            Assert.Equal(kind, FileKinds.OfRuntimeStat(path, followLinks: false));
        }
        Assert.Equal(FileKind.Regular, FileKinds.Of(link, followLinks: true));
        Assert.Equal(FileKind.Regular, FileKinds.OfRuntimeStat(link, followLinks: true));
    }

    [Fact]
    public void A_symbolic_link_is_written_through_and_kept()
    {
        var target = tmp.Sub("real", "target.csv");
        Directory.CreateDirectory(tmp.Sub("real"));
        File.WriteAllText(target, "old");
        var link = tmp.Sub("link.csv");
        File.CreateSymbolicLink(link, Path.Combine("real", "target.csv"));
        var chain = tmp.Sub("chain.csv");
        File.CreateSymbolicLink(chain, link);

        AtomicFile.WriteAllText(chain, "new");

        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal(FileKind.SymbolicLink, SpecialFiles.Kind(link));
        Assert.Equal(FileKind.SymbolicLink, SpecialFiles.Kind(chain));
        Assert.Equal(target, AtomicFile.CheckTarget(chain));
        Assert.Empty(Leftovers("real", "real/target.csv", "link.csv", "chain.csv"));
    }

    [Fact]
    public void A_dangling_link_creates_its_target()
    {
        var link = tmp.Sub("link.csv");
        File.CreateSymbolicLink(link, "later.csv");
        AtomicFile.WriteAllText(link, "content");
        Assert.Equal("content", File.ReadAllText(tmp.Sub("later.csv")));
        Assert.Equal(FileKind.SymbolicLink, SpecialFiles.Kind(link));
    }

    [Fact]
    public void A_link_to_a_special_file_or_a_loop_is_refused()
    {
        var toDevice = tmp.Sub("to-full");
        File.CreateSymbolicLink(toDevice, SpecialFiles.FullDevice(tmp.Path));
        var e = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(toDevice, "x"));
        Assert.StartsWith($"{toDevice} (resolving to {SpecialFiles.FullDevice(tmp.Path)}) is a character device", e.Message);
        Assert.Equal(FileKind.SymbolicLink, SpecialFiles.Kind(toDevice));

        File.CreateSymbolicLink(tmp.Sub("loop1"), "loop2");
        File.CreateSymbolicLink(tmp.Sub("loop2"), "loop1");
        var loop = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(tmp.Sub("loop1"), "x"));
        Assert.Contains("a symbolic link loop (or a chain of more than 40 links)", loop.Message);
        var below = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(tmp.Sub("loop1", "x.csv"), "x"));
        Assert.Contains("symbolic link loop", below.Message);
    }

    [Fact]
    public void An_input_is_refused_under_any_name()
    {
        var input = tmp.Sub("t.csv");
        File.WriteAllText(input, "input data");
        Directory.CreateDirectory(tmp.Sub("x"));
        File.CreateSymbolicLink(tmp.Sub("alias.csv"), "t.csv");
        File.CreateSymbolicLink(tmp.Sub("dirlink"), "x");
        foreach (var name in new[] { input, tmp.Sub("x", "..", "t.csv"), tmp.Sub("alias.csv"), tmp.Sub("dirlink", "..", "t.csv"), tmp.Path + "//./t.csv" })
        {
            var e = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(name, "output", [input]));
            Assert.Contains("is one of the input files", e.Message);
            Assert.Contains("inputs are never overwritten", e.Message);
            Assert.Throws<IOException>(() => AtomicFile.CheckTarget(name, [tmp.Sub("x", "..", "t.csv")]));
        }
        // The input named through a link is recognised as well.
        Assert.Throws<IOException>(() => AtomicFile.WriteAllText(input, "output", [tmp.Sub("alias.csv")]));
        Assert.Equal("input data", File.ReadAllText(input));
    }

    [Fact]
    public void Dotdot_after_a_link_is_taken_from_the_link_target_as_the_kernel_does()
    {
        // dirlink -> a/b, so dirlink/../t.csv is a/t.csv (not ./t.csv, which a lexical '..' would give).
        Directory.CreateDirectory(tmp.Sub("a", "b"));
        File.CreateSymbolicLink(tmp.Sub("dirlink"), Path.Combine("a", "b"));
        Assert.Equal(tmp.Sub("a", "t.csv"), AtomicFile.CheckTarget(tmp.Sub("dirlink", "..", "t.csv")));
    }

    [Fact]
    public void Dotdot_after_a_missing_directory_is_refused_as_the_kernel_does()
    {
        // Taken lexically, new/../new would write the file 'new' through its own missing directory 'new'.
        var e = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(tmp.Sub("new", "..", "new"), "x"));
        Assert.Equal($"{tmp.Sub("new", "..", "new")}: '..' follows {tmp.Sub("new")}, which does not exist", e.Message);
        Assert.Empty(tmp.Entries());
    }

    public static TheoryData<string, string> BadPaths => new()
    {
        { "", "'' is not a path: give a file name" },
        { "   ", "'   ' is not a path: give a file name" },
        { "/", "/ names a directory, not a file: give a file name (e.g. /out.csv)" },
        { "dir/", "dir/ names a directory, not a file: give a file name (e.g. dir/out.csv)" },
        { ".", ". names a directory, not a file: give a file name (e.g. ./out.csv)" },
        { "a\0b", "a\\u0000b contains a NUL character, which no path can hold" },
        { "esc\u001B[31m.csv/", "esc\\u001B[31m.csv/ names a directory, not a file: give a file name (e.g. esc\\u001B[31m.csv/out.csv)" },
    };

    [Theory]
    [MemberData(nameof(BadPaths))]
    public void Paths_that_name_no_file_are_refused_with_the_rule(string path, string message)
    {
        var e = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(path, "x"));
        Assert.Equal(message, e.Message);
        Assert.DoesNotContain("Parameter", e.Message);
    }

    [Fact]
    public void A_path_that_is_not_valid_unicode_is_refused()
    {
        // Built here: theory data would pass through serialisation, which replaces an unpaired surrogate.
        var path = tmp.Sub("bad" + '\uD800' + "name");
        var e = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(path, "x"));
        Assert.Equal($"{tmp.Path}/bad\\uD800name is not valid Unicode (an unpaired surrogate), so it names no file", e.Message);
        Assert.Empty(tmp.Entries());
    }

    [Fact]
    public void Names_and_paths_longer_than_the_file_system_holds_are_refused_and_long_target_names_still_get_a_temporary_file()
    {
        var tooLong = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(tmp.Sub(new string('n', 256)), "x"));
        Assert.Contains("is 256 bytes long; a file name holds at most 255 bytes", tooLong.Message);
        var multiByte = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(tmp.Sub(new string('é', 128)), "x"));
        Assert.Contains("is 256 bytes long", multiByte.Message);
        var deep = string.Join('/', Enumerable.Repeat(new string('d', 200), 21));
        var path = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(tmp.Sub(deep, "x.csv"), "x"));
        Assert.Contains("a path holds at most 4095 bytes", path.Message);
        Assert.Empty(tmp.Entries());

        var longest = tmp.Sub(new string('n', 251) + ".csv");
        AtomicFile.WriteAllText(longest, "fits");
        Assert.Equal("fits", File.ReadAllText(longest));
    }

    [Fact]
    public void A_file_in_the_way_of_a_directory_and_a_read_only_file_are_refused()
    {
        File.WriteAllText(tmp.Sub("plain"), "x");
        var e = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(tmp.Sub("plain", "sub", "out.csv"), "y"));
        Assert.Equal($"{tmp.Sub("plain", "sub", "out.csv")}: {tmp.Sub("plain")} is a regular file, not a directory", e.Message);
        Assert.Equal("x", File.ReadAllText(tmp.Sub("plain")));

        var ro = tmp.Sub("ro.csv");
        File.WriteAllText(ro, "keep");
        File.SetUnixFileMode(ro, UnixFileMode.UserRead);
        var r = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(ro, "y"));
        Assert.Equal($"{ro} is read-only: it is not replaced", r.Message);
        Assert.Equal("keep", File.ReadAllText(ro));
    }

    [Fact]
    public void A_set_is_all_or_nothing_when_a_file_fails_while_staged()
    {
        var first = tmp.Sub("merged.platform.json");
        File.WriteAllText(first, "old platform");
        using (var set = new AtomicFileSet())
        {
            set.WriteAllText(first, "new platform");
            set.WriteAllText(tmp.Sub("fresh", "raw.csv"), "raw");
            var e = Assert.Throws<IOException>(() => set.Stage(tmp.Sub("merged.linux.json"), Bytes(1000, 'x'), s => new FailingStream(s, 10)));
            Assert.Contains("merged.linux.json", e.Message);
        }
        Assert.Equal("old platform", File.ReadAllText(first));
        Assert.Empty(Leftovers("merged.platform.json"));
    }

    [Fact]
    public void A_set_puts_back_the_files_already_renamed_when_a_later_rename_fails()
    {
        var a = tmp.Sub("a.json");
        var b = tmp.Sub("b.json");
        File.WriteAllText(a, "old a");
        using (var set = new AtomicFileSet())
        {
            set.WriteAllText(a, "new a");
            set.WriteAllText(tmp.Sub("new.json"), "new file");
            set.WriteAllText(b, "new b");
            Directory.CreateDirectory(b); // b turns into a directory after it was staged
            var e = Assert.Throws<IOException>(set.Commit);
            Assert.Equal($"cannot write {b}: it became a directory while the output was computed, and is not replaced; none of the files was changed", e.Message);
        }
        Assert.Equal("old a", File.ReadAllText(a));
        Assert.False(File.Exists(tmp.Sub("new.json")));
        Assert.Empty(Leftovers("a.json", "b.json"));
    }

    [Fact]
    public void A_set_refuses_the_same_file_twice_and_commits_every_file()
    {
        using var set = new AtomicFileSet();
        set.WriteAllText(tmp.Sub("one.txt"), "1");
        File.CreateSymbolicLink(tmp.Sub("alias.txt"), "one.txt");
        var e = Assert.Throws<IOException>(() => set.WriteAllText(tmp.Sub("alias.txt"), "2"));
        Assert.Equal($"{tmp.Sub("alias.txt")} is written twice in one set of output files", e.Message);
        set.WriteAllText(tmp.Sub("d", "two.txt"), "2");
        set.Commit();
        Assert.Equal("1", File.ReadAllText(tmp.Sub("one.txt")));
        Assert.Equal("2", File.ReadAllText(tmp.Sub("d", "two.txt")));
        Assert.Empty(Leftovers("one.txt", "alias.txt", "d", "d/two.txt"));
    }

    [Fact]
    public void CheckDirectory_refuses_special_files_inputs_inside_and_accepts_new_directories_without_creating_them()
    {
        var fifo = SpecialFiles.Fifo(tmp.Path);
        Assert.Equal($"{fifo} is a named pipe (FIFO), not a directory: the output needs a directory",
            Assert.Throws<IOException>(() => AtomicFile.CheckDirectory(fifo)).Message);
        Directory.CreateDirectory(tmp.Sub("out"));
        File.WriteAllText(tmp.Sub("out", "in.json"), "{}");
        Assert.Contains("holds the input file", Assert.Throws<IOException>(() => AtomicFile.CheckDirectory(tmp.Sub("out"), [tmp.Sub("out", "in.json")])).Message);
        Assert.Equal(tmp.Sub("new", "dir"), AtomicFile.CheckDirectory(tmp.Sub("new", "dir")));
        Assert.False(Directory.Exists(tmp.Sub("new")));
        Assert.Equal(["fifo", "out"], tmp.Entries());
    }

    [Fact]
    public void A_killed_writer_leaves_the_old_or_the_new_content_never_a_mixture()
    {
        var target = tmp.Sub("big.bin");
        var a = KilledWriter.Content(0);
        AtomicFile.WriteAllBytes(target, a);
        var b = KilledWriter.Content(1);
        var rng = new Random(1729);
        for (var run = 0; run < 6; run++)
        {
            KilledWriter.RunAndKill(target, TimeSpan.FromMilliseconds(rng.Next(0, 400)));
            var now = File.ReadAllBytes(target);
            Assert.True(now.AsSpan().SequenceEqual(a) || now.AsSpan().SequenceEqual(b),
                $"run {run}: {target} holds {now.Length} bytes, neither complete version ({a.Length} bytes of 'a' or {b.Length} of 'b')");
        }
        // Hidden temporary files of killed writers may remain; the final name never holds a partial file.
        Assert.All(Leftovers("big.bin"), f => Assert.Matches(@"^\.big\.bin\.[0-9a-f]{32}\.tmp$", f));
    }
}

/// <summary>The child process of the kill test: this test assembly, started as a program with itself as its startup
/// hook (<see cref="global::StartupHook"/>), rewrites a file through <see cref="AtomicFile"/> in a loop, alternating two
/// contents, until it is killed.</summary>
internal static class KilledWriter
{
    public const string PathVariable = "PERFMODEL_TEST_KILLED_WRITER_PATH";
    private const int Bytes = 8 << 20;

    /// <summary>Version <paramref name="i"/> (0 or 1) of the content: 8 MiB of 'a' or 'b', then a newline.</summary>
    public static byte[] Content(int i)
    {
        var b = new byte[Bytes + 1 + i];
        Array.Fill(b, (byte)(i == 0 ? 'a' : 'b'));
        b[^1] = (byte)'\n';
        return b;
    }

    /// <summary>The child's loop (stops by itself after a minute, should its parent have gone).</summary>
    public static void Loop(string path)
    {
        var stop = DateTime.UtcNow.AddMinutes(1);
        for (var i = 0; DateTime.UtcNow < stop; i++)
        {
            AtomicFile.WriteAllBytes(path, Content(i % 2));
            if (i == 0) Console.Out.WriteLine("writing");
        }
        Environment.Exit(0);
    }

    /// <summary>Starts the child, waits until it has written once, lets it run for <paramref name="delay"/> and kills it.</summary>
    public static void RunAndKill(string path, TimeSpan delay)
    {
        var assembly = typeof(KilledWriter).Assembly.Location;
        var info = new System.Diagnostics.ProcessStartInfo("dotnet", [assembly]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["DOTNET_STARTUP_HOOKS"] = assembly;
        info.Environment[PathVariable] = path;
        using var child = System.Diagnostics.Process.Start(info)!;
        var errors = child.StandardError.ReadToEndAsync();
        var line = child.StandardOutput.ReadLineAsync();
        var started = line.Wait(TimeSpan.FromSeconds(60)) && line.Result == "writing";
        if (started) Thread.Sleep(delay);
        child.Kill(entireProcessTree: true);
        child.WaitForExit();
        if (!started) throw new Xunit.Sdk.XunitException($"the writer did not start: {errors.Result}");
    }
}
