using Microsoft.Data.Analysis;

namespace PerfModel.Reports.Figures;

/// <summary>Builds the tidy data tables of the figures column by column.</summary>
internal static class Frames
{
    /// <summary>A text column.</summary>
    public static DataFrameColumn Text<T>(string name, IEnumerable<T> rows, Func<T, string> value) => new StringDataFrameColumn(name, rows.Select(value));

    /// <summary>A floating-point column.</summary>
    public static DataFrameColumn Number<T>(string name, IEnumerable<T> rows, Func<T, double> value) => new DoubleDataFrameColumn(name, rows.Select(value));

    /// <summary>An integer column (node and core counts).</summary>
    public static DataFrameColumn Integer<T>(string name, IEnumerable<T> rows, Func<T, long> value) => new Int64DataFrameColumn(name, rows.Select(value));

    /// <summary>A frame from columns of equal length.</summary>
    public static DataFrame Of(params DataFrameColumn[] columns) => new(columns);

    /// <summary>A unit for a column name: "Mflop/s" → "mflop_per_s", "z/s" → "z_per_s", "Matom-step/s" → "matom_step_per_s".</summary>
    public static string UnitSlug(string unit)
    {
        var s = unit.ToLowerInvariant().Replace("/", "_per_");
        var chars = s.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray();
        var parts = new string(chars).Split('_', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? "units" : string.Join('_', parts);
    }
}
