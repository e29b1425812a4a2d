using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Analysis;
using PerfModel.Profiles;
using PerfModel.Reports.Content;
using PerfModel.Reports.Files;
using PerfModel.Reports.Formats;

namespace PerfModel.Tests.Reports.Files;

public sealed class ReportWriterTests
{
    private static readonly ReportData Data = ReportData.Compute(Defaults.Study());
    private static readonly ReportWriterOptions NoImages = new(Images: false);

    private static ReportResult Write(string dir, ReportWriterOptions options, TextWriter? log = null) =>
        ReportWriter.Write(StandInFigures.All(Data), ReportTables.All(Data), dir, options, log ?? new StringWriter());

    [Fact]
    public void Index_is_one_self_contained_page_with_plotly_inline_once()
    {
        using var tmp = new TempDir();
        var dir = tmp.Sub("report");
        Write(dir, NoImages);
        var html = File.ReadAllText(Path.Combine(dir, "index.html"));

        // nothing remote: no src="http / href="http anywhere (plotly.js included), and no external script or stylesheet
        Assert.DoesNotMatch(new Regex("(src|href)=\"http", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex("<script[^>]*\\bsrc\\s*=", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex("<link\\b", RegexOptions.IgnoreCase), html);
        // outside <script> elements, no attribute points anywhere but a relative path or a fragment
        var markup = Regex.Replace(html, "<script\\b[^>]*>.*?</script>", "", RegexOptions.Singleline | RegexOptions.IgnoreCase);
        foreach (Match m in Regex.Matches(markup, "\\b(?:src|href)\\s*=\\s*\"([^\"]*)\"", RegexOptions.IgnoreCase))
            Assert.Matches("^(#|data/|figures/)", m.Groups[1].Value);

        // plotly.js exactly once, inline
        var plotly = PlotlyJs.Source();
        Assert.True(plotly.Length > 3_000_000, "plotly.js source is the full bundle");
        var at = html.IndexOf(plotly, StringComparison.Ordinal);
        Assert.True(at > 0, "plotly.js is inlined");
        Assert.Equal(at, html.LastIndexOf(plotly, StringComparison.Ordinal));
        Assert.Single(Regex.Matches(html, Regex.Escape("/* plotly.js " + PlotlyJs.Version)));

        // each figure: a graph div with its expected traces, the title, the escaped caption; then the tables
        foreach (var f in StandInFigures.All(Data))
        {
            Assert.Contains($"id=\"plot-{f.Name}\" data-figure=\"{f.Name}\" data-expected-traces=\"{f.ExpectedTraces}\"", html);
            Assert.Contains("<h2>" + HtmlTable.Escape(f.Title) + "</h2>", html);
            Assert.Contains("<p class=\"caption\">" + HtmlTable.Escape(f.Caption) + "</p>", html);
        }
        Assert.DoesNotContain("<script>window.pwned", html); // the caption's markup is text, not a script
        Assert.Contains("Plotly.newPlot(gd, s.data, s.layout, config)", html);
        Assert.Contains("<table id=\"table-table1-lulesh-ddr4\">", html);
        Assert.Contains("<table id=\"table-validation\">", html);
        Assert.Contains("<caption>", html);
        Assert.True(html.IndexOf("id=\"plot-test-runtime\"", StringComparison.Ordinal) < html.IndexOf("<table id=\"table-table1", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_figure_and_table_has_a_csv_that_parses_back_to_its_data()
    {
        using var tmp = new TempDir();
        var dir = tmp.Sub("report");
        var result = Write(dir, NoImages);
        var frames = StandInFigures.All(Data).Select(f => (f.Name, f.Data)).Concat(ReportTables.All(Data).Select(t => (t.Name, t.Data))).ToArray();
        Assert.Equal(["data", "index.html"], Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(frames.Select(f => f.Name + ".csv").Order(StringComparer.Ordinal), Directory.GetFiles(Path.Combine(dir, "data")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var (name, frame) in frames)
        {
            var path = Path.Combine(dir, "data", name + ".csv");
            var types = frame.Columns.Select(c => c.DataType).ToArray();
            var back = DataFrame.LoadCsv(path, dataTypes: types, cultureInfo: CultureInfo.InvariantCulture);
            Assert.Equal(frame.Columns.Select(c => c.Name), back.Columns.Select(c => c.Name));
            Assert.Equal(frame.Rows.Count, back.Rows.Count);
            for (var c = 0; c < frame.Columns.Count; c++)
                Assert.Equal(frame.Columns[c].Cast<object?>(), back.Columns[c].Cast<object?>());
        }
        Assert.Contains(result.Files, f => f.RelativePath == "data/validation.csv");
        Assert.Empty(result.DrawnTraces); // nothing drawn without images
    }

    [Fact]
    public void Output_is_deterministic()
    {
        using var tmp = new TempDir();
        Write(tmp.Sub("a"), NoImages);
        Write(tmp.Sub("b"), NoImages);
        foreach (var file in Directory.GetFiles(tmp.Sub("a"), "*", SearchOption.AllDirectories))
        {
            var other = Path.Combine(tmp.Sub("b"), Path.GetRelativePath(tmp.Sub("a"), file));
            Assert.True(File.ReadAllBytes(file).AsSpan().SequenceEqual(File.ReadAllBytes(other)), $"{file} differs between two runs");
        }
    }

    [Fact]
    public void Without_chromium_it_writes_html_and_csv_and_says_why_there_are_no_images()
    {
        using var tmp = new TempDir();
        var dir = tmp.Sub("report");
        var log = new StringWriter();
        var result = Write(dir, new ReportWriterOptions(ChromiumPath: tmp.Sub("no-such-chromium")), log);
        Assert.False(Directory.Exists(Path.Combine(dir, "figures")));
        Assert.True(File.Exists(Path.Combine(dir, "index.html")));
        Assert.Contains("no PNG/SVG images: " + tmp.Sub("no-such-chromium") + " not found", log.ToString());
        Assert.NotNull(result.ImagesMissingReason);
        var html = File.ReadAllText(Path.Combine(dir, "index.html"));
        Assert.Contains("No PNG/SVG files were written", html);
        Assert.DoesNotContain("href=\"figures/", html);
    }

    [Fact]
    public void A_failing_browser_leaves_no_output_and_keeps_the_previous_report()
    {
        using var tmp = new TempDir();
        var dir = tmp.Sub("report");
        Write(dir, NoImages);
        var before = File.ReadAllText(Path.Combine(dir, "index.html"));
        var fake = tmp.Sub("fake-chromium");
        File.WriteAllText(fake, "#!/bin/sh\necho 'boom: cannot draw' >&2\nexit 3\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var e = Assert.Throws<BrowserRenderException>(() => Write(dir, new ReportWriterOptions(ChromiumPath: fake)));
        Assert.Contains("exited with code 3", e.Message);
        Assert.Contains("boom: cannot draw", e.Message);
        Assert.Equal(before, File.ReadAllText(Path.Combine(dir, "index.html")));
        Assert.Equal(["fake-chromium", "report"], tmp.Entries()); // no staging directory left behind

        var fresh = tmp.Sub("new", "parents", "report");
        Assert.Throws<BrowserRenderException>(() => Write(fresh, new ReportWriterOptions(ChromiumPath: fake)));
        Assert.Equal(["fake-chromium", "report"], tmp.Entries()); // not even the parent directories it had to create

        var notExecutable = tmp.Sub("not-executable");
        File.WriteAllText(notExecutable, "");
        Assert.Throws<BrowserRenderException>(() => Write(tmp.Sub("x"), new ReportWriterOptions(ChromiumPath: notExecutable)));
        Assert.Equal(["fake-chromium", "not-executable", "report"], tmp.Entries());
    }

    [Fact]
    public void A_previous_report_is_replaced_but_any_other_directory_is_refused()
    {
        using var tmp = new TempDir();
        var dir = tmp.Sub("report");
        Write(dir, NoImages);
        File.WriteAllText(Path.Combine(dir, "data", "stale.csv"), "x\n");
        Write(dir, NoImages);
        Assert.False(File.Exists(Path.Combine(dir, "data", "stale.csv")));

        var foreign = tmp.Sub("mine");
        Directory.CreateDirectory(foreign);
        File.WriteAllText(Path.Combine(foreign, "notes.txt"), "keep me");
        var e = Assert.Throws<IOException>(() => Write(foreign, NoImages));
        Assert.Contains("not a previous report", e.Message);
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(foreign, "notes.txt")));
        Assert.Equal(["mine", "report"], tmp.Entries());
    }

    [Fact]
    public void Unsafe_or_duplicate_names_are_rejected_before_anything_is_written()
    {
        using var tmp = new TempDir();
        var figures = StandInFigures.All(Data);
        var bad = new[] { figures[0] with { Name = "../escape" } };
        Assert.Throws<ArgumentException>(() => ReportWriter.Write(bad, [], tmp.Sub("r"), NoImages, new StringWriter()));
        var dup = new[] { figures[0], figures[1] with { Name = figures[0].Name } };
        Assert.Throws<ArgumentException>(() => ReportWriter.Write(dup, [], tmp.Sub("r"), NoImages, new StringWriter()));
        Assert.Empty(tmp.Entries());
    }

    [Fact]
    public void Progress_has_one_line_per_figure_and_a_summary()
    {
        using var tmp = new TempDir();
        var log = new StringWriter();
        Write(tmp.Sub("r"), NoImages, log);
        var text = log.ToString();
        Assert.Contains("[1/2] test-ratio: data/test-ratio.csv", text);
        Assert.Contains("[2/2] test-runtime: data/test-runtime.csv", text);
        Assert.Matches(@"wrote 5 files to .* \(index\.html [0-9.]+ MB, 4 CSV, 0 PNG, 0 SVG\) in [0-9.]+ s", text);
    }
}
