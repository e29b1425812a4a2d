namespace PerfModel.NotebookTests.Support;

/// <summary>The notebooks under test: every notebooks/*.ipynb, by file name, in order.</summary>
public static class Notebooks
{
    /// <summary>The file names (an empty list when notebooks/ is missing).</summary>
    public static IReadOnlyList<string> Names() =>
        Directory.Exists(RepoPaths.Notebooks)
            ? Directory.GetFiles(RepoPaths.Notebooks, "*.ipynb").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray()
            : [];

    /// <summary>The same, as theory data.</summary>
    public static TheoryData<string> Data()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names()) data.Add(name);
        return data;
    }
}
