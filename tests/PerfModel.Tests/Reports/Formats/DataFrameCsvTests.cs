using System.Globalization;
using Microsoft.Data.Analysis;
using PerfModel.Reports.Formats;

namespace PerfModel.Tests.Reports.Formats;

public sealed class DataFrameCsvTests
{
    [Fact]
    public void Csv_round_trips_exactly_with_quoting()
    {
        var values = new[] { 0.1, 1.0 / 3, 8958.544457661337, -6.048279229974017e-5, 1e300 };
        var frame = new DataFrame(
            new StringDataFrameColumn("label", ["plain", "with, comma", "with \"quote\"", "line\nbreak", " padded "]),
            new DoubleDataFrameColumn("x", values));
        var csv = DataFrameCsv.ToCsv(frame);
        Assert.StartsWith("label,x\nplain,0.1\n\"with, comma\",", csv);
        var back = DataFrame.LoadCsv(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), dataTypes: [typeof(string), typeof(double)],
            cultureInfo: CultureInfo.InvariantCulture);
        Assert.Equal(5, back.Rows.Count);
        Assert.Equal(values, back.Columns["x"].Cast<object?>().Select(v => (double)v!));
        Assert.Equal("with, comma", back.Columns["label"][1]);
        Assert.Equal("with \"quote\"", back.Columns["label"][2]);
    }
}
