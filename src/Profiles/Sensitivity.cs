using System.Collections.Immutable;
using PerfModel.Descriptions;
using PerfModel.Predictions;
using PerfModel.Profiles.Schema;
using PerfModel.Validation;

namespace PerfModel.Profiles;

/// <summary>
/// Which validation rows (<see cref="PaperValidation"/>) depend on one number. <see cref="Scan"/> varies one parameter
/// over given values and reports, per value, every row's verdict and which verdicts changed from the study as given.
/// <see cref="KnifeEdges"/> looks for parameters whose own declared uncertainty (the profile file's
/// <c>"range": [low, high]</c>, <see cref="ProfileParameters.Ranged"/>) decides a row: a row whose verdict at an end of the
/// range differs from its verdict at the current value is decided by an uncertain number, and bisection between the
/// current value and that end finds where it flips (to 1/64 of the range). <see cref="Annotate"/> attaches them to
/// validation results.
/// <code>
/// var study = Defaults.Study();
/// var latency = new ProfileParameter(ProfileKind.Os, "mckernel", "Syscalls.OffloadLatency");
/// var scan = Sensitivity.Scan(study, latency, [2e-6, 4e-6, 8e-6, 16e-6], ["lammps-mckernel-crossover"]);
/// var rows = Sensitivity.Annotate(study, PaperValidation.Evaluate(study));   // rows[i].KnifeEdges
/// </code>
/// Pure (no I/O) and deterministic: evaluations run in parallel (over values, or over parameters) and are put back in a
/// fixed order. Cost: one <see cref="PaperValidation.Evaluate(Study)"/> per value or range end, plus up to
/// ⌈log2 64⌉ = 6 single-row evaluations per flip found; naming the rows of interest makes every evaluation cheaper.
/// Limits: a row that flips and flips back inside the range, so that both ends agree with the current value, is not
/// found; a row that flips several times between the current value and an end is reported at one of its flips.
/// </summary>
public static class Sensitivity
{
    /// <summary>Bisection stops when the bracket is at most this fraction of the declared range.</summary>
    public const int Resolution = 64;

    /// <summary>
    /// Evaluates the validation rows with <paramref name="parameter"/> set to each of <paramref name="values"/> (in the
    /// profile file's unit) and everything else as in <paramref name="study"/>.
    /// </summary>
    /// <param name="study">The study as given (its rows are the baseline verdicts).</param>
    /// <param name="parameter">The parameter to vary (<see cref="ProfileParameters"/>).</param>
    /// <param name="values">The values, in the profile file's unit; every one is checked by the record rules first.</param>
    /// <param name="rows">Validation row ids (<see cref="PaperTargets"/>); null for every row.</param>
    /// <exception cref="ArgumentException">The parameter is unknown or a value breaks a rule (<see cref="ProfileParameters.With"/>).</exception>
    /// <exception cref="KeyNotFoundException">A row id is unknown, or the study lacks what a row needs.</exception>
    public static SensitivityScan Scan(Study study, ProfileParameter parameter, IEnumerable<double> values, IEnumerable<string>? rows = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(values);
        var ids = rows?.ToArray();
        var current = ProfileParameters.Get(study, parameter);
        var memo = new PredictionMemo();
        var baseline = Evaluate(study, ids, memo);
        var list = values.ToArray();
        var variants = list.Select(v => ProfileParameters.With(study, parameter, v)).ToArray();
        var results = new ImmutableArray<ValidationResult>[list.Length];
        InParallel(list.Length, i => results[i] = Evaluate(variants[i], ids, memo));
        var points = list.Select((v, i) => new SensitivityPoint(v, results[i],
            [.. baseline.Select((b, r) => (b, r)).Where(x => results[i][x.r].Met != x.b.Met).Select(x => x.b.Id)])).ToImmutableArray();
        return new SensitivityScan(parameter, current, baseline, points);
    }

