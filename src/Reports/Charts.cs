using System.Globalization;
using Microsoft.Data.Analysis;
using Plotly.NET;
using PerfModel.Reports.Content;
using PerfModel.Reports.Figures;

namespace PerfModel.Reports;

/// <summary>
/// Plotly charts of sweeps and studies for notebooks and scripts, drawn like the report's figures:
/// <code>
/// var study = Defaults.Study();
/// var sweep = study.Sweep(nodes: Nodes.PowersOfTwo(1, 2048));
/// Charts.Relative(sweep)                 // Fig. 4 style: every OS vs the baseline, one panel per application
/// Charts.Scaling(sweep, "minife")        // FOM vs nodes per OS, ratio panel below
/// Charts.Breakdown(sweep)                // stacked runtime by mechanism
/// Charts.NoiseAmplification(study)       // report figures that need only the study
/// </code>
/// Every chart is built from the data alone: no global Plotly defaults are read or changed, no random ids, the same
/// input gives the same figure JSON. Display one in a notebook as it is, or save it with Plotly.NET's
/// <c>Chart.saveHtml</c>.
/// </summary>
public static class Charts
{
    /// <summary>Relative performance vs the sweep's baseline OS over nodes (P18 Fig. 4 style): one panel per application
    /// (in sweep order), one coloured line per other OS, log2 x axis, markers at the FOM ratio and error bars spanning the
    /// expected fastest and slowest of five runs; y clipped to [0.75, 1.75] with off-scale values written.</summary>
    public static GenericChart Relative(Sweep sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var apps = sweep.Select(r => r.Prediction.App).Distinct().ToArray();
        var oses = sweep.Select(r => r.Prediction.Os).Where(o => o != sweep.Baseline).Distinct().ToArray();
        var points = sweep.Where(r => r.Prediction.Os != sweep.Baseline).Select(RelativeToBaselineFigure.Point.Of).ToArray();
        return RelativeToBaselineFigure.Chart(apps, oses, points, FigureStyle.Of(sweep)).Chart;
    }

    /// <summary>
    /// <see cref="Relative(Sweep)"/> from a table with columns app, os, nodes and relative_to_baseline (the columns of
    /// <see cref="Tables.ToDataFrame(Sweep)"/>; a filtered or sorted copy works too, and draws the same figure as the sweep).
    /// A single "relative_to_&lt;os&gt;" column (the CSV of <c>perfmodel predict</c>) is accepted instead and names the
    /// baseline. Error bars come from relative_run_low and relative_run_high when the table has them; panel titles and
    /// legend names from app_name and os_name when it has them, else the names themselves. Rows with a missing value are
    /// skipped.
    /// </summary>
    /// <param name="frame">The table.</param>
    /// <param name="baseline">The baseline OS, whose rows are not drawn; by default the OS named by a
    /// relative_to_&lt;os&gt; column, else the OS whose ratio is exactly 1 in every row, else none.</param>
    /// <exception cref="ArgumentException">A required column is missing.</exception>
    public static GenericChart Relative(DataFrame frame, string? baseline = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        int Column(string name) => frame.Columns.IndexOf(name);
        var ratioColumn = Column("relative_to_baseline");
        if (ratioColumn < 0)
        {
            var candidates = frame.Columns.Select((c, i) => (c.Name, i)).Where(c => c.Name.StartsWith("relative_to_", StringComparison.Ordinal)).ToArray();
            if (candidates.Length == 1)
            {
                ratioColumn = candidates[0].i;
                baseline ??= candidates[0].Name["relative_to_".Length..];
            }
        }
        var (app, os, nodes) = (Column("app"), Column("os"), Column("nodes"));
        var missing = new[] { ("app", app), ("os", os), ("nodes", nodes), ("relative_to_baseline", ratioColumn) }.Where(c => c.Item2 < 0).Select(c => c.Item1).ToArray();
        if (missing.Length > 0)
            throw new ArgumentException($"the table has no {string.Join(", ", missing)} column; expected the columns of Tables.ToDataFrame(sweep)", nameof(frame));
        var (low, high, cores, appName, osName) = (Column("relative_run_low"), Column("relative_run_high"), Column("cores"), Column("app_name"), Column("os_name"));

        var rows = new List<(string App, string Os, int Nodes, long Cores, double Relative, double Low, double High)>();
        var appNames = new Dictionary<string, string>();
        var osNames = new Dictionary<string, string>();
        for (long i = 0; i < frame.Rows.Count; i++)
        {
            if (frame.Columns[app][i] is not { } a || frame.Columns[os][i] is not { } o || frame.Columns[nodes][i] is not { } n || frame.Columns[ratioColumn][i] is not { } r)
                continue;
            var rel = Number(r);
            var (lo, hi) = (rel, rel);
            if (low >= 0 && high >= 0 && frame.Columns[low][i] is { } l && frame.Columns[high][i] is { } h) (lo, hi) = (Number(l), Number(h));
            var c = cores >= 0 && frame.Columns[cores][i] is { } k ? (long)Number(k) : 0;
            rows.Add((Text(a), Text(o), (int)Number(n), c, rel, lo, hi));
            if (appName >= 0 && frame.Columns[appName][i] is { } an) appNames.TryAdd(Text(a), Text(an));
            if (osName >= 0 && frame.Columns[osName][i] is { } on) osNames.TryAdd(Text(o), Text(on));
        }
        baseline ??= rows.GroupBy(r => r.Os).FirstOrDefault(g => g.All(r => r.Relative == 1))?.Key;
        var apps = rows.Select(r => r.App).Distinct().ToArray();
        var oses = rows.Select(r => r.Os).Where(o => o != baseline).Distinct().ToArray();
        var points = rows.Where(r => r.Os != baseline)
            .Select(r => new RelativeToBaselineFigure.Point(r.App, r.Os, r.Nodes, r.Cores, r.Relative, r.Low, r.High, null))
            .ToArray();
        var style = FigureStyle.Of(baseline ?? "baseline", rows.Select(r => r.Os).Distinct(), osNames, appNames);
        return RelativeToBaselineFigure.Chart(apps, oses, points, style).Chart;
    }

