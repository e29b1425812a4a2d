using System.Collections.Immutable;
using PerfModel.Predictions;
using PerfModel.Units;

namespace PerfModel.Communication;

/// <summary>
/// Communication per rank and iteration: Σ_halo exchanges × <see cref="LogGpCommunication.Halo"/> (surface-scaled message
/// size, off-node share from <see cref="HaloTopology"/>) + Σ_collectives calls × <see cref="LogGpCommunication.Collective"/>.
/// Also counts the messages that leave the node, which the system-call model charges device calls for.
/// </summary>
public sealed class CommunicationModel : IMechanismModel
{
    /// <summary>The model.</summary>
    public static readonly CommunicationModel Instance = new();

    /// <inheritdoc />
    public ModelInfo Info { get; } = new()
    {
        Id = "loggp-communication", Title = "LogGP collectives and halo exchanges with node-port contention", Mechanism = Mechanism.Communication,
        Citation = "Alexandrov et al., SPAA 1995, doi:10.1145/215399.215427; Thakur, Rabenseifner, Gropp, IJHPCA 2005, doi:10.1177/1094342005051521",
    };

    /// <inheritdoc />
    public MechanismTerm Evaluate(RankLoad load, TermSet upstream)
    {
        ArgumentNullException.ThrowIfNull(load);
        var s = load.Scenario;
        var app = s.App;
        var r = load.RanksPerNode;
        var ranks = (int)load.Ranks;
        var net = new LogGpCommunication(s.Platform.Network);
        var offNode = HaloTopology.OffNodeFraction(s.Nodes, r);
        var halo = net.Halo(app.Halo, ByteSize.FromBytes(app.Halo.PerNeighbour.Bytes * load.SurfaceFactor), offNode, r);
        var comm = app.Halo.ExchangesPerIteration * halo.Seconds;
        var interNodeMessages = app.Halo.ExchangesPerIteration * app.Halo.Neighbours * offNode;
        var times = ImmutableArray.CreateBuilder<TimeInterval>(app.Collectives.Length);
        foreach (var c in app.Collectives)
        {
            var t = net.Collective(c.Kind, c.Size, ranks, r);
            times.Add(t);
            comm += c.PerIteration * t.Seconds;
            interNodeMessages += c.PerIteration * LogGpCommunication.InterNodeMessagesPerCollective(c.Kind, ranks, r);
        }
        return new CommunicationTerm
        {
            ModelId = Info.Id,
            Mechanism = Mechanism.Communication,
            Role = TermRole.Communication,
            PerIteration = TimeInterval.FromSeconds(comm),
            HaloPerExchange = halo,
            CollectiveTimes = times.MoveToImmutable(),
            OffNodeFraction = offNode,
            InterNodeMessagesPerIteration = interNodeMessages,
        };
    }
}
