namespace PerfModel.Validation;

/// <summary>
/// The counts a validation table ends with. A row a parameter was fitted to shows the fit and counts as neither met nor
/// missed; every other row is a prediction and is either met ('ok', 'holds') or not ('MISS', 'VIOLATED').
/// </summary>
/// <param name="Rows">All rows.</param>
/// <param name="Predictions">Rows no parameter was fitted to.</param>
/// <param name="Met">Predictions within their tolerance or on the right side of their bound.</param>
/// <param name="Fitted">Rows a parameter was fitted to.</param>
/// <param name="KnifeEdged">Rows whose verdict flips inside a parameter's declared range.</param>
public sealed record ValidationSummary(int Rows, int Predictions, int Met, int Fitted, int KnifeEdged)
{
    /// <summary>Predictions not met.</summary>
    public int Missed => Predictions - Met;

    /// <summary>The counts of <paramref name="results"/>.</summary>
    public static ValidationSummary Of(IReadOnlyCollection<ValidationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var predictions = results.Count(r => !r.Fitted);
        return new(results.Count, predictions, results.Count(r => !r.Fitted && r.Met), results.Count - predictions, results.Count(r => !r.KnifeEdges.IsDefaultOrEmpty));
    }

    /// <summary>"11 predictions: 6 met ('ok', 'holds'), 5 not ('MISS', 'VIOLATED'); 5 rows show a fit ('fitted') and count as
    /// neither; 1 row flips inside a parameter's declared range (knife edge)."</summary>
    public override string ToString() =>
        $"{Predictions} predictions: {Met} met ('ok', 'holds'), {Missed} not ('MISS', 'VIOLATED'); " +
        $"{Fitted} {(Fitted == 1 ? "row shows" : "rows show")} a fit ('fitted') and count as neither" +
        (KnifeEdged > 0 ? $"; {KnifeEdged} {(KnifeEdged == 1 ? "row flips" : "rows flip")} inside a parameter's declared range (knife edge)" : "") + ".";
}
