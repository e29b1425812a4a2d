using System.Text.RegularExpressions;
using PerfModel.Reports.Figures;
using PerfModel.Reports.Files;
using PerfModel.Tests.Reports.Figures;

namespace PerfModel.Tests.Reports.Files;

/// <summary><see cref="CalibrationFitFigures.WriteHtml"/>: one self-contained page per figure, written all or nothing.</summary>
[Collection(CalibrationFitCollection.Name)]
public sealed class CalibrationFitHtmlTests(CalibrationFitFixture fx)
{
    private static string[] Files(string dir) =>
        Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f)).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Writes_one_self_contained_page_per_figure_with_its_plot()
    {
        using var tmp = new TempDir();
        var dir = tmp.Sub("figures", "calibration"); // parents created
        var written = CalibrationFitFigures.WriteHtml(fx.Result, dir);

        Assert.Equal(CalibrationFitFigures.Names.Select(n => Path.Combine(dir, n + ".html")), written);
        Assert.Equal(CalibrationFitFigures.Names.Select(n => n + ".html").Order(StringComparer.Ordinal), Files(dir)); // no temporary file left
        var plotly = PlotlyJs.Source();
        foreach (var figure in fx.Figures)
        {
            var html = File.ReadAllText(Path.Combine(dir, figure.Name + ".html"));
            Assert.StartsWith("<!DOCTYPE html>", html);
            Assert.EndsWith("</html>\n", html);
            Assert.Contains("<title>" + System.Net.WebUtility.HtmlEncode(figure.Title) + "</title>", html);
            Assert.Contains("<p class=\"caption\">" + System.Net.WebUtility.HtmlEncode(figure.Caption) + "</p>", html);
            // plotly.js inline once, nothing remote
            var at = html.IndexOf(plotly, StringComparison.Ordinal);
            Assert.True(at > 0, "plotly.js is inlined");
            Assert.Equal(at, html.LastIndexOf(plotly, StringComparison.Ordinal));
            Assert.DoesNotMatch(new Regex("(src|href)=\"http", RegexOptions.IgnoreCase), html);
            Assert.DoesNotMatch(new Regex("<script[^>]*\\bsrc\\s*=", RegexOptions.IgnoreCase), html);
            // the plot: its element, drawn with Plotly.newPlot from the figure's traces
            Assert.Contains($"<div class=\"perfmodel-chart\" id=\"plot-{figure.Name}\"", html);
            Assert.Contains("window.Plotly.newPlot(el, data, layout", html);
            foreach (var t in fx.Traces(figure.Name))
                Assert.Contains("\"name\":" + System.Text.Json.JsonSerializer.Serialize(ReportFiguresFixture.Str(t, "name")), html);
        }
        Assert.Matches(@"""x"":\[1(\.0)?,2(\.0)?,4(\.0)?,8(\.0)?,16(\.0)?,32(\.0)?,64(\.0)?\]", File.ReadAllText(written[0])); // the STREAM thread counts fitted
    }

    [Fact]
    public void Rewriting_replaces_the_pages_with_the_same_bytes_and_leaves_other_files_alone()
    {
        using var tmp = new TempDir();
        var dir = tmp.Sub("out");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "keep me");
        File.WriteAllText(Path.Combine(dir, CalibrationFitFigures.MemoryTiersName + ".html"), "stale");
        var first = CalibrationFitFigures.WriteHtml(fx.Result, dir).Select(File.ReadAllBytes).ToArray();
        var second = CalibrationFitFigures.WriteHtml(fx.Result, dir).Select(File.ReadAllBytes).ToArray();
        Assert.Equal(first, second);
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(dir, "notes.txt")));
        Assert.Equal(CalibrationFitFigures.Names.Select(n => n + ".html").Append("notes.txt").Order(StringComparer.Ordinal), Files(dir));
    }

    [Fact]
    public void A_target_that_is_not_a_directory_is_refused_with_a_clear_error()
    {
        using var tmp = new TempDir();
        var file = tmp.Sub("figures");
        File.WriteAllText(file, "not a directory");
        var e = Assert.Throws<IOException>(() => CalibrationFitFigures.WriteHtml(fx.Result, file));
        Assert.StartsWith(file + " is a regular file, not a directory", e.Message);
        Assert.Equal("not a directory", File.ReadAllText(file));

        var below = Path.Combine(file, "sub"); // a path through a file
        var e2 = Assert.Throws<IOException>(() => CalibrationFitFigures.WriteHtml(fx.Result, below));
        Assert.StartsWith(below, e2.Message);
        Assert.Contains("not a directory", e2.Message);
        Assert.Equal(["figures"], tmp.Entries());
    }

    [Fact]
    public void A_failure_part_way_leaves_every_file_as_it_was()
    {
        using var tmp = new TempDir();
        var dir = tmp.Sub("out");
        Directory.CreateDirectory(dir);
        var memory = Path.Combine(dir, CalibrationFitFigures.MemoryTiersName + ".html");
        File.WriteAllText(memory, "previous");
        // the last page's name is taken by a directory: the first two pages are staged, then the set fails
        Directory.CreateDirectory(Path.Combine(dir, CalibrationFitFigures.NoiseClassesName + ".html"));
        var e = Assert.Throws<IOException>(() => CalibrationFitFigures.WriteHtml(fx.Result, dir));
        Assert.Contains(CalibrationFitFigures.NoiseClassesName + ".html", e.Message);
        Assert.Equal("previous", File.ReadAllText(memory));
        Assert.Equal([CalibrationFitFigures.MemoryTiersName + ".html", CalibrationFitFigures.NoiseClassesName + ".html"], Files(dir));

        // into a new directory, a page that would overwrite an input: nothing is written, not even the directories
        var fresh = tmp.Sub("new", "figures");
        var input = Path.Combine(fresh, CalibrationFitFigures.InterconnectName + ".html");
        var e2 = Assert.Throws<IOException>(() => CalibrationFitFigures.WriteHtml(fx.Result with { Inputs = [.. fx.Result.Inputs, input] }, fresh));
        Assert.Contains("one of the input files", e2.Message);
        Assert.Equal(["out"], tmp.Entries());
    }
}
