namespace PerfModel.Reports.Files;

/// <summary>How <see cref="ReportWriter"/> writes a report.</summary>
/// <param name="Images">Render figures/&lt;name&gt;.png and .svg with headless Chromium (when it is installed).</param>
/// <param name="ChromiumPath">The browser; Debian's package by default. It is never downloaded.</param>
/// <param name="Title">Page title and heading.</param>
/// <param name="Introduction">One paragraph under the heading (e.g. which profiles the report was computed from).</param>
/// <param name="VirtualTimeBudgetMilliseconds">Chromium's --virtual-time-budget for the render page.</param>
/// <param name="BrowserTimeoutSeconds">Wall-clock limit of the one Chromium run.</param>
public sealed record ReportWriterOptions(
    bool Images = true,
    string ChromiumPath = HeadlessChromium.DebianPath,
    string Title = "PerfModel report",
    string? Introduction = null,
    int VirtualTimeBudgetMilliseconds = 120_000,
    int BrowserTimeoutSeconds = 180);
