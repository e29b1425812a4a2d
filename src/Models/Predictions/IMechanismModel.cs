namespace PerfModel.Predictions;

/// <summary>
/// One mechanism of the runtime model (compute, memory placement, TLB, heap, communication, system calls, noise, or one a
/// user adds). A <see cref="Predictor"/> evaluates its models in order; each sees the scenario's per-rank load and the
/// terms of the models before it (the heap model reads the bandwidth the placement gives; the noise model reads the work
/// between synchronisation points and the time of each collective). Implementations are pure, deterministic and
/// thread-safe.
/// </summary>
public interface IMechanismModel
{
    /// <summary>Identifier, title, category and citation.</summary>
    ModelInfo Info { get; }

    /// <summary>The mechanism's time per rank and iteration.</summary>
    /// <param name="load">The scenario and its per-rank, per-iteration quantities (strong scaling applied).</param>
    /// <param name="upstream">Terms of the models evaluated before this one.</param>
    MechanismTerm Evaluate(RankLoad load, TermSet upstream);
}
