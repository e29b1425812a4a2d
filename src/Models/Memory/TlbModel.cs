using PerfModel.Profiles;

namespace PerfModel.Memory;

/// <summary>
/// TLB reach and miss cost (facts.md §3.3, §6.4; Basu et al., ISCA'13).
/// Reach of a structure = entries × page size. For A random cache-line accesses spread uniformly over a footprint F,
/// split into page-size classes c (bytes F_c, page s_c):
/// <list type="bullet">
/// <item>first level: P1 = max(0, 1 − R1/F), R1 = Σ level-1 entries × min(page, s_c) (KNL's uTLB holds 2 MiB pages as 4 KiB chunks); cost t_L2hit;</item>
/// <item>second level: P2_c = max(0, 1 − E2(s_c)·s_c / F_c); cost of a walk w_c = t_walk + π_c·t_mem, where π_c = max(0, 1 − cache / (8 F_c / s_c))
/// is the chance that the leaf page-table entry is not cached;</item>
/// <item>streaming traffic of S bytes misses once per page: S_c/s_c cached walks, plus S/4 KiB first-level misses.</item>
/// </list>
/// T = A Σ_c (F_c/F)(P1 t_L2hit + P2_c w_c) + Σ_c (S F_c/F)/s_c · t_walk + (S/4096)·t_L2hit·[R1 chunks are 4 KiB].
/// Misses are charged in full (no overlap with other work): an upper bound for an out-of-order core.
/// </summary>
public static class TlbModel
{
    public const double CacheLineBytes = 64;

    public static TlbResult Evaluate(Platform platform, IReadOnlyList<(double PageBytes, double Bytes)> pageMix, double randomAccesses, double streamingBytes)
    {
        var total = pageMix.Sum(p => p.Bytes);
        if (total <= 0) return new TlbResult(0, 0, "none");
        var l1 = platform.Tlb.Where(t => t.Level == 1).ToArray();
        var upper = platform.Tlb.Where(t => t.Level >= 2).ToArray();
        var seconds = 0.0;
        var walks = 0.0;
        foreach (var (page, bytes) in pageMix)
        {
            var share = bytes / total;
            var reach1 = l1.Sum(t => t.Entries * Math.Min(t.PageSizeBytes, page));
            var p1 = l1.Length == 0 ? 0 : Math.Max(0, 1 - reach1 / total);
            var entries2 = upper.Where(t => t.PageSizeBytes == page).Sum(t => t.Entries);
            var p2 = Math.Max(0, 1 - entries2 * page / bytes);
            var leafEntriesBytes = 8 * bytes / page;
            var pteMiss = Math.Max(0, 1 - platform.CacheBytesPerCore / leafEntriesBytes);
            var walk = platform.PageWalkCachedSeconds + pteMiss * platform.PageWalkMemorySeconds;
            var accesses = randomAccesses * share;
            seconds += accesses * (p1 * platform.TlbL2HitSeconds + p2 * walk);
            var streamMisses = streamingBytes * share / page;
            seconds += streamMisses * platform.PageWalkCachedSeconds;
            walks += accesses * p2 + streamMisses;
            if (l1.Length > 0)
            {
                // First-level entries are at most 4 KiB wide on KNL: streaming crosses one per chunk of that size.
                var chunk = Math.Min(page, l1.Max(t => t.PageSizeBytes));
                seconds += streamingBytes * share / chunk * platform.TlbL2HitSeconds * (total > reach1 ? 1 : 0);
            }
        }
        var dominant = pageMix.OrderByDescending(p => p.Bytes).First().PageBytes;
        return new TlbResult(seconds, walks, PageName(dominant));
    }

    public static string PageName(double bytes) => FormattableString.Invariant(bytes switch
    {
        >= 1L << 30 => (FormattableString)$"{bytes / (1L << 30):0.#}GiB",
        >= 1L << 20 => (FormattableString)$"{bytes / (1L << 20):0.#}MiB",
        _ => (FormattableString)$"{bytes / 1024:0.#}KiB",
    });
}
