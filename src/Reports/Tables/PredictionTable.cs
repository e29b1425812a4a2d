using System.Globalization;
using System.Text;
using System.Text.Json;
using PerfModel.Predictions;

namespace PerfModel.Reports.Tables;

/// <summary>Renders sweep rows as an aligned text table, CSV or JSON. Pure: rows in, text out; invariant culture.
/// CSV columns: app,os,nodes,cores,ranks,runtime_s,fom,fom_unit,relative_to_linux, then one &lt;mechanism&gt;_s column per breakdown part.</summary>
public static class PredictionTable
{
    public static readonly IReadOnlyList<Mechanism> Mechanisms = Enum.GetValues<Mechanism>();

    public static IReadOnlyList<string> CsvHeader =>
        ["app", "os", "nodes", "cores", "ranks", "runtime_s", "fom", "fom_unit", "relative_to_linux", .. Mechanisms.Select(m => Breakdown.ColumnName(m) + "_s")];

    public static string ToCsv(IEnumerable<SweepRow> rows)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(',', CsvHeader)).Append('\n');
        foreach (var r in rows)
        {
            var p = r.Prediction;
            var cells = new List<string> { Csv(p.App), Csv(p.Os), I(p.Nodes), I(p.Cores), I(p.Ranks), R(p.RuntimeSeconds), R(p.Fom), Csv(p.FomUnit), R(r.RelativeToLinux) };
            cells.AddRange(Mechanisms.Select(m => R(p.Breakdown[m])));
            sb.Append(string.Join(',', cells)).Append('\n');
        }
        return sb.ToString();
    }

    public static string ToJson(IEnumerable<SweepRow> rows)
    {
        var items = rows.Select(r => new Dictionary<string, object>
        {
            ["app"] = r.Prediction.App,
            ["os"] = r.Prediction.Os,
            ["nodes"] = r.Prediction.Nodes,
            ["cores"] = r.Prediction.Cores,
            ["ranks"] = r.Prediction.Ranks,
            ["runtimeSeconds"] = r.Prediction.RuntimeSeconds,
            ["fom"] = r.Prediction.Fom,
            ["fomUnit"] = r.Prediction.FomUnit,
            ["relativeToLinux"] = r.RelativeToLinux,
            ["breakdownSeconds"] = Mechanisms.ToDictionary(m => Breakdown.ColumnName(m), m => r.Prediction.Breakdown[m]),
            ["regimes"] = r.Prediction.Regimes,
            ["diagnostics"] = r.Prediction.Diagnostics,
            ["notes"] = r.Prediction.Notes,
        });
        return JsonSerializer.Serialize(items, new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>Aligned text: runtime, FOM, ratio to Linux and the breakdown as percentages of the runtime.</summary>
    public static string ToText(IEnumerable<SweepRow> rows)
    {
        var header = new List<string> { "app", "os", "nodes", "cores", "runtime_s", "fom", "unit", "vs_linux" };
        header.AddRange(Mechanisms.Select(m => Breakdown.ColumnName(m) + "%"));
        var table = new List<string[]> { header.ToArray() };
        foreach (var r in rows)
        {
            var p = r.Prediction;
            var cells = new List<string> { p.App, p.Os, I(p.Nodes), I(p.Cores), G(p.RuntimeSeconds, 4), G(p.Fom, 5), p.FomUnit, F(r.RelativeToLinux, "0.000") };
            cells.AddRange(Mechanisms.Select(m => F(100 * p.Breakdown[m] / p.RuntimeSeconds, "0.0")));
            table.Add(cells.ToArray());
        }
        return TextTable.Render(table, leftAligned: 3);
    }

    private static string I(long v) => v.ToString(CultureInfo.InvariantCulture);
    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
    private static string G(double v, int digits) => v.ToString("G" + digits, CultureInfo.InvariantCulture);
    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
    private static string Csv(string s) => s.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
