namespace PerfModel.Profiles;

/// <summary>Nearest-neighbour exchanges of a domain-decomposed code.</summary>
/// <param name="Neighbours">Ranks each rank exchanges with (6 faces; up to 26 with edges and corners).</param>
/// <param name="BytesPerNeighbour">Bytes sent to each neighbour per exchange at one node (strong scaling shrinks it as the surface does).</param>
/// <param name="ExchangesPerIteration">Exchanges per iteration.</param>
public sealed record HaloExchange(double Neighbours, double BytesPerNeighbour, double ExchangesPerIteration)
{
    public static readonly HaloExchange None = new(0, 0, 0);
}