    /// <summary>The figure of merit of <paramref name="app"/> versus nodes, one line per OS with error bars from the expected
    /// fastest and slowest of five runs (log x, log y), and below it the other OSes' ratio to the baseline
    /// (the chart of the report's Fig. 5b/6a/6b). Node counts that are not all powers of two get a tick each.</summary>
    /// <exception cref="ArgumentException">The sweep has no rows of <paramref name="app"/>.</exception>
    public static GenericChart Scaling(Sweep sweep, string app)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(app);
        var nodes = sweep.Where(r => r.Prediction.App == app).Select(r => r.Prediction.Nodes).Distinct().Order().ToArray();
        var ticks = nodes.All(n => n > 0 && (n & (n - 1)) == 0) ? null : nodes;
        return FomScaling.Build(sweep, app, FigureStyle.Of(sweep), ticks).Chart;
    }

    /// <summary>Where the runtime goes: per application one panel of stacked bars, one bar per OS and node count, one
    /// segment per mechanism (compute, memory, TLB, heap, noise, communication, system calls), in % of the baseline OS's
    /// runtime at the same node count (the baseline's bars reach 100%; hover shows seconds). The report's attribution
    /// figure for any sweep.</summary>
    /// <param name="sweep">The predictions.</param>
    /// <param name="nodes">Node counts to show; by default each application's smallest and largest.</param>
    public static GenericChart Breakdown(Sweep sweep, IEnumerable<int>? nodes = null)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var apps = sweep.Select(r => r.Prediction.App).Distinct().ToArray();
        var oses = sweep.Select(r => r.Prediction.Os).Distinct().ToArray();
        return AttributionFigure.Chart(sweep, apps, oses, nodes?.ToHashSet(), FigureStyle.Of(sweep)).Chart;
    }

    /// <summary>The report's noise-amplification figure for a study: closed-form slowdown of a 1 ms bulk-synchronous step
    /// under each OS's noise from 64 to 2^24 cores.</summary>
    public static GenericChart NoiseAmplification(Study study) => NoiseAmplificationFigure.Build(study).Chart;

    /// <summary>The report's memory-hierarchy figure for a study: MCDRAM/DDR placement bandwidth per OS policy and TLB
    /// cost per page size on the study's platform.</summary>
    public static GenericChart MemoryHierarchy(Study study) => MemoryHierarchyFigure.Build(study).Chart;

    /// <summary>Closed-form slowdown of one step shape under each named noise profile versus ranks (log2 x; excess slowdown
    /// in % on a log y axis when every point has some): e.g. Linux's noise, a 10 ms daemon every 10 s and the same
    /// co-scheduled, 64 to 131,072 ranks (<see cref="PerfModel.Noise.NoiseScaling.Curve"/> gives the numbers).</summary>
    /// <exception cref="ArgumentException">No profile or no rank count.</exception>
    public static GenericChart NoiseScaling(IReadOnlyDictionary<string, PerfModel.Descriptions.NoiseProfile> profiles, PerfModel.Noise.StepShape shape, IEnumerable<long> ranks)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(ranks);
        var r = ranks.ToArray();
        if (profiles.Count == 0 || r.Length == 0) throw new ArgumentException("give at least one noise profile and one rank count");
        return NoiseScalingChart.Build([.. profiles.Select(kv => (kv.Key, kv.Value))], shape, r);
    }

    /// <summary>One application at one node count as one profile number varies (<see cref="PerfModel.Profiles.ParameterSweep"/>):
    /// per OS the ratio to the baseline OS (default) or the runtime (<paramref name="runtime"/>) against the value; a dotted
    /// line marks the value as given.</summary>
    /// <exception cref="ArgumentException">The result has no prediction of that application and node count.</exception>
    public static GenericChart ParameterSweep(PerfModel.Profiles.ParameterSweepResult result, string app, int nodes, bool runtime = false)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(app);
        return ParameterSweepChart.Build(result, app, nodes, runtime);
    }

    /// <summary>A figure of the report by name (<see cref="ReportFigures.Names"/>: "fig4-relative", "attribution", …),
    /// computed from the study as <c>perfmodel report</c> does (<see cref="ReportData.Compute"/>, which also evaluates the
    /// paper targets, so the study needs the paper's OSes and applications).</summary>
    /// <exception cref="KeyNotFoundException">Not a report figure.</exception>
    public static GenericChart ReportFigure(Study study, string name) => ReportFigures.Build(ReportData.Compute(study), name).Chart;

    private static double Number(object value) => Convert.ToDouble(value, CultureInfo.InvariantCulture);

    private static string Text(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}
