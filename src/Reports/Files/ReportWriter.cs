using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using PerfModel.Reports.Content;
using PerfModel.Reports.Formats;

namespace PerfModel.Reports.Files;

/// <summary>
/// Writes a report directory from any list of figures and tables:
/// <list type="bullet">
/// <item><c>index.html</c>: one self-contained page (plotly.js inline once, no remote reference), each figure drawn from
/// its figure JSON with its title and caption, then the tables;</item>
/// <item><c>data/&lt;name&gt;.csv</c> for every figure and table (invariant culture);</item>
/// <item><c>figures/&lt;name&gt;.png</c> and <c>.svg</c> for every figure, drawn by one headless Chromium run; when the
/// browser is not installed (or images are not wanted) the HTML and CSV are still written and the reason is printed.</item>
/// </list>
/// Everything is built in a staging directory next to the destination, each file written through the one atomic writer
/// (PerfModel.Profiles.Files.AtomicFile), and the directory is moved into place only when complete: a failure leaves nothing behind.
/// </summary>
public static partial class ReportWriter
{
    /// <summary>Writes <paramref name="figures"/> and <paramref name="tables"/> to <paramref name="outputDirectory"/> (see the
    /// class remarks), logging progress and a summary to <paramref name="log"/>.</summary>
    /// <exception cref="ArgumentException">A figure or table name is unsafe or used twice, or a figure size is out of range.</exception>
    /// <exception cref="IOException">The destination is a file or a directory that is not a previous report, or writing failed.</exception>
    /// <exception cref="BrowserRenderException">The browser failed to draw the figures (nothing is written).</exception>
    public static ReportResult Write(IReadOnlyList<Figure> figures, IReadOnlyList<ReportTable> tables, string outputDirectory,
        ReportWriterOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        CheckNames(figures, tables);
        var clock = Stopwatch.StartNew();
        var browser = new HeadlessChromium(options.ChromiumPath);
        var missing = !options.Images ? "images were not requested (--no-images)"
            : !browser.IsInstalled ? $"{options.ChromiumPath} not found, so no browser can draw them (install Debian's chromium package: apt-get install chromium)"
            : null;
        log.WriteLine(Invariant($"report: {figures.Count} figure(s), {tables.Count} table(s) -> {outputDirectory}"));

        var plotly = PlotlyJs.Source();
        var specs = FigureSpecs.Json(figures);
        using var staging = new StagingDirectory(outputDirectory);

        IReadOnlyList<RenderedFigure>? images = null;
        if (missing is null && figures.Count > 0)
        {
            log.WriteLine(Invariant($"drawing {figures.Count} figure(s) in one headless Chromium run ({options.ChromiumPath}, network blocked) ..."));
            images = FigureImages.Render(browser, ReportPage.Render(plotly, specs), figures.Count, options.VirtualTimeBudgetMilliseconds,
                TimeSpan.FromSeconds(options.BrowserTimeoutSeconds));
        }

        var drawn = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < figures.Count; i++)
        {
            var f = figures[i];
            staging.WriteText($"data/{f.Name}.csv", DataFrameCsv.ToCsv(f.Data));
            var line = Invariant($"  [{i + 1}/{figures.Count}] {f.Name}: data/{f.Name}.csv");
            if (images is not null)
            {
                var img = images[i];
                staging.WriteBytes($"figures/{f.Name}.png", img.Png);
                staging.WriteText($"figures/{f.Name}.svg", img.Svg);
                drawn[f.Name] = img.DrawnTraces;
                line += Invariant($", figures/{f.Name}.png ({Size(img.Png.LongLength)}), .svg, {img.DrawnTraces}/{f.ExpectedTraces} traces drawn");
                if (img.DrawnTraces != f.ExpectedTraces) line += Invariant($"  WARNING: expected {f.ExpectedTraces} traces");
            }
            log.WriteLine(line);
        }
        foreach (var t in tables)
        {
            staging.WriteText($"data/{t.Name}.csv", DataFrameCsv.ToCsv(t.Data));
            log.WriteLine(Invariant($"  table {t.Name}: data/{t.Name}.csv ({t.Data.Rows.Count} rows)"));
        }
        staging.WriteText("index.html", ReportPage.Index(figures, tables, plotly, specs, options.Title, options.Introduction, missing));
        staging.Commit();
        clock.Stop();

        if (missing is not null) log.WriteLine("no PNG/SVG images: " + missing + "; index.html and the CSV files are complete");
        var files = staging.Files;
        var html = files.First(f => f.RelativePath == "index.html").Bytes;
        log.WriteLine(Invariant($"wrote {files.Count} files to {staging.Destination} (index.html {Size(html)}, ") +
                      Invariant($"{Count(files, ".csv")} CSV, {Count(files, ".png")} PNG, {Count(files, ".svg")} SVG) in {clock.Elapsed.TotalSeconds:0.0} s"));
        return new ReportResult(staging.Destination, files, missing, drawn, clock.Elapsed);
    }

    /// <summary>Checks, before any work, that <paramref name="outputDirectory"/> can take a report: a directory or nothing
    /// (links resolved), not a file-system root, new, empty or a previous report (index.html, data/, figures/ and nothing
    /// else), holding none of <paramref name="inputs"/>, and a file can be created there (the rules of
    /// <see cref="PerfModel.Profiles.Files.AtomicFile.CheckDirectory"/>). <see cref="Write"/> checks again.</summary>
    /// <param name="outputDirectory">The report directory as given.</param>
    /// <param name="inputs">Files the report is computed from (the report replaces its directory as a whole, so none may lie inside).</param>
    /// <returns>The report directory with every link resolved.</returns>
    /// <exception cref="IOException">A rule is broken; the message starts with the path and names the rule.</exception>
    public static string CheckDestination(string outputDirectory, IEnumerable<string>? inputs = null) =>
        StagingDirectory.Check(outputDirectory, inputs ?? []);

    /// <summary>Names are file stems and element ids: letters, digits, '.', '_' and '-', starting with a letter or digit,
    /// unique across figures and tables (they share data/).</summary>
    private static void CheckNames(IReadOnlyList<Figure> figures, IReadOnlyList<ReportTable> tables)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (kind, name) in figures.Select(f => ("figure", f.Name)).Concat(tables.Select(t => ("table", t.Name))))
        {
            if (!SafeName().IsMatch(name))
                throw new ArgumentException($"{kind} name '{name}' is not a safe file name (letters, digits, '.', '_', '-'; starting with a letter or digit)");
            if (!seen.Add(name)) throw new ArgumentException($"{kind} name '{name}' is used twice (figures and tables share data/<name>.csv)");
        }
        foreach (var f in figures)
            if (f.WidthPixels is < 16 or > 8192 || f.HeightPixels is < 16 or > 8192)
                throw new ArgumentException(Invariant($"figure '{f.Name}': size {f.WidthPixels}x{f.HeightPixels} is outside 16..8192 pixels"));
    }

    private static int Count(IEnumerable<(string RelativePath, long Bytes)> files, string extension) =>
        files.Count(f => f.RelativePath.EndsWith(extension, StringComparison.Ordinal));

    private static string Size(long bytes) =>
        bytes >= 1 << 20 ? Invariant($"{bytes / 1048576.0:0.0} MB") : Invariant($"{Math.Max(1, (bytes + 512) / 1024)} KB");

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeName();
}
