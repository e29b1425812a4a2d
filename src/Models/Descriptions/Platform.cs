using System.Collections.Immutable;
using PerfModel.Internal;
using PerfModel.Units;

namespace PerfModel.Descriptions;

/// <summary>
/// A compute node type and the machine built from it (data/platforms/*.json). Valid when made (and every <c>with</c> copy):
/// name not empty; cores ≥ 1, application cores ≥ 1, OS cores ≥ 0 and application + OS cores ≤ cores; clock &gt; 0;
/// exactly one DDR tier and at most one HBM tier; at least one TLB structure, one of them for 4 KiB pages; TLB and walk
/// penalties ≥ 0; cache per core &gt; 0; cache ways ≥ 0 (0: not given); cores per cache ≥ 1; machine nodes ≥ 1.
/// </summary>
public sealed record Platform
{
    private int? cores, appCores, osCores;

    /// <summary>Display name.</summary>
    public required string Name { get; init => field = Rules.NotBlank(this, value); }

    /// <summary>Physical cores per node.</summary>
    public required int CoresPerNode
    {
        get => cores ?? 0;
        init { cores = Rules.AtLeast(this, value, 1); CheckCores(); }
    }

    /// <summary>Cores given to the application.</summary>
    public required int AppCoresPerNode
    {
        get => appCores ?? 0;
        init { appCores = Rules.AtLeast(this, value, 1); CheckCores(); }
    }

    /// <summary>Cores reserved for the OS (Linux daemons, LWK proxy/offload targets).</summary>
    public required int OsCoresPerNode
    {
        get => osCores ?? 0;
        init { osCores = Rules.AtLeast(this, value, 0); CheckCores(); }
    }

    /// <summary>Core clock used to convert cycle counts.</summary>
    public required Frequency ClockFrequency { get; init => field = Rules.Positive(this, value); }

    /// <summary>Memory tiers of one node: exactly one DDR tier, at most one HBM tier.</summary>
    public required ImmutableArray<MemoryTier> MemoryTiers { get; init => field = CheckTiers(value); }

    /// <summary>Data-TLB structures; one must cache 4 KiB pages.</summary>
    public required ImmutableArray<TlbLevel> Tlb { get; init => field = CheckTlb(value); }

    /// <summary>Penalty of a first-level (uTLB) miss that hits the second-level TLB.</summary>
    public required TimeInterval TlbL2Hit { get; init => field = Rules.NonNegative(this, value); }

    /// <summary>A page walk whose page-table entries hit in cache.</summary>
    public required TimeInterval PageWalkCached { get; init => field = Rules.NonNegative(this, value); }

    /// <summary>Extra time of a walk whose leaf entry misses the cache (one memory access).</summary>
    public required TimeInterval PageWalkMemory { get; init => field = Rules.NonNegative(this, value); }

    /// <summary>Last-level cache per core, which bounds how much of the page table stays cached.</summary>
    public required ByteSize CachePerCore { get; init => field = Rules.Positive(this, value); }

    /// <summary>Associativity of the last-level cache (KNL L2: 16 ways); 0 when not given, which leaves page colouring
    /// out of the model (<see cref="Memory.PageColouring"/>).</summary>
    public int CacheWays { get; init => field = Rules.AtLeast(this, value, 0); }

    /// <summary>Cores sharing one last-level cache (KNL: the 2 cores of a tile share its 1 MiB L2), so one cache holds
    /// <see cref="CachePerCore"/> × this.</summary>
    public int CoresPerCache { get; init => field = Rules.AtLeast(this, value, 1); } = 1;

    /// <summary>Kernel operation costs.</summary>
    public required KernelCosts Kernel { get; init => field = Rules.NotNull(this, value); }

    /// <summary>Interconnect parameters.</summary>
    public required Interconnect Network { get; init => field = Rules.NotNull(this, value); }

    /// <summary>Nodes in the whole machine (predictions beyond it carry a note).</summary>
    public required int MachineNodes { get; init => field = Rules.AtLeast(this, value, 1); }

    /// <summary>Where each number comes from (empty for a platform built in code).</summary>
    public Provenance Provenance { get; init => field = value ?? Provenance.Empty; } = Provenance.Empty;

    /// <summary>The HBM tier (MCDRAM), or null when the node has none.</summary>
    public MemoryTier? Hbm => MemoryTiers.FirstOrDefault(t => t.Kind == MemoryKind.Hbm);

    /// <summary>The DDR tier.</summary>
    public MemoryTier Ddr => MemoryTiers.First(t => t.Kind == MemoryKind.Ddr);

    /// <summary>Equal when every field is equal, the tier and TLB lists element by element, and the provenance too.</summary>
    public bool Equals(Platform? other) =>
        other is not null && Name == other.Name && CoresPerNode == other.CoresPerNode && AppCoresPerNode == other.AppCoresPerNode
        && OsCoresPerNode == other.OsCoresPerNode && ClockFrequency == other.ClockFrequency
        && ValueEquality.Sequence(MemoryTiers, other.MemoryTiers) && ValueEquality.Sequence(Tlb, other.Tlb)
        && TlbL2Hit == other.TlbL2Hit && PageWalkCached == other.PageWalkCached && PageWalkMemory == other.PageWalkMemory
        && CachePerCore == other.CachePerCore && CacheWays == other.CacheWays && CoresPerCache == other.CoresPerCache && Kernel == other.Kernel && Network == other.Network && MachineNodes == other.MachineNodes
        && Provenance == other.Provenance;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, CoresPerNode, ClockFrequency, ValueEquality.Hash(MemoryTiers), Kernel, Network);

    private void CheckCores()
    {
        if (cores is { } c && appCores is { } a && osCores is { } o && a + o > c)
            throw Rules.Broken(this, nameof(AppCoresPerNode), a, $"application cores + OS cores ({o}) must not exceed {nameof(CoresPerNode)} ({c})");
    }

    private ImmutableArray<MemoryTier> CheckTiers(ImmutableArray<MemoryTier> value)
    {
        var tiers = Rules.NonEmpty(this, value, "tier", nameof(MemoryTiers));
        if (tiers.Count(t => t.Kind == MemoryKind.Ddr) != 1)
            throw Rules.Broken(this, nameof(MemoryTiers), $"{tiers.Length} tiers", "must contain exactly one tier of kind 'ddr'");
        if (tiers.Count(t => t.Kind == MemoryKind.Hbm) > 1)
            throw Rules.Broken(this, nameof(MemoryTiers), $"{tiers.Length} tiers", "must contain at most one tier of kind 'hbm'");
        return tiers;
    }

    private ImmutableArray<TlbLevel> CheckTlb(ImmutableArray<TlbLevel> value)
    {
        var tlb = Rules.NonEmpty(this, value, "TLB structure", nameof(Tlb));
        if (!tlb.Any(t => t.PageSize.Bytes == 4096))
            throw Rules.Broken(this, nameof(Tlb), $"{tlb.Length} structures", "must contain a structure for 4 KiB pages");
        return tlb;
    }
}
