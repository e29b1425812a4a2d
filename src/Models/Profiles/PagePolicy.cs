namespace PerfModel.Profiles;

/// <summary>Page sizes an OS uses for the application's non-heap memory (P18 Sec. II-D3, facts.md §6.4).</summary>
/// <param name="MappingPageBytes">Page size for large anonymous mappings (mmap'd arrays): 2 MiB via THP on Linux, up to 1 GiB on the LWKs.</param>
/// <param name="MappingLargePageFraction">Fraction of mapped bytes that really get <paramref name="MappingPageBytes"/> pages
/// (Linux THP needs 2 MiB-aligned ranges; the rest falls back to 4 KiB).</param>
/// <param name="StaticPageBytes">Page size for data/BSS and stack.</param>
/// <param name="PrefaultMappings">Whether mmap() allocates physical memory up front (LWK) instead of demand paging (Linux).</param>
public sealed record PagePolicy(double MappingPageBytes, double MappingLargePageFraction, double StaticPageBytes, bool PrefaultMappings)
{
    internal void Validate(ValidationScope v, string path)
    {
        v.PowerOfTwo(path + ".mappingPageBytes", MappingPageBytes);
        v.Fraction(path + ".mappingLargePageFraction", MappingLargePageFraction);
        v.PowerOfTwo(path + ".staticPageBytes", StaticPageBytes);
    }
}
