using PerfModel.Profiles;

namespace PerfModel.Memory;

/// <summary>How a rank's footprint splits over page sizes under an OS: (page size, bytes) pairs.
/// Heap: the brk policy's page size; on a demand-faulting OS with transparent huge pages only the 2 MiB-aligned part of
/// each growth is huge (see <see cref="HeapModel.AlignedHugeShare"/>). Mappings: the OS's mapping page size for the
/// mapped share, capped at the largest size the mapping can fill, 4 KiB for the rest. Static data/stack: its page size.</summary>
public static class PageMix
{
    public static IReadOnlyList<(double PageBytes, double Bytes)> Of(OsProfile os, AppProfile app, double footprintBytes, double meanGrowthBytes)
    {
        var heap = footprintBytes * app.HeapFraction;
        var mapped = footprintBytes * app.MappingFraction;
        var stat = footprintBytes - heap - mapped;
        var parts = new List<(double, double)>();
        if (os.Brk.PrefaultAtBrk || os.Brk.PageBytes > 4096)
            parts.Add((Cap(os.Brk.PageBytes, heap), heap));
        else
        {
            var huge = os.Brk.TransparentHugePages ? HeapModel.AlignedHugeShare(meanGrowthBytes, HeapModel.HugePageBytes) : 0;
            parts.Add((HeapModel.HugePageBytes, heap * huge));
            parts.Add((os.Brk.PageBytes, heap * (1 - huge)));
        }
        var largeMapped = mapped * os.Pages.MappingLargePageFraction;
        parts.Add((Cap(os.Pages.MappingPageBytes, largeMapped), largeMapped));
        parts.Add((4096, mapped - largeMapped));
        parts.Add((Cap(os.Pages.StaticPageBytes, stat), stat));
        return parts.Where(p => p.Item2 > 0).ToArray();
    }

    /// <summary>Page size the OS gives a rank's large mappings of <paramref name="mappedBytes"/> in all.</summary>
    public static double MappingGranule(OsProfile os, double mappedBytes) => Cap(os.Pages.MappingPageBytes, mappedBytes);

    /// <summary>A page larger than 2 MiB (1 GiB) is used only for a region at least that large; otherwise 2 MiB.</summary>
    private static double Cap(double pageBytes, double regionBytes) =>
        pageBytes > HeapModel.HugePageBytes && regionBytes < pageBytes ? HeapModel.HugePageBytes : pageBytes;
}
