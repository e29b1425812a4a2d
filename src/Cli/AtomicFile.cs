namespace PerfModel.Cli;

/// <summary>Writes a file atomically: to a temporary file in the same folder, then renamed over the target.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text, IEnumerable<string> inputs)
    {
        var full = Path.GetFullPath(path);
        if (inputs.Any(i => string.Equals(Path.GetFullPath(i), full, StringComparison.Ordinal)))
            throw new IOException($"--out {path} is one of the input files; inputs are never overwritten");
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllText(tmp, text);
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }
}
