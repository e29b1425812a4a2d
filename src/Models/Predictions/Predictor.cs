using System.Collections.Immutable;
using System.Globalization;
using PerfModel.Communication;
using PerfModel.Descriptions;
using PerfModel.Memory;
using PerfModel.Noise;
using PerfModel.Syscalls;

namespace PerfModel.Predictions;

/// <summary>
/// Combines mechanism models into a runtime and figure of merit for one scenario. The default composition, evaluated in
/// this order, is, per rank and iteration (strong scaling dividing volume terms by N and surface terms by N^(2/3),
/// <see cref="RankLoad"/>):
/// <code>
///   W      = compute + memory (placement) + TLB + heap (brk/faults) + syscalls (device calls, offload queued on the OS cores, sched_yield)
///   comm   = Σ collectives (LogGP, log2 P rounds) + Σ halo exchanges (LogGP, node-port contention)
///   noise  = Σ_sync E[max over the participating cores of the detour delay over (W / #syncs + duration of that sync)]
///   T_iter = W + comm + noise,   runtime = iterations × T_iter
///   FOM    = scale × work per rank × ranks doing it × iterations / runtime   (strong scaling: the one-node work)
/// </code>
/// A model can be replaced (<see cref="With"/>), removed (<see cref="Without"/>) or added (<see cref="Add"/>) without
/// touching the others; each model sees the terms of the models before it. Pure, immutable and thread-safe; nothing is
/// validated here (a <see cref="Scenario"/> is valid when made).
/// </summary>
public sealed class Predictor
{
    /// <summary>The default composition: compute, memory placement, TLB, heap, communication, system calls, noise.</summary>
    public static readonly Predictor Default = new(
    [
        ComputeModel.Instance, MemoryPlacementModel.Instance, TlbReachModel.Instance, HeapFaultModel.Instance,
        CommunicationModel.Instance, SyscallModel.Instance, NoiseModel.Instance,
    ]);

    /// <summary>A predictor evaluating <paramref name="models"/> in order (identifiers must be distinct).</summary>
    /// <exception cref="ArgumentException">No model, a null model or two models with one identifier.</exception>
    public Predictor(IEnumerable<IMechanismModel> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        Models = [.. models];
        if (Models.IsEmpty) throw new ArgumentException("a predictor needs at least one mechanism model", nameof(models));
        if (Models.Any(m => m is null)) throw new ArgumentException("a mechanism model is null", nameof(models));
        var duplicate = Models.GroupBy(m => m.Info.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"two mechanism models have the identifier '{duplicate.Key}'", nameof(models));
    }

    /// <summary>The models, in evaluation order.</summary>
    public ImmutableArray<IMechanismModel> Models { get; }

    /// <summary>This composition with the model of the same identifier replaced by <paramref name="model"/> (or, when none
    /// has its identifier, the model of the same <see cref="Mechanism"/>).</summary>
    /// <exception cref="ArgumentException">No model has that identifier or mechanism; use <see cref="Add"/>.</exception>
    public Predictor With(IMechanismModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var i = Models.IndexOf(Models.FirstOrDefault(m => m.Info.Id == model.Info.Id)!);
        if (i < 0) i = Models.IndexOf(Models.FirstOrDefault(m => m.Info.Mechanism == model.Info.Mechanism)!);
        if (i < 0) throw new ArgumentException($"no model '{model.Info.Id}' or of mechanism {model.Info.Mechanism} to replace; the models are: {Ids}", nameof(model));
        return new Predictor(Models.SetItem(i, model));
    }

    /// <summary>This composition with <paramref name="model"/> inserted before the model <paramref name="before"/> (by
    /// identifier), or before the noise model when not given (so that the noise model sees its time).</summary>
    public Predictor Add(IMechanismModel model, string? before = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var target = before ?? Models.FirstOrDefault(m => m.Info.Mechanism == Mechanism.Noise)?.Info.Id;
        var i = target is null ? -1 : Models.IndexOf(Models.FirstOrDefault(m => m.Info.Id == target)!);
        if (before is not null && i < 0) throw new ArgumentException($"no model '{before}'; the models are: {Ids}", nameof(before));
        return new Predictor(i < 0 ? Models.Add(model) : Models.Insert(i, model));
    }

    /// <summary>This composition without the model <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentException">No model has that identifier.</exception>
    public Predictor Without(string id)
    {
        var i = Models.IndexOf(Models.FirstOrDefault(m => m.Info.Id == id)!);
        if (i < 0) throw new ArgumentException($"no model '{id}'; the models are: {Ids}", nameof(id));
        return new Predictor(Models.RemoveAt(i));
    }

    /// <summary>This composition with every <see cref="NoiseModel"/> evaluating its closed forms through
    /// <paramref name="memo"/> (<see cref="NoiseModel.WithMemo"/>): the same predictions, each distinct noise step computed
    /// once across all of them; itself when it has no noise model.</summary>
    public Predictor WithNoiseMemo(ClosedFormMemo memo)
    {
        ArgumentNullException.ThrowIfNull(memo);
        return Models.Any(m => m is NoiseModel n && !ReferenceEquals(n.Memo, memo))
            ? new Predictor(Models.Select(m => m is NoiseModel n ? n.WithMemo(memo) : m))
            : this;
    }

    /// <summary>Predicts <paramref name="scenario"/>: evaluates every model in order on its <see cref="RankLoad"/>.</summary>
    /// <exception cref="UnrepresentablePredictionException">A model cannot represent a term of the scenario, or the
    /// result would not be finite.</exception>
    public Prediction Predict(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var load = RankLoad.Of(scenario);
        var terms = TermSet.Empty;
        foreach (var model in Models)
        {
            try
            {
                terms = terms.Add(model.Evaluate(load, terms));
            }
            catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException or OverflowException)
            {
                // A term outside what a mechanism model can represent (a time of Infinity, more detours per step than the
                // noise closed forms resolve): the project's error naming the scenario, not the model's internals.
                throw new UnrepresentablePredictionException(scenario, $"the {model.Info.Id} model cannot represent it: {FirstLine(e.Message)}", e);
            }
        }
        var notes = ImmutableArray.CreateBuilder<string>();
        var platform = scenario.Platform;
        if (scenario.Nodes > platform.MachineNodes)
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{scenario.Nodes} nodes exceeds the {platform.MachineNodes} nodes of {platform.Name}: extrapolation"));
        if (SubdomainLimit.Exhausted(load)) notes.Add(SubdomainLimit.Note(scenario.App));
        return new Prediction(scenario, terms, notes.ToImmutable());
    }

    /// <summary>The first line of a model's message, without the " (Parameter 'x')" an argument exception appends.</summary>
    private static string FirstLine(string message)
    {
        var nl = message.IndexOfAny(['\r', '\n']);
        var line = nl < 0 ? message : message[..nl];
        var parameter = line.LastIndexOf(" (Parameter '", StringComparison.Ordinal);
        return parameter > 0 && line.EndsWith("')", StringComparison.Ordinal) ? line[..parameter] : line;
    }

    /// <summary>Predicts <paramref name="app"/> on <paramref name="os"/> at <paramref name="nodes"/> nodes of
    /// <paramref name="platform"/> (the scenario's cross-record rules are checked once, here).</summary>
    public Prediction Predict(Platform platform, OsProfile os, AppProfile app, int nodes) => Predict(new Scenario(platform, os, app, nodes));

    private string Ids => string.Join(", ", Models.Select(m => m.Info.Id));
}
