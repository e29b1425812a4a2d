using PerfModel.Internal;
using PerfModel.Units;

namespace PerfModel.Descriptions;

/// <summary>Nearest-neighbour exchanges of a domain-decomposed code. Valid when made: 0 to 26 neighbours (a 3-D stencil
/// with edges and corners), size and count ≥ 0.</summary>
public sealed record HaloExchange
{
    /// <summary>No neighbour exchange.</summary>
    public static readonly HaloExchange None = new() { Neighbours = 0, PerNeighbour = ByteSize.Zero, ExchangesPerIteration = 0 };

    /// <summary>Ranks each rank exchanges with (6 faces; up to 26 with edges and corners).</summary>
    [Dimensionless("neighbour count, 0 to 26")]
    public required double Neighbours
    {
        get;
        init => field = Rules.NonNegative(this, value) <= 26 ? value : throw Rules.Broken(this, nameof(Neighbours), value, "must be at most 26 (3-D stencil)");
    }

    /// <summary>Bytes sent to each neighbour per exchange at one node (strong scaling shrinks it as the surface does).</summary>
    public required ByteSize PerNeighbour { get; init => field = Rules.NonNegative(this, value); }

    /// <summary>Exchanges per iteration.</summary>
    [Dimensionless("exchanges per iteration")]
    public required double ExchangesPerIteration { get; init => field = Rules.NonNegative(this, value); }
}
