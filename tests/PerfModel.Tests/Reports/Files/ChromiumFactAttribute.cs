using PerfModel.Reports.Files;

namespace PerfModel.Tests.Reports.Files;

/// <summary>A fact that needs Debian's Chromium. When /usr/bin/chromium is missing the test is reported as SKIPPED with
/// the reason (never a silent pass); .ci/run installs the package so that CI runs it.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(HeadlessChromium.DebianPath))
            Skip = $"real-browser test skipped: {HeadlessChromium.DebianPath} is not installed (apt-get install -y chromium)";
    }
}
