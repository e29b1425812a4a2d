using System.Collections.Immutable;
using System.Globalization;
using PerfModel.Communication;
using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Units;

namespace PerfModel.Predictions;

/// <summary>
/// The model's answer for one scenario, complete when constructed: the typed terms of every mechanism model per rank and
/// iteration, and from them the runtime (iterations × Σ terms, <see cref="Breakdown"/>), the figure of merit, and the run
/// spread of five runs (P18 shows min/max of 5): the run time is a sum of independent iterations whose variance the
/// terms report (the noise model's synchronisation steps), so by the central limit theorem its noise part is normal with
/// σ² = iterations × Σ variance per iteration; and each run keeps its own factor X = e^(σ_run·Z) (median 1, independent
/// between runs; σ_run = <see cref="Interconnect.RunToRunLogSd"/>) on its communication time c = iterations × the
/// communication term (collectives and halo exchanges; not compute, memory, noise or system calls):
/// run time = runtime − c + c·X + noise part, and <see cref="RunSpread.WithCommunicationFactor"/> gives E[min/median/max of 5].
/// </summary>
public sealed record Prediction
{
    /// <summary>Runs in <see cref="Spread"/> (P18's error bars are min/max of 5 runs).</summary>
    public const int SpreadRuns = 5;

    /// <summary>A prediction of <paramref name="scenario"/> from the terms of its mechanism models.</summary>
    /// <param name="scenario">What was predicted.</param>
    /// <param name="terms">Per-rank, per-iteration terms, in evaluation order.</param>
    /// <param name="notes">Warnings, e.g. extrapolation beyond the machine.</param>
    /// <exception cref="UnrepresentablePredictionException">A term, the runtime, the figure of merit or the run's variance
    /// is not a finite number (the figure of merit also when it is not &gt; 0).</exception>
    public Prediction(Scenario scenario, IEnumerable<MechanismTerm> terms, IEnumerable<string> notes)
    {
        Scenario = scenario ?? throw new ArgumentNullException(nameof(scenario));
        Terms = new TermSet(terms ?? throw new ArgumentNullException(nameof(terms)));
        Notes = [.. notes ?? throw new ArgumentNullException(nameof(notes))];
        var app = scenario.App;
        try
        {
            Breakdown = new Breakdown(Terms, app.Iterations);
        }
        catch (ArgumentOutOfRangeException e)
        {
            // The terms are finite (a TimeInterval is); their sum over the iterations is not.
            throw new UnrepresentablePredictionException(scenario, string.Create(CultureInfo.InvariantCulture,
                $"its runtime over {app.Iterations:G4} iterations is not a finite number of seconds"), e);
        }
        Runtime = Breakdown.Total;
        if (!(Runtime.Seconds > 0))
            throw new ArgumentException($"the terms of {app.Name} on {scenario.Os.Name} at {scenario.Nodes} nodes add up to {Runtime}; a runtime must be > 0", nameof(terms));
        var workers = app.Scaling == ScalingMode.Strong ? app.RanksPerNode : scenario.Ranks;
        Fom = app.Fom.HigherIsBetter
            ? app.Fom.Scale * app.Fom.WorkPerRankPerIteration * workers * app.Iterations / Runtime.Seconds
            : app.Fom.Scale * Runtime.Seconds;
        var variance = 0.0;
        foreach (var t in Terms) variance += t.VariancePerIterationSeconds2;
        RunStandardDeviation = TimeInterval.FromSeconds(Math.Sqrt(app.Iterations * variance));
        if (!double.IsFinite(Fom) || !(Fom > 0))
            throw new UnrepresentablePredictionException(scenario, string.Create(CultureInfo.InvariantCulture, $"its figure of merit is {Fom} {app.Fom.Unit}"));
        if (!double.IsFinite(variance) || !double.IsFinite(RunStandardDeviation.Seconds))
            throw new UnrepresentablePredictionException(scenario, string.Create(CultureInfo.InvariantCulture, $"the variance of its run time is {app.Iterations * variance} s²"));
        var communication = Terms.Find<CommunicationTerm>() is { } comm ? app.Iterations * comm.PerIteration.Seconds : 0;
        CommunicationPerRun = TimeInterval.FromSeconds(Math.Min(communication, Runtime.Seconds));
        Spread = RunSpread.WithCommunicationFactor(Runtime, app.Iterations * variance, CommunicationPerRun, scenario.Platform.Network.RunToRunLogSd, SpreadRuns);
    }

    /// <summary>The scenario predicted.</summary>
    public Scenario Scenario { get; }

