using Microsoft.Data.Analysis;
using PerfModel.Reports.Content;
using Chart = Plotly.NET.CSharp.Chart;
using Color = Plotly.NET.Color;

namespace PerfModel.Tests.Reports.Files;

/// <summary>A tiny figure source for the writer's tests (not the paper's figures): a line chart of the ratio to the
/// baseline OS (Linux) per OS and a bar chart of runtimes, built from <see cref="ReportData.Sweep"/>. The caption holds markup-like text
/// so the tests can check it is escaped.</summary>
internal static class StandInFigures
{
    public const string TrickyCaption = "Ratio <b>not bold</b> & \"quoted\" 'text' </script><script>window.pwned=1</script> × 2";

    public static IReadOnlyList<Figure> All(ReportData data)
    {
        const string app = "minife";
        var oses = data.Study.Oses.Select(o => o.Name).ToArray();
        var rows = oses.SelectMany(os => data.Rows(app, os)).ToArray();
        var frame = new DataFrame(
            new StringDataFrameColumn("os", rows.Select(r => r.Prediction.Os)),
            new Int32DataFrameColumn("nodes", rows.Select(r => r.Prediction.Nodes)),
            new DoubleDataFrameColumn("relative_to_" + data.Baseline, rows.Select(r => r.RelativeToBaseline)),
            new DoubleDataFrameColumn("runtime_s", rows.Select(r => r.Prediction.Runtime.Seconds)));

        var lines = Plotly.NET.Chart.combine(oses.Select(os => Chart.Line<int, double, string>(
            x: data.Rows(app, os).Select(r => r.Prediction.Nodes).ToArray(), y: data.Rows(app, os).Select(r => r.RelativeToBaseline).ToArray(),
            Name: OsStyle.Display(os), ShowMarkers: true, LineColor: Color.fromString(OsStyle.Colour(os)))));

        var lwks = oses.Where(o => o != data.Baseline).ToArray();
        var bars = Plotly.NET.Chart.combine(lwks.Select(os => Chart.Column<double, string, string>(
            values: data.Rows(app, os).Select(r => r.Prediction.Runtime.Seconds).ToArray(),
            Keys: data.Rows(app, os).Select(r => r.Prediction.Nodes.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            Name: OsStyle.Display(os), MarkerColor: Color.fromString(OsStyle.Colour(os)))));

        return
        [
            new Figure("test-ratio", "MiniFE relative to Linux <test>", TrickyCaption, lines, frame, oses.Length, 800, 450),
            new Figure("test-runtime", "MiniFE runtime of the LWKs", "Bars: runtime per node count.", bars, frame.Clone(), lwks.Length, 640, 400),
        ];
    }
}
