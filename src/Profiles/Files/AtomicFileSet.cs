using System.Text;

namespace PerfModel.Profiles.Files;

/// <summary>
/// Several output files written all or nothing: each file is staged complete in a temporary file beside its target
/// (checked first by the rules of <see cref="AtomicFile.CheckTarget"/>), and only <see cref="Commit"/> renames them over
/// their targets. A failure while staging, or disposing without a commit, removes every temporary file and every
/// directory the set created, so the targets are as they were. A rename that fails during the commit (rare: the
/// temporary files are in the targets' own directories) puts back the files already renamed, from copies taken just
/// before. A process killed during a commit can leave some targets new and some old, and a killed process leaves its
/// hidden temporary files (.&lt;name&gt;.&lt;id&gt;.tmp) behind; a target itself is always either complete old content or
/// complete new content.
/// </summary>
/// <remarks>Missing parent directories of a target are created when a file is staged, and removed again (if they
/// hold no file) when the set is disposed without a commit: a failed write leaves no new directory.</remarks>
public sealed class AtomicFileSet : IDisposable
{
    private readonly string[] inputs;
    private readonly List<Staged> staged = [];
    private readonly List<string> createdDirectories = [];
    private bool committed;

    /// <summary>A new, empty set.</summary>
    /// <param name="inputs">Files the outputs are computed from; no target may be one of them (compared by resolved path).</param>
    public AtomicFileSet(IEnumerable<string>? inputs = null) => this.inputs = [.. inputs ?? []];

    /// <summary>The resolved paths of the files staged so far, in order.</summary>
    public IReadOnlyList<string> Targets => [.. staged.Select(s => s.Target)];

    /// <summary>Stages <paramref name="text"/> (UTF-8, no byte-order mark) for <paramref name="path"/>.</summary>
    /// <param name="path">The target; a symbolic link is written through to its final target.</param>
    /// <param name="text">The content.</param>
    /// <exception cref="IOException">The target breaks a rule of <see cref="AtomicFile.CheckTarget"/>, is staged twice, or
    /// writing the temporary file failed (a full disk, permissions); the message names the path.</exception>
    public void WriteAllText(string path, string text) =>
        WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text ?? throw new ArgumentNullException(nameof(text))));

    /// <summary>Stages <paramref name="bytes"/> for <paramref name="path"/> (see <see cref="WriteAllText"/>).</summary>
    /// <param name="path">The target.</param>
    /// <param name="bytes">The content.</param>
    /// <exception cref="IOException">See <see cref="WriteAllText"/>.</exception>
    public void WriteAllBytes(string path, byte[] bytes) => Stage(path, bytes, null);

    /// <summary>Stages a file, writing it through <paramref name="wrap"/> (a test seam: a stream that fails part-way).</summary>
    internal void Stage(string path, byte[] bytes, Func<Stream, Stream>? wrap)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (committed) throw new InvalidOperationException("the set has been committed");
        var shown = OutputPaths.Show(path);
        var target = OutputPaths.CheckFile(path, inputs, probe: false);
        if (staged.Any(s => OutputPaths.Same(s.Target, target))) throw new IOException($"{shown} is written twice in one set of output files");
        var existed = File.Exists(target);
        var state = existed ? "the previous file is unchanged" : "nothing was written";
        try
        {
            var directory = Path.GetDirectoryName(target)!;
            if (OutputPaths.TopmostMissing(directory) is { } missing)
            {
                createdDirectories.Add(missing);
                Directory.CreateDirectory(directory);
            }
            var temp = OutputPaths.TemporaryName(target, "tmp");
            staged.Add(new Staged(shown, target, temp));
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var stream = wrap is null ? file : wrap(file);
                stream.Write(bytes);
                stream.Flush();
                file.Flush(flushToDisk: true);
            }
            if (existed && !OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, File.GetUnixFileMode(target));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (staged.Count > 0 && staged[^1].Target == target) Delete(staged[^1].Temp);
            throw new IOException($"cannot write {shown}: {(e is UnauthorizedAccessException ? "permission denied" : OutputPaths.Reason(e))}; {state}", e);
        }
    }

    /// <summary>Renames every staged file over its target. Afterwards the set is spent.</summary>
    /// <exception cref="IOException">A target changed into something that is not a regular file since it was staged, or a
    /// rename failed; the files already renamed are put back.</exception>
    public void Commit()
    {
        if (committed) throw new InvalidOperationException("the set has been committed");
        var done = new List<(Staged File, string? Backup, bool Moved)>();
        Staged? current = null;
        try
        {
            foreach (var s in staged)
            {
                current = s;
                var kind = FileKinds.Of(s.Target, followLinks: false);
                if (kind is not (FileKind.Missing or FileKind.Regular))
                    throw new IOException($"it became {FileKinds.Describe(kind)} while the output was computed, and is not replaced");
                // A single rename is atomic by itself; with several, a copy of each old file allows putting it back.
                string? backup = null;
                if (staged.Count > 1 && kind == FileKind.Regular)
                {
                    backup = OutputPaths.TemporaryName(s.Target, "old");
                    File.Copy(s.Target, backup);
                }
                done.Add((s, backup, false));
                File.Move(s.Temp, s.Target, overwrite: true);
                done[^1] = (s, backup, true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            foreach (var (file, backup, moved) in done)
            {
                try
                {
                    if (moved && backup is not null) File.Move(backup, file.Target, overwrite: true);
                    else if (moved) File.Delete(file.Target);
                }
                catch (Exception inner) when (inner is IOException or UnauthorizedAccessException)
                {
                    // Best effort: the message below says what was meant to happen.
                }
                if (backup is not null) Delete(backup);
            }
            var reason = e is UnauthorizedAccessException ? "permission denied" : OutputPaths.Reason(e);
            throw new IOException($"cannot write {current?.Shown}: {reason}; {(staged.Count > 1 ? "none of the files was changed" : "the previous file is unchanged")}", e);
        }
        committed = true;
        foreach (var (_, backup, _) in done)
            if (backup is not null) Delete(backup);
    }

    /// <summary>Without a commit: removes the temporary files and the directories the set created (when they hold no file).</summary>
    public void Dispose()
    {
        if (committed) return;
        foreach (var s in staged) Delete(s.Temp);
        foreach (var d in Enumerable.Reverse(createdDirectories))
            try
            {
                if (Directory.Exists(d) && !Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories).Any()) Directory.Delete(d, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort: an empty directory is all that can remain.
            }
        staged.Clear();
        createdDirectories.Clear();
    }

    private static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a hidden temporary file is all that can remain.
        }
    }

    private sealed record Staged(string Shown, string Target, string Temp);
}
