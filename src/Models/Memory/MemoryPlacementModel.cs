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
/// the traffic to each tier is not overlapped). All R ranks stream together, so each sees 1/R of the tier's bandwidth,
/// which is taken as the all-local rate of an SNC-4 node (four quadrants' local bandwidths add up to it:
/// docs/sources.md#knl-snc4-numa).
/// <para>Two effects of where the OS puts the pages are added to T, each switchable for comparison:</para>
/// <list type="bullet">
/// <item>NUMA locality (<see cref="NumaLocality"/>): a share r of the traffic (the OS's
/// <see cref="MemoryPlacement.RemoteFraction"/>) comes from another quadrant: ΔT_numa = Σ_tier T_tier · r · (BW_local /
/// BW_remote − 1), with the tier's measured per-domain bandwidths.</item>
/// <item>Page colouring (<see cref="PageColouring"/>): the L2-served bytes of the rank's cache-blocked working set,
/// h·B (<see cref="AppProfile.CacheBlockedShare"/>), lose a share Δm = m(ρ) − m(0) to conflict misses, with ρ the share of
/// the footprint on randomly placed 4 KiB frames (<see cref="PageMix.RandomColourShare"/>) and n = k·W / (n_t · 4 KiB) the
/// pages one cache holds: a rank's working set W (<see cref="AppProfile.CacheBlockedWorkingSet"/>) split over its n_t
/// threads, for each of the k cores sharing the cache (<see cref="Platform.CoresPerCache"/>, as many as the application's
/// cores fill); W shrinks with the surface factor σ under strong scaling (the blocked data are a few planes of the
/// subdomain). The misses go to memory: ΔT_colour = Δm · h · B / BW_eff.</item>
/// </list>
/// </summary>
public sealed class MemoryPlacementModel : IMechanismModel
{
    /// <summary>The model with both placement effects.</summary>
    public static readonly MemoryPlacementModel Instance = new();

    /// <summary>The model with both placement effects.</summary>
    public MemoryPlacementModel() : this(true, true)
    {
    }

    /// <summary>The model with the chosen effects (for comparisons with an effect switched off).</summary>
    /// <param name="numaLocality">Add remote NUMA traffic.</param>
    /// <param name="pageColouring">Add page-colour conflict misses.</param>
    public MemoryPlacementModel(bool numaLocality, bool pageColouring)
    {
        IncludesNumaLocality = numaLocality;
        IncludesPageColouring = pageColouring;
    }

    /// <summary>Whether remote NUMA traffic is added.</summary>
    public bool IncludesNumaLocality { get; }

    /// <summary>Whether page-colour conflict misses are added.</summary>
    public bool IncludesPageColouring { get; }

    /// <inheritdoc />
    public ModelInfo Info { get; } = new()
    {
        Id = "memory-placement", Title = "MCDRAM/DDR placement and spill, tiers shared by the node's ranks", Mechanism = Mechanism.Memory,
        Citation = "P18 Sec. II-D2, II-D3, III-B, IV; two-tier additive bandwidth model (docs/sources.md#placement-model); SNC-4 remote traffic (docs/sources.md#numa-placement); page colouring, Kessler and Hill, ACM TOCS 1992, doi:10.1145/138873.138876 (docs/sources.md#page-colouring)",
    };

    /// <inheritdoc />
    public MechanismTerm Evaluate(RankLoad load, TermSet upstream)
    {
        ArgumentNullException.ThrowIfNull(load);
        var s = load.Scenario;
        var granule = PageMix.MappingGranule(s.Os, ByteSize.FromBytes(load.Footprint.Bytes * s.App.MappingFraction));
        var term = Evaluate(s.Platform, s.Os.Placement, load.Footprint, load.MemoryTraffic, load.RanksPerNode, granule);
        var r = s.Os.Placement.RemoteFraction;
        var numa = IncludesNumaLocality ? NumaPenalty(s.Platform, r, term.HbmFraction, load.MemoryTraffic, load.RanksPerNode) : TimeInterval.Zero;
        var (miss, colour) = IncludesPageColouring ? ColourPenalty(load, term.EffectiveBandwidthPerRank) : (0.0, TimeInterval.Zero);
        return term with
        {
            ModelId = Info.Id, PerIteration = term.PerIteration + numa + colour, RemoteFraction = IncludesNumaLocality ? r : 0, NumaPenalty = numa,
            ColourConflictMissFraction = miss, ColourConflictPenalty = colour,
        };
    }

