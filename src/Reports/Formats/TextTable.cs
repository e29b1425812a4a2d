using System.Text;

namespace PerfModel.Reports.Formats;

/// <summary>Renders rows of cells as a column-aligned text table with a rule under the header.</summary>
public static class TextTable
{
    /// <param name="rows">First row is the header.</param>
    /// <param name="leftAligned">How many leading columns are left-aligned (text); the rest are right-aligned (numbers).</param>
    public static string Render(IReadOnlyList<string[]> rows, int leftAligned)
    {
        if (rows.Count == 0) return "";
        var cols = rows.Max(r => r.Length);
        var width = new int[cols];
        foreach (var r in rows)
            for (var c = 0; c < r.Length; c++) width[c] = Math.Max(width[c], r[c].Length);
        var sb = new StringBuilder();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var line = new StringBuilder();
            for (var c = 0; c < cols; c++)
            {
                var cell = c < r.Length ? r[c] : "";
                if (c > 0) line.Append("  ");
                line.Append(c < leftAligned ? cell.PadRight(width[c]) : cell.PadLeft(width[c]));
            }
            sb.Append(line.ToString().TrimEnd()).Append('\n');
            if (i == 0) sb.Append(new string('-', width.Sum() + 2 * (cols - 1))).Append('\n');
        }
        return sb.ToString();
    }
}
