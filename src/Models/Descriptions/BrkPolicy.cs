using PerfModel.Internal;
using PerfModel.Units;

namespace PerfModel.Descriptions;

/// <summary>How an OS services brk(): the heap-management policy of P18 Sec. IV. Valid when made: alignment, growth step
/// and page are powers of two, the growth step is at least a page, and the bytes cleared per step do not exceed the step.</summary>
public sealed record BrkPolicy
{
    private ByteSize? growthStep, page, zeroPerStep;

    /// <summary>Heap start alignment (4 KiB on Linux, 2 MiB on the LWKs).</summary>
    public required ByteSize Alignment { get; init => field = Rules.PowerOfTwo(this, value); }

    /// <summary>The heap grows in multiples of this (Linux: the page, LWK: 2 MiB).</summary>
    public required ByteSize GrowthStep
    {
        get => growthStep ?? default;
        init { growthStep = Rules.PowerOfTwo(this, value); CheckSizes(); }
    }

    /// <summary>Whether a contraction unmaps pages, so that regrowth faults again (Linux: yes; LWK: shrink ignored).</summary>
    public required bool ShrinkReturnsMemory { get; init; }

    /// <summary>Whether physical pages are allocated inside brk() (LWK) rather than on first touch (Linux).</summary>
    public required bool PrefaultAtBrk { get; init; }

    /// <summary>Bytes cleared per growth step when prefaulting (mOS brk_clear_len = 4096); ignored when pages are
    /// demand-faulted, where every page is cleared on first touch.</summary>
    public required ByteSize ZeroPerGrowthStep
    {
        get => zeroPerStep ?? default;
        init { zeroPerStep = Rules.NonNegative(this, value); CheckSizes(); }
    }

    /// <summary>Page size backing the heap.</summary>
    public required ByteSize Page
    {
        get => page ?? default;
        init { page = Rules.PowerOfTwo(this, value); CheckSizes(); }
    }

    /// <summary>For a demand-paged heap: whether the 2 MiB-aligned parts of a growth get a transparent huge page (Linux
    /// THP; P18 Sec. IV: "only when the heap boundary happens to be properly aligned and the request is large enough").</summary>
    public required bool TransparentHugePages { get; init; }

    /// <summary>Whether the heap's physical memory is allocated in physically contiguous blocks (an LWK's brk(), P18
    /// Sec. II-D3), so that 4 KiB pages of it cover the cache's page colours evenly; false for pages taken one by one
    /// from a general-purpose page allocator (Linux demand paging), whose colours are random
    /// (<see cref="Memory.PageColouring"/>).</summary>
    public bool PhysicallyContiguous { get; init; }

    private void CheckSizes()
    {
        if (zeroPerStep is { } z && growthStep is { } g && z > g)
            throw Rules.Broken(this, nameof(ZeroPerGrowthStep), z, $"must not exceed {nameof(GrowthStep)} ({g})");
        if (growthStep is { } g2 && page is { } p && g2 < p)
            throw Rules.Broken(this, nameof(GrowthStep), g2, $"must be at least {nameof(Page)} ({p})");
    }
}
