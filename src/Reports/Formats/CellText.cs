using System.Globalization;
using Microsoft.Data.Analysis;

namespace PerfModel.Reports.Formats;

/// <summary>How one DataFrame cell is written: exactly (CSV) or for reading (HTML). Invariant culture throughout.</summary>
internal static class CellText
{
    /// <summary>Round-trippable text: "R" for floating point, invariant for other numbers, ISO 8601 for dates; null is empty.</summary>
    public static string Exact(object? value) => value switch
    {
        null => "",
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Readable text: thousands separators and at most three decimals ("8,959", "106.612", "-6.034");
    /// very small or very large magnitudes in general format ("1.234E-05").</summary>
    public static string Display(object? value) => value switch
    {
        double d => Number(d),
        float f => Number(f),
        decimal m => Number((double)m),
        sbyte or byte or short or ushort or int or uint or long or ulong => ((IFormattable)value).ToString("#,##0", CultureInfo.InvariantCulture),
        _ => Exact(value),
    };

    /// <summary>Whether a column holds numbers (right-aligned in HTML).</summary>
    public static bool IsNumeric(DataFrameColumn column) =>
        Type.GetTypeCode(column.DataType) is TypeCode.Double or TypeCode.Single or TypeCode.Decimal or TypeCode.SByte or TypeCode.Byte
            or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64;

    /// <summary>A CSV field: quoted when it holds a comma, quote, CR or LF, or starts/ends with a space.</summary>
    public static string CsvField(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 || (text.Length > 0 && (text[0] == ' ' || text[^1] == ' '))
            ? "\"" + text.Replace("\"", "\"\"") + "\""
            : text;

    private static string Number(double v)
    {
        if (double.IsNaN(v)) return "NaN";
        if (double.IsInfinity(v)) return v > 0 ? "∞" : "−∞";
        var a = Math.Abs(v);
        if (v == 0) return "0";
        return a is >= 1e-3 and < 1e15 ? v.ToString("#,##0.###", CultureInfo.InvariantCulture) : v.ToString("G4", CultureInfo.InvariantCulture);
    }
}
