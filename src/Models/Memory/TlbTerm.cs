using PerfModel.Predictions;
using PerfModel.Units;

namespace PerfModel.Memory;

/// <summary>The TLB model's term: time lost to TLB misses and page walks per iteration.</summary>
public sealed record TlbTerm : MechanismTerm
{
    /// <summary>Accesses per iteration that missed every TLB level and walked the page table.</summary>
    [Dimensionless("page walks per iteration")]
    public required double WalksPerIteration { get; init; }

    /// <summary>The page size that holds most of the footprint.</summary>
    public required ByteSize DominantPage { get; init; }
}
