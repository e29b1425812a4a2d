using System.Globalization;
using System.Text;
using System.Text.Json;
using PerfModel.Validation;

namespace PerfModel.Reports.Formats;

/// <summary>Renders validation results (paper vs model) as text, CSV or JSON. Pure; invariant culture.</summary>
public static class ValidationTable
{
    /// <summary>CSV with the header id,quantity,comparison,paper,model,unit,error_pct,status,source (numbers in round-trip "R" format).</summary>
    public static string ToCsv(IEnumerable<ValidationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var sb = new StringBuilder("id,quantity,comparison,paper,model,unit,error_pct,status,source\n");
        foreach (var r in results)
            sb.Append(string.Join(',', r.Id, Csv(r.Quantity), Comparison(r.Comparison), R(r.PaperValue), R(r.ModelValue), Csv(r.Unit), R(r.ErrorPercent), r.Status, Csv(r.Source))).Append('\n');
        return sb.ToString();
    }

    /// <summary>An indented JSON array, one object per result: id, quantity, comparison, paper, model, unit, errorPercent, status, source.</summary>
    public static string ToJson(IEnumerable<ValidationResult> results) =>
        JsonSerializer.Serialize(results.Select(r => new Dictionary<string, object>
        {
            ["id"] = r.Id, ["quantity"] = r.Quantity, ["comparison"] = Comparison(r.Comparison), ["paper"] = r.PaperValue,
            ["model"] = r.ModelValue, ["unit"] = r.Unit, ["errorPercent"] = r.ErrorPercent, ["status"] = r.Status, ["source"] = r.Source,
        }), new JsonSerializerOptions { WriteIndented = true }) + "\n";

    /// <summary>Aligned text (id, quantity, paper, model, error, status) and a summary line of predicted, met and fitted numbers.</summary>
    public static string ToText(IReadOnlyList<ValidationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var rows = new List<string[]> { new[] { "id", "quantity", "paper", "model", "error", "status" } };
        rows.AddRange(results.Select(r => new[]
        {
            r.Id, r.Quantity, r.PaperText, r.ModelValue.ToString("G4", CultureInfo.InvariantCulture),
            r.ErrorPercent.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + "%", r.Status,
        }));
        var met = results.Count(r => !r.Fitted && r.Met);
        var predicted = results.Count(r => !r.Fitted);
        return TextTable.Render(rows, leftAligned: 2) +
               string.Create(CultureInfo.InvariantCulture,
                   $"\n{predicted} predicted numbers: {met} within {ValidationResult.ApproximateTolerance:P0} or inside their bound, {predicted - met} not; ") +
               string.Create(CultureInfo.InvariantCulture, $"{results.Count - predicted} numbers were used to fit parameters (status 'fitted').\n");
    }

    internal static string Comparison(TargetComparison c) => c switch { TargetComparison.AtMost => "<=", TargetComparison.AtLeast => ">=", _ => "~" };
    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
    private static string Csv(string s) => s.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
