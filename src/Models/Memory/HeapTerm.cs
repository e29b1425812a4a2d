using PerfModel.Predictions;
using PerfModel.Units;

namespace PerfModel.Memory;

/// <summary>The heap model's term: brk() calls, page faults and page zeroing per iteration (its time is their sum).</summary>
public sealed record HeapTerm : MechanismTerm
{
    /// <summary>brk()/sbrk() calls.</summary>
    public required TimeInterval Syscalls { get; init; }

    /// <summary>Page-fault (or brk-time allocation) handling, zeroing excluded.</summary>
    public required TimeInterval Faults { get; init; }

    /// <summary>Clearing pages.</summary>
    public required TimeInterval Zeroing { get; init; }

    /// <summary>Page faults (demand paging) or pages allocated inside brk() (prefaulting) per iteration.</summary>
    [Dimensionless("faults per iteration")]
    public required double FaultsPerIteration { get; init; }
}
