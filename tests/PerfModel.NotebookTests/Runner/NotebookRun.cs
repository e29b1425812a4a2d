using Microsoft.DotNet.Interactive.Documents;

namespace PerfModel.NotebookTests.Runner;

/// <summary>The result of running every code cell of one notebook.</summary>
/// <param name="Name">The notebook's file name without folder (e.g. <c>01-quick-start.ipynb</c>).</param>
/// <param name="Executed">The notebook with every code cell's outputs and execution count filled in, ready to save.</param>
/// <param name="Cells">One entry per code cell that was run, in order (markdown cells are not run and not listed).</param>
/// <param name="Packages">Every NuGet package the kernel added (<c>PackageAdded</c>), as name → version.</param>
/// <param name="Elapsed">Wall time of the whole notebook, kernel start-up included.</param>
public sealed record NotebookRun(
    string Name,
    InteractiveDocument Executed,
    IReadOnlyList<CellRun> Cells,
    IReadOnlyDictionary<string, string> Packages,
    TimeSpan Elapsed)
{
    /// <summary>One line per cell error: <c>&lt;notebook&gt; cell &lt;n&gt; (&lt;first line of the cell&gt;): &lt;message&gt;</c>.</summary>
    public IReadOnlyList<string> Failures =>
        Cells.SelectMany(c => c.Errors.Select(e => $"{Name} cell {c.Number} ({c.FirstLine}): {e}")).ToArray();

    /// <summary>Whether no cell reported an error.</summary>
    public bool Succeeded => Cells.All(c => !c.Failed);

    /// <summary>Every output of every cell, in order.</summary>
    public IEnumerable<CellOutput> Outputs => Cells.SelectMany(c => c.Outputs);
}
