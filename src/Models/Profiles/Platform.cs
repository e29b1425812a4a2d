using System.Collections.Immutable;

namespace PerfModel.Profiles;

/// <summary>A compute node type and the machine built from it (data/platforms/*.json).</summary>
/// <param name="Name">Display name.</param>
/// <param name="CoresPerNode">Physical cores per node.</param>
/// <param name="AppCoresPerNode">Cores given to the application.</param>
/// <param name="OsCoresPerNode">Cores reserved for the OS (Linux daemons, LWK proxy/offload targets).</param>
/// <param name="FrequencyHz">Core clock used to convert cycle counts.</param>
/// <param name="MemoryTiers">Memory tiers of one node.</param>
/// <param name="Tlb">Data-TLB structures.</param>
/// <param name="TlbL2HitSeconds">Penalty of an L1 (uTLB) miss that hits the second-level TLB.</param>
/// <param name="PageWalkCachedSeconds">Page walk whose page-table entries hit in cache.</param>
/// <param name="PageWalkMemorySeconds">Extra time of a walk whose leaf entry misses the cache (one memory access).</param>
/// <param name="CacheBytesPerCore">Last-level cache per core, which bounds how much of the page table stays cached.</param>
/// <param name="Kernel">Kernel operation costs.</param>
/// <param name="Network">Interconnect parameters.</param>
/// <param name="MachineNodes">Nodes in the whole machine (what-if studies are warned past this).</param>
public sealed record Platform(
    string Name,
    int CoresPerNode,
    int AppCoresPerNode,
    int OsCoresPerNode,
    double FrequencyHz,
    ImmutableArray<MemoryTier> MemoryTiers,
    ImmutableArray<TlbLevel> Tlb,
    double TlbL2HitSeconds,
    double PageWalkCachedSeconds,
    double PageWalkMemorySeconds,
    double CacheBytesPerCore,
    KernelCosts Kernel,
    Interconnect Network,
    int MachineNodes)
{
    public Provenance Provenance { get; init; } = Provenance.Empty;

    /// <summary>The HBM tier (MCDRAM), or null when the node has none.</summary>
    public MemoryTier? Hbm => MemoryTiers.FirstOrDefault(t => t.Kind == MemoryKind.Hbm);

    /// <summary>The DDR tier; every platform must have one.</summary>
    public MemoryTier Ddr => MemoryTiers.First(t => t.Kind == MemoryKind.Ddr);

    /// <summary>Checks every rule and returns all violations (empty when valid).</summary>
    public IReadOnlyList<ValidationError> Validate(string file = "<memory>")
    {
        var v = new ValidationScope(file);
        if (string.IsNullOrWhiteSpace(Name)) v.Add("$.name", "must not be empty");
        v.WholeNumber("$.coresPerNode", CoresPerNode, 1);
        v.WholeNumber("$.appCoresPerNode", AppCoresPerNode, 1);
        v.WholeNumber("$.osCoresPerNode", OsCoresPerNode, 0);
        if (AppCoresPerNode + OsCoresPerNode > CoresPerNode)
            v.Add("$.appCoresPerNode", $"appCoresPerNode ({AppCoresPerNode}) + osCoresPerNode ({OsCoresPerNode}) must not exceed coresPerNode ({CoresPerNode})");
        v.Positive("$.frequencyHz", FrequencyHz);
        if (MemoryTiers.IsDefaultOrEmpty) v.Add("$.memoryTiers", "must list at least one tier");
        else
        {
            for (var i = 0; i < MemoryTiers.Length; i++) MemoryTiers[i].Validate(v, $"$.memoryTiers[{i}]");
            if (MemoryTiers.Count(t => t.Kind == MemoryKind.Ddr) != 1) v.Add("$.memoryTiers", "must contain exactly one tier of kind 'ddr'");
            if (MemoryTiers.Count(t => t.Kind == MemoryKind.Hbm) > 1) v.Add("$.memoryTiers", "must contain at most one tier of kind 'hbm'");
        }
        if (Tlb.IsDefaultOrEmpty) v.Add("$.tlb", "must list at least one TLB structure");
        else
        {
            for (var i = 0; i < Tlb.Length; i++) Tlb[i].Validate(v, $"$.tlb[{i}]");
            if (!Tlb.Any(t => t.PageSizeBytes == 4096)) v.Add("$.tlb", "must contain a structure for 4 KiB pages");
        }
        v.NonNegative("$.tlbL2HitSeconds", TlbL2HitSeconds);
        v.NonNegative("$.pageWalkCachedSeconds", PageWalkCachedSeconds);
        v.NonNegative("$.pageWalkMemorySeconds", PageWalkMemorySeconds);
        v.Positive("$.cacheBytesPerCore", CacheBytesPerCore);
        Kernel.Validate(v, "$.kernel");
        Network.Validate(v, "$.network");
        v.WholeNumber("$.machineNodes", MachineNodes, 1);
        return v.Errors;
    }
}
