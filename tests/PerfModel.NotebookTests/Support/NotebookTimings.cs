using System.Globalization;
using System.Text;
using PerfModel.NotebookTests.Package;
using PerfModel.NotebookTests.Runner;

namespace PerfModel.NotebookTests.Support;

/// <summary>Keeps the wall time of the pack and of every notebook run in this test run, and rewrites
/// <paramref name="file"/> (out/notebooks/timings.txt) after each, so it is complete even if the run stops early.</summary>
public sealed class NotebookTimings(string file)
{
    private readonly object gate = new();
    private readonly SortedDictionary<string, (TimeSpan Elapsed, int Cells, bool Succeeded)> notebooks = new(StringComparer.Ordinal);
    private PackedPackage? package;

    /// <summary>Records the pack.</summary>
    public void RecordPack(PackedPackage packed)
    {
        lock (gate)
        {
            package = packed;
            Write();
        }
    }

    /// <summary>Records one notebook.</summary>
    public void Record(NotebookRun run)
    {
        lock (gate)
        {
            notebooks[run.Name] = (run.Elapsed, run.Cells.Count, run.Succeeded);
            Write();
        }
    }

    /// <summary>The file's text: one line for the pack, one per notebook, the notebooks' total.</summary>
    public string Text()
    {
        lock (gate)
        {
            var text = new StringBuilder("# wall time (s) of the notebook tests' last run: dotnet test tests/PerfModel.NotebookTests\n");
            if (package is not null)
                text.Append(CultureInfo.InvariantCulture, $"pack PerfModel {package.Version}\t{package.Elapsed.TotalSeconds:0.0}\n");
            foreach (var (name, (elapsed, cells, succeeded)) in notebooks)
                text.Append(CultureInfo.InvariantCulture, $"{name}\t{elapsed.TotalSeconds:0.0}\t{cells} code cells\t{(succeeded ? "ok" : "FAILED")}\n");
            text.Append(CultureInfo.InvariantCulture, $"notebooks total\t{notebooks.Values.Sum(n => n.Elapsed.TotalSeconds):0.0}\n");
            return text.ToString();
        }
    }

    private void Write()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, Text());
    }
}
