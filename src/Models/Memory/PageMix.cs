using PerfModel.Descriptions;
using PerfModel.Units;

namespace PerfModel.Memory;

/// <summary>How a rank's footprint splits over page sizes under an OS. Heap: the brk policy's page size; on a
/// demand-faulting OS with transparent huge pages only the 2 MiB-aligned part of each growth is huge (see
/// <see cref="HeapFaultModel.AlignedHugeShare"/>). Mappings: the OS's mapping page size for the mapped share, capped at the
/// largest size the mapping can fill, 4 KiB for the rest. Static data/stack: its page size.</summary>
public static class PageMix
{
    /// <summary>The page shares of a footprint of <paramref name="footprint"/> (the application's heap and mapping
    /// fractions), growths of <paramref name="meanGrowth"/> on average; empty shares are left out.</summary>
    public static IReadOnlyList<PageShare> Of(OsProfile os, AppProfile app, ByteSize footprint, ByteSize meanGrowth) =>
        Parts(os, app, footprint, meanGrowth).Where(p => p.Bytes > 0).Select(p => new PageShare(ByteSize.FromBytes(p.Page), ByteSize.FromBytes(p.Bytes))).ToArray();

    /// <summary>ρ: the share of the footprint on 4 KiB pages that are not physically contiguous (a general-purpose page
    /// allocator's frames, whose cache colours are random; <see cref="PageColouring"/>). The heap's contiguity is the brk
    /// policy's (<see cref="BrkPolicy.PhysicallyContiguous"/>), that of mappings and static data the page policy's
    /// (<see cref="PagePolicy.PhysicallyContiguous"/>); a page of 2 MiB or more is contiguous whatever the OS.</summary>
    public static double RandomColourShare(OsProfile os, AppProfile app, ByteSize footprint, ByteSize meanGrowth)
    {
        var parts = Parts(os, app, footprint, meanGrowth);
        var total = parts.Sum(p => p.Bytes);
        if (total <= 0) return 0;
        var random = parts.Where(p => p.Page < PageSizes.Huge.Bytes && !p.Contiguous).Sum(p => p.Bytes);
        return Math.Clamp(random / total, 0, 1);
    }

    /// <summary>Page size the OS gives a rank's large mappings of <paramref name="mapped"/> in all.</summary>
    public static ByteSize MappingGranule(OsProfile os, ByteSize mapped)
    {
        ArgumentNullException.ThrowIfNull(os);
        return ByteSize.FromBytes(Cap(os.Pages.MappingPage.Bytes, mapped.Bytes));
    }

    private static List<(double Page, double Bytes, bool Contiguous)> Parts(OsProfile os, AppProfile app, ByteSize footprint, ByteSize meanGrowth)
    {
        ArgumentNullException.ThrowIfNull(os);
        ArgumentNullException.ThrowIfNull(app);
        var footprintBytes = footprint.Bytes;
        var heap = footprintBytes * app.HeapFraction;
        var mapped = footprintBytes * app.MappingFraction;
        var stat = footprintBytes - heap - mapped;
        var parts = new List<(double, double, bool)>();
        var brkPage = os.Brk.Page.Bytes;
        var heapContiguous = os.Brk.PhysicallyContiguous;
        if (os.Brk.PrefaultAtBrk || brkPage > 4096)
            parts.Add((Cap(brkPage, heap), heap, heapContiguous));
        else
        {
            var huge = os.Brk.TransparentHugePages ? HeapFaultModel.AlignedHugeShare(meanGrowth.Bytes, PageSizes.Huge.Bytes) : 0;
            parts.Add((PageSizes.Huge.Bytes, heap * huge, heapContiguous));
            parts.Add((brkPage, heap * (1 - huge), heapContiguous));
        }
        var contiguous = os.Pages.PhysicallyContiguous;
        var largeMapped = mapped * os.Pages.MappingLargePageFraction;
        parts.Add((Cap(os.Pages.MappingPage.Bytes, largeMapped), largeMapped, contiguous));
        parts.Add((4096, mapped - largeMapped, contiguous));
        parts.Add((Cap(os.Pages.StaticPage.Bytes, stat), stat, contiguous));
        return parts;
    }

    /// <summary>A page larger than 2 MiB (1 GiB) is used only for a region at least that large; otherwise 2 MiB.</summary>
    private static double Cap(double pageBytes, double regionBytes) =>
        pageBytes > PageSizes.Huge.Bytes && regionBytes < pageBytes ? PageSizes.Huge.Bytes : pageBytes;
}
