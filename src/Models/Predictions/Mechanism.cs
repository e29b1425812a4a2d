namespace PerfModel.Predictions;

/// <summary>The categories a runtime is broken down into, in the order the breakdown sums them.</summary>
public enum Mechanism
{
    /// <summary>Core work that does not wait on memory.</summary>
    Compute,

    /// <summary>Memory traffic at the bandwidth the HBM/DDR placement gives.</summary>
    Memory,

    /// <summary>TLB misses and page walks.</summary>
    Tlb,

    /// <summary>brk() calls, page faults and page zeroing.</summary>
    Heap,

    /// <summary>Waiting for the slowest core at synchronisation points (OS-noise amplification).</summary>
    Noise,

    /// <summary>Collectives and neighbour exchanges.</summary>
    Communication,

    /// <summary>Device and sched_yield system calls, offload round trips included.</summary>
    Syscall,

    /// <summary>Anything a model added in code assigns to no other category.</summary>
    Other,
}