    /// <summary>ΔT_numa = Σ_tier T_tier · r · (BW_local / BW_remote − 1), with T_hbm = B·f / (BW_hbm/R) and
    /// T_ddr = B·(1 − f) / (BW_ddr/R) (see the class remarks); 0 for a tier whose per-domain bandwidths are not given.</summary>
    /// <param name="platform">Node (its tiers' per-domain bandwidths).</param>
    /// <param name="remoteFraction">r in [0, 1].</param>
    /// <param name="hbmFraction">f in [0, 1].</param>
    /// <param name="trafficPerIteration">B.</param>
    /// <param name="ranksPerNode">R (≥ 1).</param>
    public static TimeInterval NumaPenalty(Platform platform, double remoteFraction, double hbmFraction, ByteSize trafficPerIteration, int ranksPerNode)
    {
        ArgumentNullException.ThrowIfNull(platform);
        Guard.Fraction(nameof(hbmFraction), hbmFraction);
        Guard.Positive(nameof(ranksPerNode), ranksPerNode);
        var bytes = Guard.NonNegative(nameof(trafficPerIteration), trafficPerIteration.Bytes);
        var seconds = 0.0;
        foreach (var (tier, share) in new[] { (platform.Hbm, hbmFraction), (platform.Ddr, 1 - hbmFraction) })
        {
            if (tier is null || share <= 0) continue;
            var local = bytes * share / (tier.Bandwidth.BytesPerSecond / ranksPerNode);
            seconds += local * (NumaLocality.Slowdown(remoteFraction, tier.DomainLocalBandwidth, tier.DomainRemoteBandwidth) - 1);
        }
        return TimeInterval.FromSeconds(seconds);
    }

    /// <summary>(Δm, ΔT_colour) of the class remarks for one rank's load; (0, 0) when the platform gives no cache ways or
    /// the application no cache-blocked working set.</summary>
    private static (double Miss, TimeInterval Time) ColourPenalty(RankLoad load, Bandwidth effectivePerRank)
    {
        var s = load.Scenario;
        var (platform, app) = (s.Platform, s.App);
        var workingSet = app.CacheBlockedWorkingSet.Bytes * load.SurfaceFactor;
        if (platform.CacheWays == 0 || app.CacheBlockedShare <= 0 || workingSet <= 0) return (0, TimeInterval.Zero);
        var cache = ByteSize.FromBytes(platform.CachePerCore.Bytes * platform.CoresPerCache);
        var colours = PageColouring.Colours(cache, platform.CacheWays, PageSizes.Base);
        var busy = Math.Clamp((double)app.CoresPerNode / platform.AppCoresPerNode, 0, 1);
        var sharers = Math.Max(1, Math.Round(platform.CoresPerCache * busy));
        var pages = sharers * workingSet / app.ThreadsPerRank / PageSizes.Base.Bytes;
        var rho = PageMix.RandomColourShare(s.Os, app, load.Footprint, load.Heap.MeanGrowth);
        var miss = PageColouring.ConflictMissFraction(pages, colours, platform.CacheWays, rho);
        var extraBytes = miss * app.CacheBlockedShare * load.MemoryTraffic.Bytes;
        return (miss, TimeInterval.FromSeconds(extraBytes / effectivePerRank.BytesPerSecond));
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
