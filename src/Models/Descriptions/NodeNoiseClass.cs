using System.Diagnostics.CodeAnalysis;
using PerfModel.Internal;

namespace PerfModel.Descriptions;

/// <summary>
/// A share of the nodes whose cores see another noise profile than the rest (a few bad nodes in a big job): each node
/// belongs to the class with probability <see cref="Share"/>, independently, and then every core of it has
/// <see cref="Noise"/> instead of the profile's own sources. With <see cref="Scope"/> = <see cref="NoiseClassScope.Core"/>
/// the draw is per core instead (a few noisier cores spread over the nodes). Valid when made: share in (0, 1], a noise
/// profile without node classes of its own, and not co-scheduled when the scope is a core (one core has no other core to
/// share its timeline with).
/// </summary>
public sealed record NodeNoiseClass
{
    /// <summary>A class of <paramref name="share"/> of the nodes with <paramref name="noise"/>.</summary>
    [SetsRequiredMembers]
    public NodeNoiseClass(double share, NoiseProfile noise)
    {
        Share = share;
        Noise = noise;
    }

    /// <summary>Fraction of the nodes in the class (each node independently).</summary>
    [Dimensionless("fraction of the nodes")]
    public required double Share
    {
        get;
        init => field = double.IsFinite(value) && value > 0 && value <= 1 ? value : throw Rules.Broken(this, nameof(Share), value, "must be in (0, 1]");
    }

    /// <summary>Whether nodes (the default) or single cores join the class.</summary>
    public NoiseClassScope Scope
    {
        get;
        init
        {
            if (!Enum.IsDefined(value)) throw Rules.Broken(this, nameof(Scope), value, "must be node or core");
            if (value == NoiseClassScope.Core && Noise is { CoScheduled: true })
                throw Rules.Broken(this, nameof(Scope), value, "a class of single cores cannot have co-scheduled noise");
            field = value;
        }
    }

    /// <summary>The noise of every core of a node in the class (of every core in the class, for a core scope).</summary>
    public required NoiseProfile Noise
    {
        get;
        init
        {
            Rules.NotNull(this, value);
            if (!value.NodeClasses.IsDefaultOrEmpty) throw Rules.Broken(this, nameof(Noise), value.NodeClasses.Length, "a node class's noise must not have node classes of its own");
            if (Scope == NoiseClassScope.Core && value.CoScheduled) throw Rules.Broken(this, nameof(Noise), value.CoScheduled, "a class of single cores cannot have co-scheduled noise");
            field = value;
        }
    }
}
