using PerfModel.Descriptions;
using PerfModel.Units;

namespace PerfModel.Predictions;

/// <summary>
/// What one rank does per iteration in a scenario, with strong scaling applied: for a strong-scaled application volume
/// terms (compute, memory traffic, footprint, heap growth) are divided by the node count N and surface terms (halo
/// messages) by N^(2/3); for a weak-scaled one both factors are 1. Computed once per prediction and shared by every
/// mechanism model.
/// </summary>
public sealed record RankLoad
{
    private RankLoad(Scenario scenario)
    {
        Scenario = scenario;
        var app = scenario.App;
        var strong = app.Scaling == ScalingMode.Strong;
        VolumeFactor = strong ? 1.0 / scenario.Nodes : 1.0;
        SurfaceFactor = strong ? Math.Pow(scenario.Nodes, -2.0 / 3.0) : 1.0;
        Compute = TimeInterval.FromSeconds(app.ComputePerIteration.Seconds * VolumeFactor);
        MemoryTraffic = ByteSize.FromBytes(app.MemoryTrafficPerIteration.Bytes * VolumeFactor);
        Footprint = ByteSize.FromBytes(app.FootprintPerRank.Bytes * VolumeFactor);
        Heap = app.Heap with
        {
            GrownPerIteration = ByteSize.FromBytes(app.Heap.GrownPerIteration.Bytes * VolumeFactor),
            PeakHeap = ByteSize.FromBytes(app.Heap.PeakHeap.Bytes * VolumeFactor),
        };
    }

    /// <summary>The per-rank load of <paramref name="scenario"/>.</summary>
    public static RankLoad Of(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new RankLoad(scenario);
    }

    /// <summary>The scenario.</summary>
    public Scenario Scenario { get; }

    /// <summary>1/N for strong scaling, 1 for weak.</summary>
    [Units.Dimensionless("scaling factor of volume terms")]
    public double VolumeFactor { get; }

    /// <summary>N^(−2/3) for strong scaling, 1 for weak.</summary>
    [Units.Dimensionless("scaling factor of surface terms")]
    public double SurfaceFactor { get; }

    /// <summary>Core time per iteration.</summary>
    public TimeInterval Compute { get; }

    /// <summary>Bytes moved to and from memory per iteration.</summary>
    public ByteSize MemoryTraffic { get; }

    /// <summary>Resident memory of the rank.</summary>
    public ByteSize Footprint { get; }

    /// <summary>The heap behaviour with grown bytes and peak scaled.</summary>
    public HeapBehaviour Heap { get; }

    /// <summary>MPI ranks in all.</summary>
    public long Ranks => Scenario.Ranks;

    /// <summary>Application cores in all: ranks × threads.</summary>
    public long Cores => Scenario.Cores;

    /// <summary>Ranks per node.</summary>
    public int RanksPerNode => Scenario.App.RanksPerNode;
}
