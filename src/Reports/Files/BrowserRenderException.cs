namespace PerfModel.Reports.Files;

/// <summary>Headless Chromium failed, timed out or the page reported an error while drawing the figures.</summary>
public sealed class BrowserRenderException(string message) : IOException(message);
