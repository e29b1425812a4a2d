using PerfModel.Calibration.Published;

namespace PerfModel.Tests.Calibration.Published;

public sealed class PublishedDataExceptionTests
{
    [Fact]
    public void MessageNamesFileLineFieldAndRule()
    {
        var e = new PublishedDataException("data/measured/x.csv", 12, "threads", "16 appears twice");
        Assert.Equal("data/measured/x.csv:12: threads: 16 appears twice", e.Message);
        Assert.Equal(("data/measured/x.csv", 12, "threads", "16 appears twice"), (e.File, e.Line, e.Field, e.Rule));
    }

    [Fact]
    public void WithoutALineTheLineIsLeftOut()
    {
        var e = new PublishedDataException("a.dat", null, "file", "file not found");
        Assert.Equal("a.dat: file: file not found", e.Message);
        Assert.Null(e.Line);
    }

    [Fact]
    public void TheMessageStaysOneLine()
    {
        var e = new PublishedDataException("odd\nname.csv", 3, "env", "'a\r\nb' is empty");
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain('\r', e.Message);
        Assert.Equal("'a\r\nb' is empty", e.Rule); // the parts themselves are kept as given
    }
}
