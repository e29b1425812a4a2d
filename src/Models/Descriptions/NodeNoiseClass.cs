using System.Diagnostics.CodeAnalysis;
using PerfModel.Internal;

namespace PerfModel.Descriptions;

/// <summary>
/// A share of the nodes whose cores see another noise profile than the rest (a few bad nodes in a big job): each node
/// belongs to the class with probability <see cref="Share"/>, independently, and then every core of it has
/// <see cref="Noise"/> instead of the profile's own sources. Valid when made: share in (0, 1], a noise profile without
/// node classes of its own.
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

    /// <summary>The noise of every core of a node in the class.</summary>
    public required NoiseProfile Noise
    {
        get;
        init
        {
            Rules.NotNull(this, value);
            field = value.NodeClasses.IsDefaultOrEmpty ? value : throw Rules.Broken(this, nameof(Noise), value.NodeClasses.Length, "a node class's noise must not have node classes of its own");
        }
    }
}
