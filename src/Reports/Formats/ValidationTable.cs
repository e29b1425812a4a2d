using System.Globalization;
using System.Text;
using System.Text.Json;
using PerfModel.Validation;

namespace PerfModel.Reports.Formats;

/// <summary>
/// Renders validation results (paper vs model, compared on effect sizes) as text, CSV or JSON, and names the columns the
/// notebook DataFrame has (<see cref="Columns"/>: one definition for every format). Pure; invariant culture.
/// </summary>
public static class ValidationTable
{
    /// <summary>The columns of every machine-readable form, in order:
    /// id, quantity, check, paper, model, unit, paper_effect, model_effect, model_effect_small_scale (crossovers only),
    /// effect_error, tolerance, status, validated, fitted_parameters, knife_edges, tolerance_reason, source.</summary>
    public static readonly IReadOnlyList<ValidationColumn> Columns =
    [
        ValidationColumn.Text("id", "the row's identifier", r => r.Id),
        ValidationColumn.Text("quantity", "what is compared", r => r.Quantity),
        ValidationColumn.Text("check", "how: anchor, effect, log-ratio, at-least, crossover, leaves-window", r => CheckName(r.Target.Check)),
        ValidationColumn.Number("paper", "the published number, in unit", r => r.PaperValue),
        ValidationColumn.Number("model", "the model's number, in unit", r => r.ModelValue),
        ValidationColumn.Text("unit", "unit of paper and model", r => r.Unit),
        ValidationColumn.Number("paper_effect", "published effect: ratio - 1, ln of a factor, or the bound of a shape", r => r.Target.PaperEffect),
        ValidationColumn.Number("model_effect", "the model's effect in the same terms (a crossover: at the large scale)", r => r.Model.Effect),
        ValidationColumn.Number("model_effect_small_scale", "a crossover's effect at the small scale; empty otherwise", r => r.Model.Detail),
        ValidationColumn.Number("effect_error", "model effect - paper effect (anchor: relative error; shape: margin past the bound)", r => r.EffectError),
        ValidationColumn.Number("tolerance", "largest accepted |effect_error| (0 for shapes)", r => r.Target.Tolerance),
        ValidationColumn.Text("status", "fitted, ok, MISS, holds, VIOLATED", r => r.Status),
        ValidationColumn.Flag("validated", "a prediction (not fitted) that meets its target", r => r.Met && !r.Fitted),
        ValidationColumn.Text("fitted_parameters", "parameters fitted to this number, '; '-separated", r => string.Join("; ", r.Target.FittedParameters.Select(p => p.ToString()))),
        ValidationColumn.Text("knife_edges", "parameters that flip the verdict inside their declared range, '; '-separated", r => string.Join("; ", KnifeEdgesOf(r).Select(k => k.ToString()))),
        ValidationColumn.Text("tolerance_reason", "why the tolerance or bound is what it is", r => r.Target.ToleranceReason),
        ValidationColumn.Text("source", "where in P18", r => r.Source),
    ];

    /// <summary>CSV with the header of <see cref="Columns"/> (numbers in round-trip "R" format; an absent number is empty).</summary>
    public static string ToCsv(IEnumerable<ValidationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var sb = new StringBuilder(string.Join(',', Columns.Select(c => CellText.CsvField(c.Name)))).Append('\n');
        foreach (var r in results)
            sb.Append(string.Join(',', Columns.Select(c => CellText.CsvField(CellText.Exact(c.Get(r)))))).Append('\n');
        return sb.ToString();
    }