    /// <summary>Application identifier.</summary>
    public string App => Scenario.App.Name;

    /// <summary>OS identifier.</summary>
    public string Os => Scenario.Os.Name;

    /// <summary>Nodes.</summary>
    public int Nodes => Scenario.Nodes;

    /// <summary>MPI ranks.</summary>
    public long Ranks => Scenario.Ranks;

    /// <summary>Application cores in use: ranks × threads.</summary>
    public long Cores => Scenario.Cores;

    /// <summary>Every model's term per rank and iteration, typed (e.g. <c>Terms.Get&lt;MemoryTerm&gt;().HbmFraction</c>).</summary>
    public TermSet Terms { get; }

    /// <summary>Runtime of the timed iterations by mechanism.</summary>
    public Breakdown Breakdown { get; }

    /// <summary>Predicted time of the timed iterations.</summary>
    public TimeInterval Runtime { get; }

    /// <summary>Time of one iteration: Σ terms (<see cref="Breakdown.PerIteration"/>).</summary>
    public TimeInterval PerIteration => Breakdown.PerIteration;

    /// <summary>σ of the run time: √(iterations × Σ of the terms' variance per iteration), the spread of a run that sums
    /// independent iterations.</summary>
    public TimeInterval RunStandardDeviation { get; }

    /// <summary>c: the communication time of the run (iterations × the <see cref="CommunicationTerm"/>: collectives and halo
    /// exchanges), which each run scales by its own factor in <see cref="Spread"/>; zero without a communication model.</summary>
    public TimeInterval CommunicationPerRun { get; }

    /// <summary>Figure of merit, in <see cref="FomUnit"/>.</summary>
    [Dimensionless("figure of merit in the application's own unit (FomUnit)")]
    public double Fom { get; }

    /// <summary>Unit of the figure of merit.</summary>
    public string FomUnit => Scenario.App.Fom.Unit;

    /// <summary>Whether a larger figure of merit is better.</summary>
    public bool HigherIsBetter => Scenario.App.Fom.HigherIsBetter;

    /// <summary>Expected fastest, median and slowest of <see cref="SpreadRuns"/> runs.</summary>
    public RunSpread Spread { get; }

    /// <summary>Warnings such as extrapolation beyond the machine.</summary>
    public ImmutableArray<string> Notes { get; }

    /// <summary>The term of type <typeparamref name="T"/> (e.g. <c>MemoryTerm</c>); throws when no model made one.</summary>
    public T Term<T>() where T : MechanismTerm => Terms.Get<T>();

    /// <summary>Relative performance against a baseline as P18 plots it: FOM ratio, &gt; 1 means faster than the baseline.</summary>
    /// <exception cref="ArgumentException">The baseline is another application or node count.</exception>
    public double RelativeTo(Prediction baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        if (baseline.App != App || baseline.Nodes != Nodes)
            throw new ArgumentException($"baseline is {baseline.App} at {baseline.Nodes} nodes, but this prediction is {App} at {Nodes} nodes", nameof(baseline));
        return HigherIsBetter ? Fom / baseline.Fom : baseline.Fom / Fom;
    }

    /// <summary>
    /// Relative performance against <paramref name="baseline"/> (as <see cref="RelativeTo"/>) of the expected slowest and
    /// fastest of this prediction's five runs (<see cref="Spread"/>), against the baseline's expected FOM: the error bars of
    /// P18's figures. Low = FOM at the slowest run / baseline FOM, High = FOM at the fastest run / baseline FOM (inverted
    /// for figures of merit that are times).
    /// </summary>
    /// <exception cref="ArgumentException">The baseline is another application or node count.</exception>
    public (double Low, double High) RelativeRangeTo(Prediction baseline)
    {
        _ = RelativeTo(baseline);
        var a = FomAt(Spread.Max) / baseline.Fom;
        var b = FomAt(Spread.Min) / baseline.Fom;
        return HigherIsBetter ? (a, b) : (1 / b, 1 / a);
    }

    /// <summary>The figure of merit at a given runtime (FOM scales as 1/runtime when higher is better, as runtime otherwise).</summary>
    public double FomAt(TimeInterval runtime) => HigherIsBetter ? Fom * Runtime.Seconds / runtime.Seconds : Fom * runtime.Seconds / Runtime.Seconds;

    /// <summary>"minife on mos at 1024 nodes: 0.0339 s, FOM 2.0402E+07 Mflop/s".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{App} on {Os} at {Nodes} nodes: {Runtime.Seconds:G4} s, FOM {Fom:G5} {FomUnit}");
}
