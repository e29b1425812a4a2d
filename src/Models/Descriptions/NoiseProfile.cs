using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using PerfModel.Internal;

namespace PerfModel.Descriptions;

/// <summary>
/// OS noise seen by each application core: independent detour sources that add up. Valid when made: every source is
/// valid (<see cref="NoiseSource"/>) and their fractions of a core's time add up to less than 1.
/// <see cref="CoScheduled"/> = true means detours hit all cores at the same instant, so nothing is amplified at
/// synchronisation points (Beckman et al., "The influence of operating systems on the performance of collective
/// operations at extreme scale", Cluster 2006, doi:10.1109/CLUSTR.2006.311846).
/// </summary>
public sealed record NoiseProfile
{
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

    /// <summary>Fraction of a core's time all sources take together.</summary>
    [Dimensionless("fraction of a core's time")]
    public double Fraction => Sources.Sum(s => s.Fraction);

    /// <summary>Equal when the co-scheduling flag and the sources (element by element) are equal.</summary>
    public bool Equals(NoiseProfile? other) =>
        other is not null && CoScheduled == other.CoScheduled && ValueEquality.Sequence(Sources, other.Sources);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(CoScheduled, ValueEquality.Hash(Sources));

    private ImmutableArray<NoiseSource> CheckSources(ImmutableArray<NoiseSource> value)
    {
        var sources = Rules.Items(this, value, nameof(Sources));
        var total = 0.0;
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