    /// <summary>An indented JSON object: "rows" (one object per result with the <see cref="Columns"/> as camel-case
    /// keys; an absent number is null) and "summary" (the counts of <see cref="ValidationSummary"/>).</summary>
    public static string ToJson(IReadOnlyList<ValidationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var s = ValidationSummary.Of(results);
        var doc = new Dictionary<string, object>
        {
            ["rows"] = results.Select(r => Columns.ToDictionary(c => CamelCase(c.Name), c => c.Get(r))).ToArray(),
            ["summary"] = new Dictionary<string, int>
            {
                ["rows"] = s.Rows, ["predictions"] = s.Predictions, ["met"] = s.Met, ["missed"] = s.Missed, ["fitted"] = s.Fitted, ["knifeEdged"] = s.KnifeEdged,
            },
        };
        return JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>
    /// Aligned text: id, paper, model, effect error, tolerance, status, note; the summary line
    /// (<see cref="ValidationSummary"/>); then which parameters were fitted to which rows, the knife edges, and why each
    /// tolerance is what it is.
    /// </summary>
    public static string ToText(IReadOnlyList<ValidationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var rows = new List<string[]> { new[] { "id", "paper", "model", "effect error", "tolerance", "status", "note" } };
        rows.AddRange(results.Select(r => new[]
        {
            r.Id, r.Target.PaperText, r.ModelText, r.ErrorText, r.Target.ToleranceText, r.Status, Note(r),
        }));
        var sb = new StringBuilder(TextTable.Render(rows, leftAligned: 1));
        sb.Append('\n').Append(ValidationSummary.Of(results)).Append('\n');
        var fitted = results.Where(r => r.Fitted).ToArray();
        if (fitted.Length > 0)
        {
            sb.Append("\nFitted (the row shows the fit, not a prediction; each parameter's provenance says FITTED and names the row):\n");
            foreach (var r in fitted) sb.Append("  ").Append(r.Id).Append(": ").AppendJoin(", ", r.Target.FittedParameters.Select(p => p.ToString())).Append('\n');
        }
        var edged = results.Where(r => !KnifeEdgesOf(r).IsEmpty).ToArray();
        if (edged.Length > 0)
        {
            sb.Append("\nKnife edges (the verdict flips inside the parameter's declared range; values in the profile file's units):\n");
            foreach (var r in edged)
                foreach (var k in KnifeEdgesOf(r)) sb.Append("  ").Append(r.Id).Append(": ").Append(k).Append('\n');
        }
        sb.Append("\nRows (what is compared; why the tolerance is what it is; where in P18):\n");
        foreach (var r in results) sb.Append("  ").Append(r.Id).Append(": ").Append(r.Quantity).Append(". ").Append(r.Target.ToleranceReason).Append(". [").Append(r.Source).Append("]\n");
        return sb.ToString();
    }

    /// <summary>The short note of the text table: how many parameters were fitted to the row, and how many flip it (listed
    /// below the table).</summary>
    private static string Note(ValidationResult r)
    {
        var parts = new List<string>();
        if (r.Fitted) parts.Add($"fit of {r.Target.FittedParameters.Length} parameter{(r.Target.FittedParameters.Length == 1 ? "" : "s")}");
        var k = KnifeEdgesOf(r);
        if (!k.IsEmpty) parts.Add($"knife edge: {k.Select(e => e.Parameter).Distinct().Count()} parameter{(k.Select(e => e.Parameter).Distinct().Count() == 1 ? "" : "s")} (below)");
        return string.Join("; ", parts);
    }

    private static System.Collections.Immutable.ImmutableArray<KnifeEdge> KnifeEdgesOf(ValidationResult r) => r.KnifeEdges.IsDefault ? [] : r.KnifeEdges;

    /// <summary>The check as a column value: "anchor", "effect", "log-ratio", "at-least", "crossover", "leaves-window".</summary>
    public static string CheckName(TargetCheck check) => check switch
    {
        TargetCheck.Anchor => "anchor",
        TargetCheck.Effect => "effect",
        TargetCheck.LogRatio => "log-ratio",
        TargetCheck.AtLeast => "at-least",
        TargetCheck.Crossover => "crossover",
        TargetCheck.LeavesWindow => "leaves-window",
        _ => throw new ArgumentOutOfRangeException(nameof(check), check, "unknown check"),
    };

    private static string CamelCase(string snake)
    {
        var parts = snake.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
