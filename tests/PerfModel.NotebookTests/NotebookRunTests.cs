using System.Globalization;
using Microsoft.DotNet.Interactive.Formatting;
using PerfModel.NotebookTests.Browser;
using PerfModel.NotebookTests.Package;
using PerfModel.NotebookTests.Support;
using PerfModel.Reports.Files;
using Xunit.Abstractions;

namespace PerfModel.NotebookTests;

/// <summary>Every notebooks/*.ipynb runs, cell by cell, against the PerfModel package packed from this tree at the start
/// of the run; its executed form goes to out/notebooks/&lt;name&gt;.ipynb and .html and its time to the test output and
/// out/notebooks/timings.txt. Then, where Chromium is installed, its page is opened offline and every chart must draw.</summary>
[Collection(NotebookCollection.Name)]
public sealed class NotebookRunTests(FreshPackageFixture fixture, ITestOutputHelper output)
{
    /// <summary>The notebooks.</summary>
    public static TheoryData<string> All() => Notebooks.Data();

    [Theory]
    [MemberData(nameof(All))]
    public async Task Notebook_runs_with_no_cell_error_on_the_fresh_package(string notebook)
    {
        var packed = await fixture.PackageAsync();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"package: PerfModel {packed.Version} ({packed.Path}), packed in {packed.Elapsed.TotalSeconds:0.0} s"));
        var run = await fixture.RunAsync(notebook);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run.Name}: {run.Elapsed.TotalSeconds:0.0} s, {run.Cells.Count} code cells"));
        foreach (var cell in run.Cells)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  cell {cell.Number,2} {cell.Elapsed.TotalSeconds,6:0.0} s  {(cell.Failed ? "FAILED" : "ok")}  {cell.FirstLine}"));
        output.WriteLine($"written: {Path.Combine(RepoPaths.Output, Path.GetFileNameWithoutExtension(notebook))}.ipynb and .html");

        NotebookAssert.RanCleanly(run);
        Assert.True(run.Packages.TryGetValue("PerfModel", out var loaded), $"{notebook} loaded no PerfModel package");
        Assert.True(loaded == packed.Version, $"{notebook} loaded PerfModel {loaded}, not the {packed.Version} packed for this run");
        if (packed.HasInteractiveExtension)
        {
            var marker = $"perfmodel/{packed.Version}/interactive-extensions/dotnet/".ToLowerInvariant();
            Assert.True(run.Outputs.Any(o => o.Value(PlainTextFormatter.MimeType) is { } text && text.Contains("Loading extensions from", StringComparison.Ordinal)
                                              && text.Replace('\\', '/').ToLowerInvariant().Contains(marker, StringComparison.Ordinal)),
                $"{notebook}: the package's interactive extension ({marker}) was not loaded");
        }
        var page = File.ReadAllText(PagePath(notebook));
        Assert.True(ChartDom.RemoteScripts(page).Count == 0, $"{notebook}: the page loads scripts from the network: {string.Join(", ", ChartDom.RemoteScripts(page))}");
    }

    [ChromiumTheory]
    [MemberData(nameof(All))]
    public async Task Notebook_charts_draw_offline_in_headless_chromium(string notebook)
    {
        await fixture.RunAsync(notebook);
        var page = PagePath(notebook);
        var expected = ChartDom.Charts(File.ReadAllText(page));
        var dom = new HeadlessChromium().DumpDom(page, virtualTimeBudgetMilliseconds: 60_000, timeout: TimeSpan.FromMinutes(3));
        var charts = ChartDom.Charts(dom);
        output.WriteLine($"{notebook}: {charts.Count} perfmodel-chart div(s) in the page, {charts.Count(c => c.Drew)} drawn, opened offline from {page}");
        foreach (var chart in charts) output.WriteLine($"  {chart.Id}: {(chart.Drew ? "drawn (svg.main-svg)" : "NOT DRAWN")}");

        Assert.Equal(expected.Select(c => c.Id), charts.Select(c => c.Id));
        Assert.True(charts.All(c => c.Drew), $"{notebook}: charts without an svg.main-svg: {string.Join(", ", charts.Where(c => !c.Drew).Select(c => c.Id))}");
        Assert.True(ChartDom.RemoteScripts(dom).Count == 0, $"{notebook}: the page loaded scripts from the network: {string.Join(", ", ChartDom.RemoteScripts(dom))}");
    }

    private static string PagePath(string notebook) => Path.Combine(RepoPaths.Output, Path.GetFileNameWithoutExtension(notebook) + ".html");
}
