using PerfModel.NotebookTests.Runner;

namespace PerfModel.NotebookTests.Support;

/// <summary>The assertion every notebook must pass, shared by the notebook tests and the test that proves it can fail.</summary>
internal static class NotebookAssert
{
    /// <summary>Fails with one line per cell error (<c>&lt;notebook&gt; cell &lt;n&gt; (&lt;first line&gt;): &lt;message&gt;</c>)
    /// when any cell reported one.</summary>
    public static void RanCleanly(NotebookRun run) =>
        Assert.True(run.Succeeded, $"{run.Failures.Count} cell error(s):\n{string.Join("\n", run.Failures)}");
}
