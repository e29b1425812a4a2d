using System.Collections.Immutable;
using PerfModel.Descriptions;
using PerfModel.Internal;
using PerfModel.Noise;
using PerfModel.Predictions;

namespace PerfModel;

/// <summary>
/// A platform with the OSes and applications to study on it, the baseline OS the others are compared to, and the
/// predictor that combines the mechanism models. Immutable: change one thing with <c>with</c> or the <c>With</c> methods
/// and predict again. Load the defaults with <c>PerfModel.Profiles.Defaults.Study()</c>.
/// <code>
/// var study = Defaults.Study();
/// var mos = study.Os["mos"] with { Brk = study.Os["linux"].Brk, Name = "mos-linux-heap", DisplayName = "mOS, Linux heap" };
/// var sweep = study.With(mos).Sweep(nodes: Nodes.PowersOfTwo(1, 16384));
/// </code>
/// Valid when made: at least one OS, OS and application names unique, the baseline one of the OSes, and every
/// application's ranks × threads within the platform's application cores (<see cref="Descriptions.Scenario.CoreViolation"/>).
/// </summary>
public sealed record Study
{
    private ImmutableArray<OsProfile>? oses;
    private ImmutableArray<AppProfile>? apps;
    private Platform? platform;
    private string? baseline;

    /// <summary>The node type and machine.</summary>
    public required Platform Platform
    {
        get => platform!;
        init { platform = Rules.NotNull(this, value); CheckFit(); }
    }

    /// <summary>The operating systems, in display order.</summary>
    public required ImmutableArray<OsProfile> Oses
    {
        get => oses ?? [];
        init { oses = Unique(Rules.NonEmpty(this, value, "OS"), o => o.Name, nameof(Oses)); CheckBaseline(); }
    }

    /// <summary>The applications, in display order.</summary>
    public required ImmutableArray<AppProfile> Apps
    {
        get => apps ?? [];
        init { apps = Unique(Rules.Items(this, value), a => a.Name, nameof(Apps)); CheckFit(); }
    }

    /// <summary>Name of the OS every other one is compared to ("linux" in the defaults).</summary>
    public required string Baseline
    {
        get => baseline ?? "";
        init { baseline = Rules.NotBlank(this, value); CheckBaseline(); }
    }

    /// <summary>The mechanism models and how they combine (<see cref="Predictor.Default"/> unless changed).</summary>
    public Predictor Predictor { get; init => field = Rules.NotNull(this, value); } = Predictor.Default;

    /// <summary>OSes by name: <c>study.Os["mos"]</c>.</summary>
    public ProfileLookup<OsProfile> Os => new(Oses, o => o.Name, "OS");

    /// <summary>Applications by name: <c>study.App["minife"]</c>.</summary>
    public ProfileLookup<AppProfile> App => new(Apps, a => a.Name, "application");

    /// <summary>The baseline OS.</summary>
    public OsProfile BaselineOs => Os[Baseline];

    /// <summary>This study with <paramref name="os"/> replacing the OS of the same name, or added after the others.</summary>
    public Study With(OsProfile os)
    {
        ArgumentNullException.ThrowIfNull(os);
        var i = Oses.Select(o => o.Name).ToList().IndexOf(os.Name);
        return this with { Oses = i >= 0 ? Oses.SetItem(i, os) : Oses.Add(os) };
    }

    /// <summary>This study with <paramref name="app"/> replacing the application of the same name, or added after the others.</summary>
    public Study With(AppProfile app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var i = Apps.Select(a => a.Name).ToList().IndexOf(app.Name);
        return this with { Apps = i >= 0 ? Apps.SetItem(i, app) : Apps.Add(app) };
    }

    /// <summary>This study on another platform.</summary>
    public Study With(Platform platform) => this with { Platform = platform };

    /// <summary>This study with another predictor (a mechanism model swapped, added or removed).</summary>
    public Study With(Predictor predictor) => this with { Predictor = predictor };

    /// <summary>The scenario of one application on one OS at a node count (its cross-record rules checked here).</summary>
    public Scenario Scenario(string app, string os, int nodes) => new(Platform, Os[os], App[app], nodes);

    /// <summary>Predicts one application on one OS at a node count.</summary>
    public Prediction Predict(string app, string os, int nodes) => Predictor.Predict(Scenario(app, os, nodes));

    /// <summary>Predicts <paramref name="app"/> on <paramref name="os"/> at <paramref name="nodes"/> nodes of this study's platform.</summary>
    public Prediction Predict(AppProfile app, OsProfile os, int nodes) => Predictor.Predict(new Scenario(Platform, os, app, nodes));

