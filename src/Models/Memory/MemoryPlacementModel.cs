using PerfModel.Descriptions;
using PerfModel.Internal;
using PerfModel.Predictions;
using PerfModel.Units;

namespace PerfModel.Memory;

/// <summary>
/// MCDRAM/DDR placement and spill (P18 Sec. II-D3, III-B, IV; docs/sources.md#placement-model).
/// HBM share f per policy, with C = usable HBM capacity = u × node HBM, R ranks of footprint F each:
/// <list type="bullet">
/// <item>HBM-if-fits-else-DDR (Linux, SNC-4): f = 1 if R·F ≤ C, else 0 — numactl can prefer only one of the four MCDRAM domains.</item>
/// <item>DDR only: f = 0.</item>
/// <item>Per-rank split (mOS) and demand-paging fallback (McKernel): each rank fills its share, f_bytes = min(1, C / (R·F)),
/// and the HBM share of the traffic is f = f_bytes·(1 − s(1 − f_bytes)) with the policy's spill penalty s: the policies
/// differ in how hot the data that lands in HBM is (upfront division versus best-effort demand paging, P18 Sec. IV's
/// CCS-QCD hypothesis). f is continuous and reaches 1 exactly when the footprint fits.</item>
/// <item>Per-rank split also strands capacity when spilling: mOS allocates only physically contiguous memory (P18 Sec.
/// II-D3), so a mapping that does not fit the rest of a rank's share goes to DDR whole and leaves on average half an
/// allocation granule g (the mapping page size, 1 GiB for mappings that large) unused: C_eff = R·(C/R − min(C/R, g/2)).
/// McKernel's demand-paging fallback fills that rest with smaller pages, so it strands nothing.</item>
/// </list>
/// Memory time T = B · [f / (BW_hbm/R) + (1 − f) / (BW_ddr/R)] for B bytes per rank per iteration (serial, additive:
/// the traffic to each tier is not overlapped). All R ranks stream together, so each sees 1/R of the tier's bandwidth.
/// </summary>
public sealed class MemoryPlacementModel : IMechanismModel
{
    /// <summary>The model.</summary>
    public static readonly MemoryPlacementModel Instance = new();

    /// <inheritdoc />
    public ModelInfo Info { get; } = new()
    {
        Id = "memory-placement", Title = "MCDRAM/DDR placement and spill, tiers shared by the node's ranks", Mechanism = Mechanism.Memory,
        Citation = "P18 Sec. II-D3, III-B, IV; two-tier additive bandwidth model (docs/sources.md#placement-model)",
    };

    /// <inheritdoc />
    public MechanismTerm Evaluate(RankLoad load, TermSet upstream)
    {
        ArgumentNullException.ThrowIfNull(load);
        var s = load.Scenario;
        var granule = PageMix.MappingGranule(s.Os, ByteSize.FromBytes(load.Footprint.Bytes * s.App.MappingFraction));
        return Evaluate(s.Platform, s.Os.Placement, load.Footprint, load.MemoryTraffic, load.RanksPerNode, granule) with { ModelId = Info.Id };
    }

    /// <summary>The placement formula (see the class remarks).</summary>
    /// <param name="platform">Node.</param>
    /// <param name="placement">Policy.</param>
    /// <param name="footprintPerRank">F (&gt; 0).</param>
    /// <param name="trafficPerIteration">B (≥ 0).</param>
    /// <param name="ranksPerNode">R (≥ 1).</param>
    /// <param name="granule">g: allocation granule of the rank's large mappings (only used by the per-rank split when spilling).</param>
    public static MemoryTerm Evaluate(Platform platform, MemoryPlacement placement, ByteSize footprintPerRank, ByteSize trafficPerIteration, int ranksPerNode,
        ByteSize granule = default)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(placement);
        var footprintBytesPerRank = Guard.Positive(nameof(footprintPerRank), footprintPerRank.Bytes);
        var bytesPerIteration = Guard.NonNegative(nameof(trafficPerIteration), trafficPerIteration.Bytes);
        Guard.Positive(nameof(ranksPerNode), ranksPerNode);
        var granuleBytes = granule.Bytes;
        var hbm = platform.Hbm;
        var ddr = platform.Ddr;
        double f;
        PlacementRegime regime;
        var nodeFootprint = footprintBytesPerRank * ranksPerNode;
        if (hbm is null)
        {
            (f, regime) = (0, PlacementRegime.NoHbm);
        }
        else
        {
            var usable = placement.HbmUsableFraction * hbm.Capacity.Bytes;
            switch (placement.Policy)
            {
                case PlacementPolicy.DdrOnly:
                    (f, regime) = (0, PlacementRegime.DdrOnly);
                    break;
                case PlacementPolicy.HbmIfFitsElseDdr:
                    (f, regime) = nodeFootprint <= usable ? (1.0, PlacementRegime.FitsHbm) : (0.0, PlacementRegime.DdrOnly);
                    break;
                default:
                    var fBytes = Math.Min(1, usable / nodeFootprint);
                    if (fBytes < 1 && placement.Policy == PlacementPolicy.PerRankSplit)
                    {
                        var share = usable / ranksPerNode;
                        fBytes = (share - Math.Min(share, granuleBytes / 2)) * ranksPerNode / nodeFootprint;
                    }
                    f = fBytes * (1 - placement.SpillPenalty * (1 - fBytes));
                    regime = fBytes >= 1 ? PlacementRegime.FitsHbm : PlacementRegime.SpillsToDdr;
                    break;
            }
        }
        var perRankDdr = ddr.Bandwidth.BytesPerSecond / ranksPerNode;
        var perRankHbm = hbm is null ? perRankDdr : hbm.Bandwidth.BytesPerSecond / ranksPerNode;
        var secondsPerByte = f / perRankHbm + (1 - f) / perRankDdr;
        return new MemoryTerm
        {
            ModelId = "memory-placement",
            Mechanism = Mechanism.Memory,
            Role = TermRole.Work,
            PerIteration = TimeInterval.FromSeconds(bytesPerIteration * secondsPerByte),
            HbmFraction = f,
            Regime = regime,
            EffectiveBandwidthPerRank = Bandwidth.FromBytesPerSecond(1 / secondsPerByte),
        };
    }
}
