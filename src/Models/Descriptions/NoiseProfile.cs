using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using PerfModel.Internal;

namespace PerfModel.Descriptions;

/// <summary>
/// OS noise seen by each application core: independent detour sources that add up. Valid when made: every source is
/// valid (<see cref="NoiseSource"/>) and their fractions of a core's time add up to less than 1.
/// <see cref="CoScheduled"/> = true means detours hit all cores at the same instant, so nothing is amplified at
/// synchronisation points (Beckman et al., "The influence of operating systems on the performance of collective
/// operations at extreme scale", Cluster 2006, doi:10.1109/CLUSTR.2006.311846). <see cref="NodeClasses"/> give shares of
/// the nodes (or of the cores, <see cref="NodeNoiseClass.Scope"/>, one scope for all) another profile (a few noisy nodes
/// in a big job, a few noisy cores); their shares add up to at most 1 and the rest have <see cref="Sources"/>. At most <see cref="MaxSources"/> sources in all (the node classes' included) and
/// <see cref="MaxNodeClasses"/> node classes: the closed forms put every source on the grid of every evaluation and every
/// class is a population of its own, so these bound the cost of a step (seconds, not minutes).
/// </summary>
public sealed record NoiseProfile
{
    /// <summary>Most sources of a profile, its node classes' included: 16. Each costs the closed forms its discretisation
    /// on every age bin of the grid, about 0.06 s per evaluation for a log-normal or Pareto source at the default
    /// resolution; 16 keep a step within seconds.</summary>
    public const int MaxSources = 16;

    /// <summary>Most node classes: 4 (each is one more population whose laws are mixed into every maximum).</summary>
    public const int MaxNodeClasses = 4;

    /// <summary>No noise.</summary>
    public static readonly NoiseProfile None = new([], coScheduled: false);

    /// <summary>A profile of the given sources.</summary>
    [SetsRequiredMembers]
    public NoiseProfile(IEnumerable<NoiseSource> sources, bool coScheduled = false)
    {
        Sources = [.. sources];
        CoScheduled = coScheduled;
    }

    /// <summary>The detour sources.</summary>
    public required ImmutableArray<NoiseSource> Sources { get; init => field = CheckSources(value); }

    /// <summary>Whether detours hit all cores at once.</summary>
    public required bool CoScheduled { get; init; }

    /// <summary>Shares of the nodes whose cores have another noise profile (empty: every node has <see cref="Sources"/>).</summary>
    public ImmutableArray<NodeNoiseClass> NodeClasses
    {
        get;
        init
        {
            var classes = value.IsDefault ? [] : value;
            for (var i = 0; i < classes.Length; i++) Rules.NotNull(this, classes[i], $"{nameof(NodeClasses)}[{i}]");
            if (classes.Length > MaxNodeClasses)
                throw Rules.Broken(this, $"{nameof(NodeClasses)}[{MaxNodeClasses}]", classes.Length, $"a noise profile has at most {MaxNodeClasses} node classes");
            var sources = Sources.IsDefault ? 0 : Sources.Length;
            for (var i = 0; i < classes.Length; i++)
            {
                sources += classes[i].Noise.Sources.Length;
                if (sources > MaxSources)
                    throw Rules.Broken(this, $"{nameof(NodeClasses)}[{i}]", sources, TooManySources);
            }
            for (var i = 1; i < classes.Length; i++)
                if (classes[i].Scope != classes[0].Scope)
                    throw Rules.Broken(this, $"{nameof(NodeClasses)}[{i}]", classes[i].Scope, $"the classes of a profile have one scope (the first is {classes[0].Scope.ToString().ToLowerInvariant()})");
            var total = classes.Sum(c => c.Share);
            field = total <= 1 + 1e-12 ? classes : throw Rules.Broken(this, nameof(NodeClasses), total, "the shares of the node classes must add up to at most 1");
        }
    } = [];

    /// <summary>What the classes are drawn for: <see cref="NoiseClassScope.Node"/> without classes, else their one scope.</summary>
    public NoiseClassScope ClassScope => NodeClasses.IsDefaultOrEmpty ? NoiseClassScope.Node : NodeClasses[0].Scope;

    /// <summary>Share of the nodes with the profile's own <see cref="Sources"/>: 1 − the classes' shares.</summary>
    [Dimensionless("fraction of the nodes")]
    public double BaseShare => Math.Max(0, 1 - NodeClasses.Sum(c => c.Share));

    /// <summary>Fraction of a core's time all sources take together.</summary>
    [Dimensionless("fraction of a core's time")]
    public double Fraction => Sources.Sum(s => s.Fraction);

    /// <summary>Equal when the co-scheduling flag, the sources and the node classes (element by element) are equal.</summary>
    public bool Equals(NoiseProfile? other) =>
        other is not null && CoScheduled == other.CoScheduled && ValueEquality.Sequence(Sources, other.Sources) && ValueEquality.Sequence(NodeClasses, other.NodeClasses);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(CoScheduled, ValueEquality.Hash(Sources));

    private static string TooManySources =>
        $"a noise profile has at most {MaxSources} sources, its node classes' included (each costs every evaluation its discretisation)";

    private ImmutableArray<NoiseSource> CheckSources(ImmutableArray<NoiseSource> value)
    {
        var sources = Rules.Items(this, value, nameof(Sources));
        var total = 0.0;
        var inClasses = NodeClasses.IsDefault ? 0 : NodeClasses.Sum(c => c.Noise.Sources.Length);
        if (sources.Length + inClasses > MaxSources)
            throw Rules.Broken(this, $"{nameof(Sources)}[{Math.Max(0, MaxSources - inClasses)}]", sources.Length + inClasses, TooManySources);
        for (var i = 0; i < sources.Length; i++)
        {
            total += sources[i].Fraction;
            if (total >= 1)
                throw Rules.Broken(this, $"{nameof(Sources)}[{i}]", sources[i].Name,
                    $"with this source the sources' rate x mean duration add up to {total:G4}, which must be < 1 (the core would do nothing but detours)");
        }
        return sources;
    }
}
