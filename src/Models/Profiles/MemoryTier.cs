namespace PerfModel.Profiles;

/// <summary>The kind of a memory tier: on-package high-bandwidth memory or ordinary DRAM.</summary>
public enum MemoryKind { Hbm, Ddr }

/// <summary>One memory tier of a node (all its NUMA domains together).</summary>
/// <param name="Name">Display name, e.g. "MCDRAM".</param>
/// <param name="Kind">HBM or DDR.</param>
/// <param name="CapacityBytes">Capacity of the tier on one node.</param>
/// <param name="BandwidthBytesPerSecond">Sustained (STREAM-triad) bandwidth of the tier on one node with all app cores.</param>
/// <param name="NumaDomains">NUMA domains the tier is split into (4 in SNC-4).</param>
public sealed record MemoryTier(string Name, MemoryKind Kind, double CapacityBytes, double BandwidthBytesPerSecond, int NumaDomains)
{
    internal void Validate(ValidationScope v, string path)
    {
        if (string.IsNullOrWhiteSpace(Name)) v.Add(path + ".name", "must not be empty");
        v.Positive(path + ".capacityBytes", CapacityBytes);
        v.Positive(path + ".bandwidthBytesPerSecond", BandwidthBytesPerSecond);
        v.WholeNumber(path + ".numaDomains", NumaDomains, 1);
    }
}
