using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using PerfModel.Descriptions;
using PerfModel.Noise;

namespace PerfModel.Predictions;

/// <summary>
/// Predictions remembered by the identity of their inputs: the predictor, the platform, OS and application profile objects
/// and the node count. Profiles and predictors are immutable, so the same objects give the same prediction; a search that
/// changes one profile at a time (<c>Sensitivity.KnifeEdges</c>: a copy of the study with one parameter moved, every other
/// profile the same object) then predicts again only the scenarios that use the changed profile. Objects that are equal
/// but not the same are predicted again (nothing is compared field by field). Thread-safe: each scenario is predicted
/// once even when asked for from several threads at a time; a failure is remembered and thrown again. The noise steps of
/// the scenarios it predicts again are themselves remembered by value (<see cref="Noise"/>): a moved parameter that leaves
/// a scenario's noise and step as they were costs that scenario no closed form.
/// </summary>
public sealed class PredictionMemo
{
    private readonly ConcurrentDictionary<Key, Lazy<Prediction>> cache = new(KeyComparer.Instance);
    private readonly ConcurrentDictionary<Predictor, Predictor> withMemo = new(ReferenceEqualityComparer.Instance);

    /// <summary>The closed-form evaluations shared by every prediction made through this memo
    /// (<see cref="Predictor.WithNoiseMemo"/>).</summary>
    public ClosedFormMemo Noise { get; } = new();

    /// <summary>The prediction of <paramref name="app"/> on <paramref name="os"/> at <paramref name="nodes"/> nodes of
    /// <paramref name="platform"/> by <paramref name="predictor"/>: remembered, or made now.</summary>
    public Prediction Predict(Predictor predictor, Platform platform, OsProfile os, AppProfile app, int nodes)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(os);
        ArgumentNullException.ThrowIfNull(app);
        var key = new Key(predictor, platform, os, app, nodes);
        return cache.GetOrAdd(key, k => new Lazy<Prediction>(() => WithMemo(k.Predictor).Predict(k.Platform, k.Os, k.App, k.Nodes), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    /// <summary>The predictor's composition with its noise model evaluating through <see cref="Noise"/>, made once per
    /// predictor.</summary>
    private Predictor WithMemo(Predictor predictor) => withMemo.GetOrAdd(predictor, p => p.WithNoiseMemo(Noise));

    /// <summary>Scenarios remembered so far.</summary>
    public int Count => cache.Count;

    private readonly record struct Key(Predictor Predictor, Platform Platform, OsProfile Os, AppProfile App, int Nodes);

    /// <summary>Equality by reference of every object of the key.</summary>
    private sealed class KeyComparer : IEqualityComparer<Key>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals(Key a, Key b) =>
            ReferenceEquals(a.Predictor, b.Predictor) && ReferenceEquals(a.Platform, b.Platform) && ReferenceEquals(a.Os, b.Os)
            && ReferenceEquals(a.App, b.App) && a.Nodes == b.Nodes;

        public int GetHashCode(Key k) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(k.Predictor), RuntimeHelpers.GetHashCode(k.Platform), RuntimeHelpers.GetHashCode(k.Os),
                RuntimeHelpers.GetHashCode(k.App), k.Nodes);
    }
}
