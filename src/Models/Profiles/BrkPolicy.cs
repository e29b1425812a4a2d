namespace PerfModel.Profiles;

/// <summary>How an OS services brk(): the heap-management policy of P18 Sec. IV.</summary>
/// <param name="AlignmentBytes">Heap start alignment (4 KiB on Linux, 2 MiB on the LWKs).</param>
/// <param name="GrowthStepBytes">The heap grows in multiples of this (Linux: the page, LWK: 2 MiB).</param>
/// <param name="ShrinkReturnsMemory">Whether a contraction unmaps pages, so that regrowth faults again (Linux: yes; LWK: shrink ignored).</param>
/// <param name="PrefaultAtBrk">Whether physical pages are allocated inside brk() (LWK) rather than on first touch (Linux).</param>
/// <param name="ZeroBytesPerGrowthStep">Bytes cleared per growth step when prefaulting (mOS brk_clear_len = 4096); ignored
/// when pages are demand-faulted, where every page is cleared on first touch.</param>
/// <param name="PageBytes">Page size backing the heap.</param>
/// <param name="TransparentHugePages">For a demand-paged heap: whether the 2 MiB-aligned parts of a growth get a
/// transparent huge page (Linux THP; P18 Sec. IV: "only when the heap boundary happens to be properly aligned and the
/// request is large enough").</param>
public sealed record BrkPolicy(
    double AlignmentBytes,
    double GrowthStepBytes,
    bool ShrinkReturnsMemory,
    bool PrefaultAtBrk,
    double ZeroBytesPerGrowthStep,
    double PageBytes,
    bool TransparentHugePages)
{
    internal void Validate(ValidationScope v, string path)
    {
        v.PowerOfTwo(path + ".alignmentBytes", AlignmentBytes);
        v.PowerOfTwo(path + ".growthStepBytes", GrowthStepBytes);
        v.PowerOfTwo(path + ".pageBytes", PageBytes);
        v.NonNegative(path + ".zeroBytesPerGrowthStep", ZeroBytesPerGrowthStep);
        if (ZeroBytesPerGrowthStep > GrowthStepBytes) v.Add(path + ".zeroBytesPerGrowthStep", $"value {ZeroBytesPerGrowthStep} must not exceed growthStepBytes ({GrowthStepBytes})");
        if (GrowthStepBytes < PageBytes) v.Add(path + ".growthStepBytes", $"value {GrowthStepBytes} must be at least pageBytes ({PageBytes})");
    }
}
