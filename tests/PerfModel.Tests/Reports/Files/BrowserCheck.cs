using System.Diagnostics;
using System.Text.RegularExpressions;

namespace PerfModel.Tests.Reports.Files;

/// <summary>Opens a report's index.html in headless Chromium with every host name unresolvable (no network at all),
/// lets the page run, and reads back what each figure div recorded: the page's own script sets data-rendered-traces
/// (trace groups drawn into the plot's SVG) or data-render-error on each div once Plotly.newPlot settles.
/// Independent of the writer's own browser code: its own process, flags and DOM parsing.</summary>
internal static partial class BrowserCheck
{
    public sealed record PlotState(string Figure, int Expected, int? Rendered, string? Error, bool HasSvg);

    public static IReadOnlyList<PlotState> Plots(string indexHtml)
    {
        var profile = Directory.CreateTempSubdirectory("perfmodel-browser-check-");
        try
        {
            var psi = new ProcessStartInfo("/usr/bin/chromium") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile.FullName,
                         "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=60000", "--dump-dom",
                         new Uri(Path.GetFullPath(indexHtml)).AbsoluteUri,
                     })
                psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(TimeSpan.FromSeconds(120)))
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not finish within 120 s");
            }
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, $"chromium exit code {p.ExitCode}: {stderr.Result}");
            var dom = stdout.Result;
            return PlotDiv().Matches(dom).Select(m =>
            {
                var tag = m.Value;
                string? Attr(string name) => Regex.Match(tag, $"\\b{name}=\"([^\"]*)\"") is { Success: true } a ? System.Net.WebUtility.HtmlDecode(a.Groups[1].Value) : null;
                var body = dom.Substring(m.Index, Math.Min(4000, dom.Length - m.Index));
                return new PlotState(Attr("data-figure")!, int.Parse(Attr("data-expected-traces")!, System.Globalization.CultureInfo.InvariantCulture),
                    Attr("data-rendered-traces") is { } r ? int.Parse(r, System.Globalization.CultureInfo.InvariantCulture) : null,
                    Attr("data-render-error"), body.Contains("class=\"main-svg\"", StringComparison.Ordinal));
            }).ToArray();
        }
        finally
        {
            try { profile.Delete(recursive: true); }
            catch (IOException) { /* best effort */ }
        }
    }

    [GeneratedRegex("<div\\b[^>]*\\bdata-figure=\"[^\"]*\"[^>]*>")]
    private static partial Regex PlotDiv();
}