    /// <summary>
    /// Predicts every application × OS × node count, each row with its ratio to the baseline OS at the same node count.
    /// Defaults: all applications, all OSes, each application's own node counts (<see cref="AppProfile.DefaultNodes"/>).
    /// </summary>
    /// <param name="apps">Application names (null: all).</param>
    /// <param name="oses">OS names (null: all).</param>
    /// <param name="nodes">Node counts (null: each application's defaults).</param>
    public Sweep Sweep(IEnumerable<string>? apps = null, IEnumerable<string>? oses = null, IEnumerable<int>? nodes = null) =>
        SweepOver((apps ?? App.Names).Select(a => App[a]), (oses ?? Os.Names).Select(o => Os[o]), nodes);

    /// <summary>As <see cref="Sweep(IEnumerable{string}?, IEnumerable{string}?, IEnumerable{int}?)"/> for profiles that
    /// need not belong to the study (what-if variants); the baseline is still the study's baseline OS.</summary>
    /// <param name="apps">Applications.</param>
    /// <param name="oses">OSes.</param>
    /// <param name="nodes">Node counts, or null for each application's defaults.</param>
    public Sweep SweepOver(IEnumerable<AppProfile> apps, IEnumerable<OsProfile> oses, IEnumerable<int>? nodes)
    {
        ArgumentNullException.ThrowIfNull(apps);
        ArgumentNullException.ThrowIfNull(oses);
        var nodeList = nodes?.ToArray();
        var osList = oses.ToArray();
        var baselineOs = BaselineOs;
        // Every (application, OS, node count) once, the baseline's first: predictions are independent and pure, so they
        // run in parallel into fixed slots and the rows come out in the same order, bit for bit, on any core count.
        var jobs = new List<(AppProfile App, OsProfile Os, int Nodes)>();
        var appJobs = new List<(int Baseline, int[] Rows)>();
        foreach (var app in apps)
        {
            var counts = nodeList ?? [.. app.DefaultNodes];
            var first = jobs.Count;
            foreach (var n in counts) jobs.Add((app, baselineOs, n));
            var rowJobs = new List<int>();
            foreach (var os in osList)
                for (var i = 0; i < counts.Length; i++)
                {
                    if (ReferenceEquals(os, baselineOs)) rowJobs.Add(first + i);
                    else
                    {
                        rowJobs.Add(jobs.Count);
                        jobs.Add((app, os, counts[i]));
                    }
                }
            appJobs.Add((first, [.. rowJobs]));
        }
        var predictions = new Prediction[jobs.Count];
        var errors = new Exception?[jobs.Count];
        // One memo of noise steps for the sweep: the halo exchanges' barriers repeat at every node count of an application.
        var predictor = Predictor.WithNoiseMemo(new ClosedFormMemo());
        Parallel.For(0, jobs.Count, j =>
        {
            try { predictions[j] = predictor.Predict(Platform, jobs[j].Os, jobs[j].App, jobs[j].Nodes); }
            catch (Exception e) { errors[j] = e; }
        });
        // The error of the first failing combination in sweep order, as a sequential sweep would have thrown it.
        if (errors.FirstOrDefault(e => e is not null) is { } error) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
        var rows = new List<SweepRow>();
        foreach (var (first, rowJobs) in appJobs)
        {
            var counts = rowJobs.Length / Math.Max(1, osList.Length);
            for (var r = 0; r < rowJobs.Length; r++)
            {
                var p = predictions[rowJobs[r]];
                var b = predictions[first + r % counts];
                rows.Add(new SweepRow(p, p.RelativeTo(b), b));
            }
        }
        return new PerfModel.Sweep(rows, Baseline);
    }

    /// <summary>Equal when the platform, the OSes and applications (element by element), the baseline and the predictor are equal.</summary>
    public bool Equals(Study? other) =>
        other is not null && Platform == other.Platform && ValueEquality.Sequence(Oses, other.Oses) && ValueEquality.Sequence(Apps, other.Apps)
        && Baseline == other.Baseline && ReferenceEquals(Predictor, other.Predictor);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Platform, ValueEquality.Hash(Oses), ValueEquality.Hash(Apps), Baseline);

    private void CheckFit()
    {
        if (platform is not { } p || apps is not { } list) return;
        for (var i = 0; i < list.Length; i++)
            if (Descriptions.Scenario.CoreViolation(p, list[i]) is { } rule)
                throw Rules.Broken(this, $"{nameof(Apps)}[{i}].{nameof(AppProfile.RanksPerNode)}", list[i].RanksPerNode, rule);
    }

    private void CheckBaseline()
    {
        if (oses is { } list && baseline is { } b && !list.Any(o => o.Name == b))
            throw Rules.Broken(this, nameof(Baseline), b, $"must be one of the OSes: {string.Join(", ", list.Select(o => o.Name))}");
    }

    private ImmutableArray<T> Unique<T>(ImmutableArray<T> items, Func<T, string> name, string field)
    {
        var dup = items.GroupBy(name).FirstOrDefault(g => g.Count() > 1);
        return dup is null ? items : throw Rules.Broken(this, field, dup.Key, "names must be unique");
    }
}
