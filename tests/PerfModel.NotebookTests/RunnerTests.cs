using Microsoft.DotNet.Interactive.Formatting;
using PerfModel.NotebookTests.Runner;
using PerfModel.NotebookTests.Support;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace PerfModel.NotebookTests;

/// <summary>The runner itself, on the notebooks in Fixtures/ (no PerfModel package needed): a failing cell fails the
/// run and is named, and package extensions load as in the real host.</summary>
[Collection(NotebookCollection.Name)]
public sealed class RunnerTests(ITestOutputHelper output)
{
    private static readonly NotebookRunner Runner = new(TimeSpan.FromMinutes(5));

    [Fact]
    public async Task A_cell_that_throws_and_a_cell_that_does_not_compile_fail_the_run_and_are_named()
    {
        var run = await Runner.RunAsync(Path.Combine(RepoPaths.Fixtures, "failing.ipynb"));
        foreach (var failure in run.Failures) output.WriteLine(failure);

        var failed = Assert.Throws<TrueException>(() => NotebookAssert.RanCleanly(run));
        Assert.Contains("failing.ipynb cell 3 (throw new InvalidOperationException(\"boom from a notebook cell\");): ", failed.Message);
        Assert.Contains("failing.ipynb cell 4 (int notANumber = \"text\";): ", failed.Message);
        Assert.Equal(2, run.Failures.Count);
        Assert.Contains("boom from a notebook cell", run.Failures[0]);
        Assert.Contains("CS0029", run.Failures[1]);

        // The cells around the failures ran and kept their output; markdown cells are not run.
        Assert.Equal([2, 3, 4, 5], run.Cells.Select(c => c.Number));
        Assert.Equal("before the failures", run.Cells[0].Outputs.Single(o => o.Kind == CellOutputKind.StandardOutput).Value(PlainTextFormatter.MimeType)!.Trim());
        Assert.Equal("after the failures", run.Cells[3].Outputs.Single(o => o.Kind == CellOutputKind.StandardOutput).Value(PlainTextFormatter.MimeType)!.Trim());
    }

    [Fact]
    public async Task Extensions_shipped_in_a_package_load_so_a_DataFrame_renders_as_an_html_table()
    {
        var run = await Runner.RunAsync(Path.Combine(RepoPaths.Fixtures, "dataframe.ipynb"));
        foreach (var o in run.Outputs) output.WriteLine($"{o.Kind}: {string.Join(", ", o.MimeTypes)}: {Shorten(o.Value(PlainTextFormatter.MimeType))}");

        NotebookAssert.RanCleanly(run);
        Assert.Contains(run.Outputs, o => o.Value(PlainTextFormatter.MimeType) is { } text
                                          && text.Contains("Loading extensions from", StringComparison.Ordinal)
                                          && text.Contains("Microsoft.Data.Analysis.Interactive.dll", StringComparison.Ordinal));
        var table = run.Cells[^1].Outputs.Single(o => o.Kind == CellOutputKind.ReturnValue).Value(HtmlFormatter.MimeType);
        Assert.NotNull(table);
        // Microsoft.Data.Analysis.Interactive's formatter: a <table> with the column names as headers.
        Assert.Contains("<table", table);
        Assert.Contains("<th>nodes</th>", table);
        Assert.Contains("<th>runtime_s</th>", table);
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 120 ? text : text[..120] + "…";
}
