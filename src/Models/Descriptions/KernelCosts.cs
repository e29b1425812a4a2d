using PerfModel.Internal;
using PerfModel.Units;

namespace PerfModel.Descriptions;

/// <summary>Costs of kernel operations on one core of the platform (docs/sources.md#syscall-costs,
/// #page-fault-costs). Valid when made: times ≥ 0, zeroing bandwidth &gt; 0, contention ≥ 0.</summary>
public sealed record KernelCosts
{
    /// <summary>A null system call handled locally (entry + exit).</summary>
    public required TimeInterval Syscall { get; init => field = Rules.NonNegative(this, value); }

    /// <summary>Delivery of an inter-processor interrupt: from the sending core's write of the interrupt command to the
    /// handler running on the target core.</summary>
    public required TimeInterval CrossCoreInterrupt { get; init => field = Rules.NonNegative(this, value); }

    /// <summary>Waking a thread that is blocked in the kernel and switching its core to it (scheduler pass and context
    /// switch), once the target core has been interrupted.</summary>
    public required TimeInterval Wakeup { get; init => field = Rules.NonNegative(this, value); }

    /// <summary>A sched_yield() call with nothing else to run on the core.</summary>
    public required TimeInterval SchedYield { get; init => field = Rules.NonNegative(this, value); }

    /// <summary>Handling of a 4 KiB anonymous page fault, zeroing excluded.</summary>
    public required TimeInterval PageFault4K { get; init => field = Rules.NonNegative(this, value); }

    /// <summary>Handling of a 2 MiB (THP) fault or allocation, zeroing excluded.</summary>
    public required TimeInterval PageFault2M { get; init => field = Rules.NonNegative(this, value); }

    /// <summary>Rate at which one core clears memory (a memset-like store stream).</summary>
    public required Bandwidth ZeroingBandwidthPerCore { get; init => field = Rules.Positive(this, value); }

    /// <summary>Extra fault-handling time per additional rank faulting concurrently on the node, as a fraction of
    /// <see cref="PageFault4K"/> (mmap_sem / zone-lock contention): κ = 1 + k(R − 1).</summary>
    [Dimensionless("fraction of a 4 KiB fault per concurrently faulting rank")]
    public required double FaultContentionPerRank { get; init => field = Rules.NonNegative(this, value); }
}