    /// <summary>
    /// The knife edges of <paramref name="study"/>: for every parameter with a declared range
    /// (<see cref="ProfileParameters.Ranged"/>), the rows whose verdict at the range's low or high end differs from the
    /// verdict at the current value, each with where it flips (bisection between the current value and that end until
    /// the bracket is at most 1/<see cref="Resolution"/> of the range; <see cref="KnifeEdge.FlipsAt"/> is the bracket's
    /// end with the flipped verdict, so the true flip lies between it and the current value, within range/64 of it).
    /// </summary>
    /// <param name="study">The study.</param>
    /// <param name="rows">Validation row ids; null for every row.</param>
    /// <param name="progress">Receives one <see cref="KnifeEdgeProgress"/> per parameter as its search ends (called on the
    /// searching threads, one call at a time; null: no reports). The search takes seconds to a minute: every ranged
    /// parameter is moved to both ends of its range and every row that flips there is bisected.</param>
    /// <returns>Knife edges grouped by row id, rows in evaluation order (only rows with at least one knife edge are keys;
    /// a missing key gives an empty group); inside a row, in <see cref="ProfileParameters.Ranged"/> order, the low end's
    /// flip before the high end's.</returns>
    /// <exception cref="KeyNotFoundException">A row id is unknown, or the study lacks what a row needs.</exception>
    /// <exception cref="ArgumentException">An end of a declared range breaks a record rule (the message names the parameter).</exception>
    public static ILookup<string, KnifeEdge> KnifeEdges(Study study, IEnumerable<string>? rows = null, IProgress<KnifeEdgeProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        var ids = rows?.Distinct().ToArray();
        // Every copy of the study below moves one parameter of one profile and keeps the other profiles' objects, so the
        // scenarios that do not use the changed profile are predicted once for the whole search.
        var memo = new PredictionMemo();
        var baseline = Evaluate(study, ids, memo);
        var parameters = ProfileParameters.Ranged(study);
        foreach (var p in parameters)
        {
            // A range end that breaks a record rule is an error in the profile, reported here (naming the parameter)
            // rather than from inside the parallel search.
            var range = ProfileParameters.RangeOf(study, p)!;
            _ = ProfileParameters.With(study, p, range.Low);
            _ = ProfileParameters.With(study, p, range.High);
        }
        var found = new List<(int Row, KnifeEdge Edge)>[parameters.Count];
        var searched = 0;
        var gate = new object();
        InParallel(parameters.Count, i =>
        {
            found[i] = EdgesOf(study, parameters[i], baseline, ids, memo);
            if (progress is null) return;
            lock (gate) progress.Report(new KnifeEdgeProgress(parameters[i], ++searched, parameters.Count, found[i].Count));
        });
        return found.SelectMany(f => f).OrderBy(e => e.Row).ToLookup(e => baseline[e.Row].Id, e => e.Edge);
    }

    /// <summary><paramref name="results"/> (rows of <see cref="PaperValidation.Evaluate(Study)"/> on
    /// <paramref name="study"/>) with their <see cref="ValidationResult.KnifeEdges"/> filled by <see cref="KnifeEdges"/>
    /// over the same rows. Fitted rows are not searched (their parameters would be refitted to the row, so a verdict
    /// there says nothing about a prediction) and keep no knife edges.</summary>
    /// <param name="study">The study.</param>
    /// <param name="results">Its validation rows.</param>
    /// <param name="progress">Receives one <see cref="KnifeEdgeProgress"/> per parameter searched (<see cref="KnifeEdges"/>).</param>
    public static ImmutableArray<ValidationResult> Annotate(Study study, IReadOnlyList<ValidationResult> results, IProgress<KnifeEdgeProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var predictions = results.Where(r => !r.Fitted).Select(r => r.Id).ToArray();
        var edges = predictions.Length == 0 ? Enumerable.Empty<KnifeEdge>().ToLookup(_ => "") : KnifeEdges(study, predictions, progress);
        return [.. results.Select(r => r with { KnifeEdges = [.. edges[r.Id]] })];
    }

    /// <summary>One parameter's knife edges: both ends of its range, then a bisection per row that flipped at an end.</summary>
    private static List<(int Row, KnifeEdge Edge)> EdgesOf(Study study, ProfileParameter parameter, ImmutableArray<ValidationResult> baseline, string[]? ids, PredictionMemo memo)
    {
        var value = ProfileParameters.Get(study, parameter);
        var range = ProfileParameters.RangeOf(study, parameter)!;
        var whole = ProfileParameters.KindOf(parameter) == FieldKind.Integer;
        var step = whole ? Math.Max(1, range.Width / Resolution) : range.Width / Resolution;
        var edges = new List<(int, KnifeEdge)>();
        foreach (var end in new[] { range.Low, range.High })
        {
            if (end == value) continue;
            var atEnd = Evaluate(ProfileParameters.With(study, parameter, end), ids, memo);
            for (var r = 0; r < baseline.Length; r++)
                if (atEnd[r].Met != baseline[r].Met)
                    edges.Add((r, new KnifeEdge(parameter, value, range.Low, range.High, Bisect(study, parameter, value, end, baseline[r], step, whole, memo))));
        }
        return edges;
    }

    /// <summary>Narrows [current, end] (verdict as given at current, flipped at end) until it is at most
    /// <paramref name="step"/> wide; returns the end of the bracket with the flipped verdict.</summary>
    private static double Bisect(Study study, ProfileParameter parameter, double current, double end, ValidationResult row, double step, bool whole, PredictionMemo memo)
    {
        var same = current;
        var flipped = end;
        while (Math.Abs(flipped - same) > step)
        {
            var mid = same + (flipped - same) / 2;
            if (whole) mid = same + Math.Truncate((flipped - same) / 2);
            if (mid == same || mid == flipped) break;
            var met = PaperValidation.Evaluate(ProfileParameters.With(study, parameter, mid), [row.Id], memo)[0].Met;
            if (met == row.Met) same = mid;
            else flipped = mid;
        }
        return flipped;
    }

    /// <summary>Runs <paramref name="body"/> for 0 … <paramref name="count"/> − 1 in parallel; the first exception is
    /// rethrown as itself (not wrapped in an <see cref="AggregateException"/>).</summary>
    private static void InParallel(int count, Action<int> body)
    {
        try
        {
            Parallel.For(0, count, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    private static ImmutableArray<ValidationResult> Evaluate(Study study, string[]? ids, PredictionMemo memo) => PaperValidation.Evaluate(study, ids, memo);
}
