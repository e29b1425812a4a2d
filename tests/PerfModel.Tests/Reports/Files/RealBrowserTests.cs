using PerfModel.Profiles;
using PerfModel.Reports.Content;
using PerfModel.Reports.Files;
using PerfModel.Tests.Cli;
using Xunit.Abstractions;

namespace PerfModel.Tests.Reports.Files;

/// <summary>Draws the report in Debian's Chromium: the images and, separately, index.html opened with the network blocked.</summary>
public sealed class RealBrowserTests(ITestOutputHelper output)
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [ChromiumFact]
    public void Writer_draws_png_and_svg_and_the_page_renders_every_trace_offline()
    {
        using var tmp = new TempDir();
        var dir = tmp.Sub("report");
        var data = ReportData.Compute(Defaults.Study());
        var figures = StandInFigures.All(data);
        var log = new StringWriter();
        var result = ReportWriter.Write(figures, ReportTables.All(data), dir, new ReportWriterOptions(), log);
        output.WriteLine(log.ToString());
        Assert.Null(result.ImagesMissingReason);
        foreach (var f in figures)
        {
            var png = File.ReadAllBytes(Path.Combine(dir, "figures", f.Name + ".png"));
            Assert.Equal(PngSignature, png.Take(8));
            Assert.True(png.Length > 5_000, $"{f.Name}.png is only {png.Length} bytes");
            // IHDR: width and height as requested
            Assert.Equal(f.WidthPixels, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
            Assert.Equal(f.HeightPixels, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
            var svg = File.ReadAllText(Path.Combine(dir, "figures", f.Name + ".svg"));
            Assert.StartsWith("<svg", svg);
            Assert.Contains("</svg>", svg);
            Assert.Equal(f.ExpectedTraces, result.DrawnTraces[f.Name]);
        }
        AssertPageRendersOffline(Path.Combine(dir, "index.html"), figures.Count);
    }

    [ChromiumFact]
    public void Cli_report_end_to_end_renders_every_figure_offline()
    {
        using var tmp = new TempDir();
        var dir = tmp.Sub("out", "report");
        var (code, _, err) = CliRunner.Run("report", "--out", dir, "--no-sensitivity"); // the knife-edge search runs in .ci/run's main job
        output.WriteLine(err);
        Assert.Equal(0, code);
        var pngs = Directory.GetFiles(Path.Combine(dir, "figures"), "*.png");
        Assert.NotEmpty(pngs);
        foreach (var png in pngs)
        {
            Assert.Equal(PngSignature, File.ReadAllBytes(png).Take(8));
            Assert.Contains("<svg", File.ReadAllText(Path.ChangeExtension(png, ".svg")));
        }
        AssertPageRendersOffline(Path.Combine(dir, "index.html"), pngs.Length);
    }

    private void AssertPageRendersOffline(string index, int figureCount)
    {
        var plots = BrowserCheck.Plots(index);
        Assert.Equal(figureCount, plots.Count);
        foreach (var p in plots)
        {
            output.WriteLine($"{p.Figure}: {p.Rendered} of {p.Expected} traces drawn{(p.Error is null ? "" : ", error " + p.Error)}");
            Assert.Null(p.Error);
            Assert.True(p.HasSvg, $"{p.Figure}: no .main-svg in the drawn div");
            Assert.True(p.Expected > 0, $"{p.Figure}: expects no traces");
            Assert.Equal(p.Expected, p.Rendered);
        }
    }
}
