namespace PerfModel.Tests.Support;

/// <summary>A private temporary directory for small test files, deleted on dispose.</summary>
internal sealed class TempFiles : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "perfmodel-fwq-tests-" + Guid.NewGuid().ToString("N"));

    public TempFiles() => Directory.CreateDirectory(dir);

    /// <summary>Writes <paramref name="text"/> to a new file and returns its path.</summary>
    public string Write(string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    public string PathOf(string name) => Path.Combine(dir, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a leftover temp directory is harmless
        }
    }
}
