namespace PerfModel.Tests.Support;

/// <summary>
/// Golden-file comparison (the idea of Verify, which is not available here): the expected text lives in
/// tests/golden/&lt;name&gt;; on a mismatch the actual text is written beside it as &lt;name-without-extension&gt;.received.&lt;ext&gt;
/// (ignored by git) and the test fails with the first differing line. Set PERFMODEL_ACCEPT_GOLDEN=1 to overwrite the
/// expected files after a deliberate change (then review the diff before committing).
/// </summary>
internal static class GoldenFile
{
    public static string Dir => Path.Combine(RepoPaths.Root(), "tests", "golden");

    public static void Verify(string name, string actual)
    {
        var expectedPath = Path.Combine(Dir, name);
        var received = Path.Combine(Path.GetDirectoryName(expectedPath)!, Path.GetFileNameWithoutExtension(expectedPath) + ".received" + Path.GetExtension(expectedPath));
        if (Environment.GetEnvironmentVariable("PERFMODEL_ACCEPT_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(expectedPath)!);
            File.WriteAllText(expectedPath, actual);
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        var expected = File.Exists(expectedPath) ? File.ReadAllText(expectedPath) : null;
        if (expected == actual)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        File.WriteAllText(received, actual);
        if (expected is null) Assert.Fail($"golden file {name} does not exist; the output was written to {received}");
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var line = Enumerable.Range(0, Math.Min(e.Length, a.Length)).FirstOrDefault(i => e[i] != a[i], Math.Min(e.Length, a.Length));
        Assert.Fail($"{name} differs from the golden file at line {line + 1}:\n  expected: {(line < e.Length ? e[line] : "<end>")}\n  actual:   {(line < a.Length ? a[line] : "<end>")}\n(actual written to {received})");
    }
}
