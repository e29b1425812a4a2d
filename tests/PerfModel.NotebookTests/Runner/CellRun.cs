namespace PerfModel.NotebookTests.Runner;

/// <summary>What running one cell of a notebook produced.</summary>
/// <param name="Number">The cell's position in the notebook, from 1, markdown cells included (as a reader counts them).</param>
/// <param name="FirstLine">The cell's first non-blank line, trimmed: names the cell in error messages.</param>
/// <param name="Outputs">Every output, in the order the kernel published them.</param>
/// <param name="Errors">The messages of every <c>CommandFailed</c> and <c>ErrorProduced</c> (distinct); empty when the cell ran cleanly.</param>
/// <param name="Elapsed">Wall time of the submission, extension loading after it included.</param>
public sealed record CellRun(int Number, string FirstLine, IReadOnlyList<CellOutput> Outputs, IReadOnlyList<string> Errors, TimeSpan Elapsed)
{
    /// <summary>Whether the cell reported an error.</summary>
    public bool Failed => Errors.Count > 0;

    /// <summary>The first non-blank line of <paramref name="contents"/>, trimmed ("(empty)" for an empty cell).</summary>
    public static string FirstLineOf(string contents) =>
        contents.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "(empty)";
}
