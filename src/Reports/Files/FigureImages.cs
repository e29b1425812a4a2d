using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using PerfModel.Profiles.Files;

namespace PerfModel.Reports.Files;

/// <summary>Draws every figure in ONE headless Chromium run and returns its PNG and SVG: the render page exports each
/// figure with Plotly.toImage and leaves the data URLs in the DOM, which is parsed from Chromium's --dump-dom output
/// (PNG: base64; SVG: URL-encoded).</summary>
internal static partial class FigureImages
{
    /// <summary>Renders <paramref name="figureCount"/> figures of <paramref name="renderPage"/> (<see cref="ReportPage.Render"/>)
    /// in one browser run.</summary>
    /// <exception cref="BrowserRenderException">The browser failed or the page reported an error.</exception>
    public static IReadOnlyList<RenderedFigure> Render(HeadlessChromium browser, string renderPage, int figureCount, int virtualTimeBudgetMilliseconds, TimeSpan timeout)
    {
        var work = Directory.CreateTempSubdirectory("perfmodel-render-");
        try
        {
            var page = Path.Combine(work.FullName, "render.html");
            AtomicFile.WriteAllText(page, renderPage);
            var dom = browser.DumpDom(page, virtualTimeBudgetMilliseconds, timeout);
            var values = Pre().Matches(dom).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value), StringComparer.Ordinal);
            var state = values.GetValueOrDefault("render-state") ?? "missing";
            if (state != "done")
                throw new BrowserRenderException(state == "pending"
                    ? $"the figures were not drawn within the virtual time budget of {virtualTimeBudgetMilliseconds} ms"
                    : $"drawing the figures failed in the browser: {state}");
            var result = new List<RenderedFigure>(figureCount);
            for (var i = 0; i < figureCount; i++)
            {
                string Get(string kind) => values.GetValueOrDefault($"{kind}-{i}") ?? throw new BrowserRenderException($"figure {i + 1}: no {kind} in the rendered page");
                var png = Get("png");
                var svg = Get("svg");
                const string pngPrefix = "data:image/png;base64,", svgPrefix = "data:image/svg+xml,";
                if (!png.StartsWith(pngPrefix, StringComparison.Ordinal) || !svg.StartsWith(svgPrefix, StringComparison.Ordinal))
                    throw new BrowserRenderException($"figure {i + 1}: unexpected image data URL");
                result.Add(new RenderedFigure(
                    Convert.FromBase64String(png[pngPrefix.Length..]),
                    Uri.UnescapeDataString(svg[svgPrefix.Length..]),
                    int.Parse(Get("traces"), NumberStyles.None, CultureInfo.InvariantCulture)));
            }
            return result;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [GeneratedRegex("""<pre id="([a-z]+(?:-state|-[0-9]+))">([^<]*)</pre>""", RegexOptions.CultureInvariant)]
    private static partial Regex Pre();
}
