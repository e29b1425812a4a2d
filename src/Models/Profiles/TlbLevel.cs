namespace PerfModel.Profiles;

/// <summary>One data-TLB structure: a level, the page size it caches and its entry count.
/// Reach = Entries x PageSizeBytes (facts.md §3.3, §7.4: KNL uTLB 64 x 4 KiB; L2 256 x 4 KiB, 128 x 2 MiB, 16 x 1 GiB).</summary>
public sealed record TlbLevel(int Level, double PageSizeBytes, int Entries)
{
    /// <summary>Bytes of address space this structure covers: entries x page size.</summary>
    public double ReachBytes => Entries * PageSizeBytes;

    internal void Validate(ValidationScope v, string path)
    {
        v.WholeNumber(path + ".level", Level, 1);
        v.PowerOfTwo(path + ".pageSizeBytes", PageSizeBytes);
        v.WholeNumber(path + ".entries", Entries, 1);
    }
}
