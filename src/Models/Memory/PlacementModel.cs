using PerfModel.Internal;
using PerfModel.Profiles;

namespace PerfModel.Memory;

/// <summary>
/// MCDRAM/DDR placement and spill (facts.md §6.5; P18 Sec. II-D3, III-B, IV).
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
public static class PlacementModel
{
    /// <param name="platform">Node.</param>
    /// <param name="placement">Policy.</param>
    /// <param name="footprintBytesPerRank">F.</param>
    /// <param name="bytesPerIteration">B.</param>
    /// <param name="ranksPerNode">R.</param>
    /// <param name="granuleBytes">g: allocation granule of the rank's large mappings (only used by the per-rank split when spilling).</param>
    public static PlacementResult Evaluate(Platform platform, MemoryPlacement placement, double footprintBytesPerRank, double bytesPerIteration, int ranksPerNode,
        double granuleBytes = 0)
    {
        Guard.Positive(nameof(footprintBytesPerRank), footprintBytesPerRank);
        Guard.NonNegative(nameof(bytesPerIteration), bytesPerIteration);
        Guard.Positive(nameof(ranksPerNode), ranksPerNode);
        var hbm = platform.Hbm;
        var ddr = platform.Ddr;
        double f;
        string regime;
        var nodeFootprint = footprintBytesPerRank * ranksPerNode;
        if (hbm is null)
        {
            (f, regime) = (0, "no-hbm");
        }
        else
        {
            var usable = placement.HbmUsableFraction * hbm.CapacityBytes;
            switch (placement.Policy)
            {
                case PlacementPolicy.DdrOnly:
                    (f, regime) = (0, "ddr-only");
                    break;
                case PlacementPolicy.HbmIfFitsElseDdr:
                    (f, regime) = nodeFootprint <= usable ? (1.0, "fits-hbm") : (0.0, "ddr-only");
                    break;
                default:
                    var fBytes = Math.Min(1, usable / nodeFootprint);
                    if (fBytes < 1 && placement.Policy == PlacementPolicy.PerRankSplit)
                    {
                        var share = usable / ranksPerNode;
                        fBytes = (share - Math.Min(share, granuleBytes / 2)) * ranksPerNode / nodeFootprint;
                    }
                    f = fBytes * (1 - placement.SpillPenalty * (1 - fBytes));
                    regime = fBytes >= 1 ? "fits-hbm" : "spills-to-ddr";
                    break;
            }
        }
        var perRankDdr = ddr.BandwidthBytesPerSecond / ranksPerNode;
        var perRankHbm = hbm is null ? perRankDdr : hbm.BandwidthBytesPerSecond / ranksPerNode;
        var secondsPerByte = f / perRankHbm + (1 - f) / perRankDdr;
        return new PlacementResult(f, regime, bytesPerIteration * secondsPerByte, 1 / secondsPerByte);
    }
}
