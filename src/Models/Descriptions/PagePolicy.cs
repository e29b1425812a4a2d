using PerfModel.Internal;
using PerfModel.Units;

namespace PerfModel.Descriptions;

/// <summary>Page sizes an OS uses for the application's non-heap memory (P18 Sec. II-D3). Valid when made: page sizes are
/// powers of two, the large-page fraction is in [0, 1].</summary>
public sealed record PagePolicy
{
    /// <summary>Page size for large anonymous mappings (mmap'd arrays): 2 MiB via THP on Linux, up to 1 GiB on the LWKs.</summary>
    public required ByteSize MappingPage { get; init => field = Rules.PowerOfTwo(this, value); }

    /// <summary>Fraction of mapped bytes that really get <see cref="MappingPage"/> pages (Linux THP needs 2 MiB-aligned
    /// ranges; the rest falls back to 4 KiB).</summary>
    [Dimensionless("fraction of mapped bytes, in [0, 1]")]
    public required double MappingLargePageFraction { get; init => field = Rules.Fraction(this, value); }

    /// <summary>Page size for data/BSS and stack.</summary>
    public required ByteSize StaticPage { get; init => field = Rules.PowerOfTwo(this, value); }

    /// <summary>Whether mmap() allocates physical memory up front (LWK) instead of demand paging (Linux).</summary>
    public required bool PrefaultMappings { get; init; }

    /// <summary>Whether mappings, static data and stack are backed by physically contiguous memory allocated up front
    /// (both LWKs, P18 Sec. II-D3), so that 4 KiB pages of it cover the cache's page colours evenly; false for pages
    /// taken one by one from a general-purpose page allocator (Linux), whose colours are random
    /// (<see cref="Memory.PageColouring"/>).</summary>
    public bool PhysicallyContiguous { get; init; }
}
