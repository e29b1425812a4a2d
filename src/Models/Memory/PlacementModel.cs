using PerfModel.Internal;
using PerfModel.Profiles;

namespace PerfModel.Memory;

/// <summary>
/// MCDRAM/DDR placement and spill (facts.md §6.5; P18 Sec. II-D3, III-B, IV).
/// HBM share f per policy, with C = usable HBM capacity = u × node HBM, R ranks of footprint F each:
/// <list type="bullet">
/// <item>HBM-if-fits-else-DDR (Linux, SNC-4): f = 1 if R·F ≤ C, else 0 — numactl can prefer only one of the four MCDRAM domains.</item>
/// <item>DDR only: f = 0.</item>
/// <item>Per-rank split (mOS) and demand-paging fallback (McKernel): each rank fills its share, f = min(1, C / (R·F)); the
/// policies differ through u (upfront division versus best-effort demand paging, P18's CCS-QCD hypothesis).</item>
/// </list>
/// Memory time T = B · [f / (BW_hbm/R) + (1 − f) / (BW_ddr/R)] for B bytes per rank per iteration (serial, additive:
/// the traffic to each tier is not overlapped). All R ranks stream together, so each sees 1/R of the tier's bandwidth.
/// </summary>
public static class PlacementModel
{
    public static PlacementResult Evaluate(Platform platform, MemoryPlacement placement, double footprintBytesPerRank, double bytesPerIteration, int ranksPerNode)
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
                    f = Math.Min(1, usable / nodeFootprint);
                    regime = f >= 1 ? "fits-hbm" : "spills-to-ddr";
                    break;
            }
        }
        var perRankDdr = ddr.BandwidthBytesPerSecond / ranksPerNode;
        var perRankHbm = hbm is null ? perRankDdr : hbm.BandwidthBytesPerSecond / ranksPerNode;
        var secondsPerByte = f / perRankHbm + (1 - f) / perRankDdr;
        return new PlacementResult(f, regime, bytesPerIteration * secondsPerByte, 1 / secondsPerByte);
    }
}
