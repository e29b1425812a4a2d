using PerfModel.Reports.Files;

namespace PerfModel.NotebookTests.Support;

/// <summary>A theory that needs Debian's Chromium: reported as SKIPPED with the reason when /usr/bin/chromium is
/// missing, never a silent pass (as <c>ChromiumFactAttribute</c> in PerfModel.Tests decides).</summary>
public sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the browser is not installed.</summary>
    public ChromiumTheoryAttribute()
    {
        if (!File.Exists(HeadlessChromium.DebianPath))
            Skip = $"offline chart check skipped: {HeadlessChromium.DebianPath} is not installed (apt-get install -y chromium); the notebooks still ran";
    }
}
