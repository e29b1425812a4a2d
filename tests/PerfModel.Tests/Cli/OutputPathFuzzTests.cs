using CsCheck;
using PerfModel.Profiles.Files;

namespace PerfModel.Tests.Cli;

/// <summary>
/// Fuzzing --out through the commands' own in-process entry point: generated paths (empty, blank, '/', '.', '..',
/// control characters, NUL, unpaired surrogates, names of 200-300 bytes, non-ASCII, trailing '/') built from names and
/// from fixtures in a private directory (an input, a FIFO, a socket, devices, a directory, links to them, a dangling
/// link, a link loop). Each case either exits 0 with a regular file written inside the private directory, or exits
/// non-zero with exactly one line on stderr ("perfmodel: error: …", no .NET parameter name, no raw control character);
/// either way the fixtures stay what they were and no temporary file is left. Seeded: every run tries the same paths;
/// PERFMODEL_FUZZ_CASES raises the count (<see cref="FuzzCases"/>).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class OutputPathFuzzTests : IDisposable
{
    private const ulong Seed = 0x2026_0012_0004UL;
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);
    private readonly TempDir tmp = new();
    private readonly string root;
    private readonly string input;
    private readonly byte[] inputBytes;
    private readonly string trace;
    private readonly byte[] traceBytes;
    private readonly IDisposable socket;
    private readonly (string Name, FileKind Kind)[] fixtures;

    public OutputPathFuzzTests()
    {
        root = tmp.Path;
        input = tmp.Sub("input.json");
        File.Copy(Path.Combine(RepoPaths.DataDir, "os", "linux.json"), input);
        inputBytes = File.ReadAllBytes(input);
        trace = tmp.Sub("trace.txt");
        File.WriteAllText(trace, "0 2000\n1000000 3000\n2000000 2500\n");
        traceBytes = File.ReadAllBytes(trace);
        Directory.CreateDirectory(tmp.Sub("dir"));
        SpecialFiles.Fifo(root);
        (_, socket) = SpecialFiles.Socket(root);
        if (Environment.IsPrivilegedProcess)
        {
            SpecialFiles.FullDevice(root);
            SpecialFiles.NullDevice(root);
        }
        else
        {
            File.CreateSymbolicLink(tmp.Sub("full"), "/dev/full");
            File.CreateSymbolicLink(tmp.Sub("null"), "/dev/null");
        }
        File.CreateSymbolicLink(tmp.Sub("linkdir"), "dir");
        File.CreateSymbolicLink(tmp.Sub("linkinput"), "input.json");
        File.CreateSymbolicLink(tmp.Sub("linktrace"), "trace.txt");
        File.CreateSymbolicLink(tmp.Sub("linkfifo"), "fifo");
        File.CreateSymbolicLink(tmp.Sub("dangling"), "nowhere.csv");
        File.CreateSymbolicLink(tmp.Sub("loop"), "loop2");
        File.CreateSymbolicLink(tmp.Sub("loop2"), "loop");
        fixtures =
        [
            ("input.json", FileKind.Regular), ("trace.txt", FileKind.Regular), ("dir", FileKind.Directory), ("fifo", FileKind.Fifo), ("sock", FileKind.Socket),
            ("linkdir", FileKind.SymbolicLink), ("linkinput", FileKind.SymbolicLink), ("linktrace", FileKind.SymbolicLink), ("linkfifo", FileKind.SymbolicLink),
            ("loop", FileKind.SymbolicLink), ("loop2", FileKind.SymbolicLink), ("full", Environment.IsPrivilegedProcess ? FileKind.CharacterDevice : FileKind.SymbolicLink),
            ("null", Environment.IsPrivilegedProcess ? FileKind.CharacterDevice : FileKind.SymbolicLink),
        ];
    }

    public void Dispose()
    {
        socket.Dispose();
        tmp.Dispose();
    }

    /// <summary>One path component: a name, a fixture, '.', '..' or something hostile.</summary>
    private static readonly Gen<string> Component = Gen.Frequency(
        (6, Gen.String[Gen.Char["abcXYZ019._- "], 1, 10]),
        (3, Gen.OneOfConst("input.json", "trace.txt", "dir", "fifo", "sock", "full", "null", "linkdir", "linkinput", "linktrace", "linkfifo", "dangling", "loop")),
        (2, Gen.OneOfConst(".", "..", "", " ", "\t", "-", "--out")),
        (1, Gen.Int[200, 300].Select(n => new string('n', n))),
        (1, Gen.Int[60, 130].Select(n => new string('é', n))),
        (1, Gen.Char['\0', '\u001F'].Select(c => "c" + c + "x")),
        (1, Gen.OneOfConst("\u007F", "名前.csv", "😀.csv", "bad\uD800", "\uDC00end", "a\0b", "\u001B[31mred")));

    /// <summary>A whole --out value: a bare hostile string, or components under the private directory with '..' never
    /// climbing above it (so that nothing outside it can be written even if a rule broke).</summary>
    private Gen<string> PathGen() => Gen.Frequency(
        (1, Gen.OneOfConst("", " ", "\t", "/", "//", ".", "..", "./", "../", "\0")),
        (9, Gen.Select(Component.Array[1, 5], Gen.Bool, (parts, slash) => Under(parts) + (slash ? "/" : ""))));

    private string Under(string[] parts)
    {
        var depth = 0;
        var safe = new List<string>();
        foreach (var p in parts)
        {
            if (p == "..")
            {
                if (depth == 0)
                {
                    safe.Add(".");
                    continue;
                }
                depth--;
            }
            else if (p is not ("." or "")) depth++;
            safe.Add(p);
        }
        return root + "/" + string.Join('/', safe);
    }

    /// <summary>Case <paramref name="i"/>'s command line and its input file: predict reads input.json as an OS profile,
    /// noise reads trace.txt as a noise trace.</summary>
    private (string[] Args, string Input) Command(int i, string path) => (i % 2) switch
    {
        0 => (["predict", "--app", "hpcg", "--os", "linux", "--nodes", "1", "--format", "csv", "--os-file", input, "--out", path], input),
        _ => (["noise", "--noise", $"poisson(rate=1000/s, dur=fixed(2us)) + trace({trace})", "--ranks", "64", "--format", "csv", "--out", path], trace),
    };

    [Fact]
    public void Every_out_path_gives_a_regular_file_or_one_clear_line()
    {
        var realRoot = OutputPaths.Resolve(root, root) + "/";
        var i = 0;
        SeededProperty.ForAll(PathGen(), Seed, FuzzCases.Count, path =>
        {
            var (args, own) = Command(i++, path);
            var run = Task.Run(() => CliRunner.Run(args));
            if (!run.Wait(Hang)) throw new Xunit.Sdk.XunitException($"hang: no answer within {Hang.TotalSeconds} s");
            var (code, output, err) = run.Result;
            Assert.Equal("", output);
            if (code == 0)
            {
                var written = OutputPaths.Resolve(path, path);
                Assert.StartsWith(realRoot, written);
                Assert.Equal(FileKind.Regular, FileKinds.Of(written, followLinks: false));
                Assert.NotEqual(0, new FileInfo(written).Length);
                // After any "note:" lines (an input file named like a built-in profile says that it replaces it).
                Assert.StartsWith("wrote ", string.Concat(err.Split('\n').SkipWhile(l => l.StartsWith("note: ", StringComparison.Ordinal)).Select(l => l + "\n")));
            }
            else
            {
                var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                Assert.True(lines.Length == 1, $"exit {code} with {lines.Length} lines on stderr:\n{err}");
                Assert.StartsWith("perfmodel: error: --out ", lines[0]);
                Assert.DoesNotContain("(Parameter", lines[0]);
                Assert.DoesNotContain("Exception", lines[0]);
                Assert.DoesNotContain(lines[0], char.IsControl);
                Assert.True(lines[0].Length < 1000, $"a message of {lines[0].Length} characters");
            }
            // The command's own input is never touched; the other command's may be written over (it is no input here),
            // and is put back for the next case.
            foreach (var (file, bytes) in new[] { (input, inputBytes), (trace, traceBytes) })
            {
                if (file == own) Assert.Equal(bytes, File.ReadAllBytes(file));
                else if (!File.ReadAllBytes(file).AsSpan().SequenceEqual(bytes)) File.WriteAllBytes(file, bytes);
            }
            foreach (var (name, kind) in fixtures) Assert.Equal(kind, FileKinds.Of(tmp.Sub(name), followLinks: false));
            var leftovers = Directory.EnumerateFiles(root, ".*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
                .Where(f => f.EndsWith(".tmp", StringComparison.Ordinal) || f.EndsWith(".probe", StringComparison.Ordinal)).ToArray();
            Assert.True(leftovers.Length == 0, "temporary files left: " + string.Join(", ", leftovers));
            RemoveOutputs();
        });
    }

    /// <summary>Removes what a case wrote (everything but the fixtures), so that each case starts from the same directory
    /// and the checks above stay cheap however many cases run.</summary>
    private void RemoveOutputs()
    {
        var keep = fixtures.Select(f => f.Name).Append("dangling").ToHashSet(StringComparer.Ordinal);
        foreach (var entry in Directory.EnumerateFileSystemEntries(root).Concat(Directory.EnumerateFileSystemEntries(tmp.Sub("dir"))))
        {
            if (keep.Contains(Path.GetFileName(entry)) && Path.GetDirectoryName(entry) == root) continue;
            if (FileKinds.Of(entry, followLinks: false) == FileKind.Directory) Directory.Delete(entry, recursive: true);
            else File.Delete(entry);
        }
    }
}
