using System.Globalization;
using System.Text.Json;
using PerfModel.Reports.Figures;
using static PerfModel.Tests.Reports.Figures.ReportFiguresFixture;

namespace PerfModel.Tests.Reports.Figures;

/// <summary>Fig. 4's off-scale points, on the hand-typed defaults (the published defaults have none).</summary>
public sealed class PaperFigureOffScaleTests(HandTypedReportFiguresFixture fx) : IClassFixture<HandTypedReportFiguresFixture>
{
    [Fact]
    public void Fig4_draws_off_scale_values_on_the_edge_and_writes_them()
    {
        const string name = RelativeToBaselineFigure.Name;
        var frame = fx.Figure(name).Data;
        var rel = Column(frame, "relative");
        var drawn = Column(frame, "relative_drawn");
        var offScale = TextColumn(frame, "off_scale");
        var apps = TextColumn(frame, "app");
        var oses = TextColumn(frame, "os");
        var nodes = Column(frame, "nodes");

        // The hand-typed defaults have MiniFE above 1.75 on both LWKs at 2,048 nodes (the paper's MiniFE outlier).
        var minife = Enumerable.Range(0, rel.Length).Where(i => apps[i] == "minife" && oses[i] != "linux" && nodes[i] == 2048).ToArray();
        Assert.NotEmpty(minife);
        Assert.All(minife, i => Assert.True(rel[i] > RelativeToBaselineFigure.ClipHigh));

        var texts = fx.Annotations(name).Select(a => Str(a, "text")).ToList();
        var written = 0;
        for (var i = 0; i < rel.Length; i++)
        {
            Assert.InRange(drawn[i], RelativeToBaselineFigure.ClipLow, RelativeToBaselineFigure.ClipHigh);
            var expected = rel[i] > RelativeToBaselineFigure.ClipHigh ? "above" : rel[i] < RelativeToBaselineFigure.ClipLow ? "below" : "no";
            Assert.Equal(expected, offScale[i]);
            if (expected == "no")
            {
                Assert.Equal(rel[i], drawn[i]);
                continue;
            }
            Assert.Equal(expected == "above" ? RelativeToBaselineFigure.ClipHigh : RelativeToBaselineFigure.ClipLow, drawn[i]);
            Assert.True(texts.Remove(rel[i].ToString("0.00", CultureInfo.InvariantCulture)), $"no annotation writes {rel[i]:0.00} ({apps[i]}, {oses[i]}, {nodes[i]})");
            written++;
        }
        Assert.True(written >= minife.Length);
        // Every plotted y lies inside the clipped axis.
        Assert.All(fx.Traces(name).SelectMany(t => Numbers(t, "y")), y => Assert.InRange(y, RelativeToBaselineFigure.ClipLow, RelativeToBaselineFigure.ClipHigh));
    }
}
