using System.Text;
using Microsoft.Data.Analysis;

namespace PerfModel.Reports.Formats;

/// <summary>Writes a DataFrame as CSV (RFC 4180 quoting, '\n' line ends, invariant culture, floating point in round-trip
/// "R" format, empty field for a missing value). Pure and deterministic.</summary>
public static class DataFrameCsv
{
    /// <summary>The frame as CSV text: a header of column names, then one line per row.</summary>
    public static string ToCsv(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var sb = new StringBuilder();
        sb.Append(string.Join(',', frame.Columns.Select(c => CellText.CsvField(c.Name)))).Append('\n');
        for (long row = 0; row < frame.Rows.Count; row++)
        {
            for (var col = 0; col < frame.Columns.Count; col++)
            {
                if (col > 0) sb.Append(',');
                sb.Append(CellText.CsvField(CellText.Exact(frame.Columns[col][row])));
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
