using System.Collections.Concurrent;
using PerfModel.Descriptions;

namespace PerfModel.Noise;

/// <summary>
/// Closed-form evaluations (<see cref="NoiseClosedForm.Evaluate"/>) remembered by the value of their inputs: the noise
/// profile, the step's shape, the rank count and the options. The closed forms are pure, so an evaluation asked for again
/// returns the same result without being computed again. Many predictions ask for the same steps: the halo exchanges'
/// neighbourhood barriers are the same at every node count of an application, and a search that moves one parameter at a
/// time (<c>Sensitivity.KnifeEdges</c>) leaves the noise and the step of most scenarios unchanged — the default report's
/// knife-edge search asks for 18,752 closed forms, 3,434 of them distinct. A <see cref="NoiseModel"/> made with a memo
/// (<see cref="NoiseModel.WithMemo"/>, <see cref="Predictions.Predictor.WithNoiseMemo"/>) evaluates through it;
/// <see cref="Predictions.PredictionMemo"/> and a sweep (<see cref="Study.SweepOver"/>) use one. Thread-safe: each distinct evaluation runs once even when asked for from several threads at a time; a failure
/// is remembered and thrown again. A memo grows with every distinct evaluation it is asked for: keep one per study, sweep
/// or search, not one for a whole session.
/// <code>
/// var memo = new ClosedFormMemo();
/// var r = memo.Evaluate(noise, shape, 131_072, ClosedFormOptions.Fast);   // computed
/// var again = memo.Evaluate(noise, shape, 131_072, ClosedFormOptions.Fast);   // remembered: the same object
/// </code>
/// </summary>
public sealed class ClosedFormMemo
{
    private readonly ConcurrentDictionary<Key, Lazy<ClosedFormResult>> cache = new();

    /// <summary><see cref="NoiseClosedForm.Evaluate"/> of the same arguments: remembered, or computed now.</summary>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="NoiseClosedForm.Evaluate"/> (remembered: asked again,
    /// the same exception is thrown again).</exception>
    public ClosedFormResult Evaluate(NoiseProfile noise, StepShape shape, double ranks, ClosedFormOptions options)
    {
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(options);
        var key = new Key(noise, shape, ranks, options);
        return cache.GetOrAdd(key, k => new Lazy<ClosedFormResult>(() => NoiseClosedForm.Evaluate(k.Noise, k.Shape, k.Ranks, k.Options),
            LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    /// <summary>Distinct evaluations remembered so far.</summary>
    public int Count => cache.Count;

    /// <summary>The inputs, compared by value (the records' own equality).</summary>
    private readonly record struct Key(NoiseProfile Noise, StepShape Shape, double Ranks, ClosedFormOptions Options);
}
