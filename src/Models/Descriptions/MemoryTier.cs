using PerfModel.Internal;
using PerfModel.Units;

namespace PerfModel.Descriptions;

/// <summary>One memory tier of a node (all its NUMA domains together). Valid when made: name not empty, capacity and
/// bandwidth &gt; 0, at least one NUMA domain; the per-domain local and remote bandwidths ≥ 0 and either both 0 (not
/// measured) or both &gt; 0.</summary>
public sealed record MemoryTier
{
    private Bandwidth? domainLocal, domainRemote;

    /// <summary>Display name, e.g. "MCDRAM".</summary>
    public required string Name { get; init => field = Rules.NotBlank(this, value); }

    /// <summary>HBM or DDR.</summary>
    public required MemoryKind Kind { get; init; }

    /// <summary>Capacity of the tier on one node.</summary>
    public required ByteSize Capacity { get; init => field = Rules.Positive(this, value); }

    /// <summary>Sustained (STREAM-triad) bandwidth of the tier on one node with all application cores.</summary>
    public required Bandwidth Bandwidth { get; init => field = Rules.Positive(this, value); }

    /// <summary>NUMA domains the tier is split into (4 in SNC-4).</summary>
    public required int NumaDomains { get; init => field = Rules.AtLeast(this, value, 1); }

    /// <summary>Bandwidth of one NUMA domain of the tier read by the cores of its own quadrant (SNC-4 "local"); 0 when not
    /// measured. With <see cref="DomainRemoteBandwidth"/> it sets the cost of remote traffic
    /// (<see cref="Memory.NumaLocality"/>).</summary>
    public Bandwidth DomainLocalBandwidth
    {
        get => domainLocal ?? default;
        init { domainLocal = Rules.NonNegative(this, value); CheckDomains(); }
    }

    /// <summary>Bandwidth of one NUMA domain of the tier read by the cores of another quadrant (SNC-4 "remote"); 0 when
    /// not measured.</summary>
    public Bandwidth DomainRemoteBandwidth
    {
        get => domainRemote ?? default;
        init { domainRemote = Rules.NonNegative(this, value); CheckDomains(); }
    }

    /// <summary>Equal when every public field is equal (a per-domain bandwidth left unset equals one set to 0).</summary>
    public bool Equals(MemoryTier? other) =>
        other is not null && Name == other.Name && Kind == other.Kind && Capacity == other.Capacity && Bandwidth == other.Bandwidth
        && NumaDomains == other.NumaDomains && DomainLocalBandwidth == other.DomainLocalBandwidth && DomainRemoteBandwidth == other.DomainRemoteBandwidth;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Kind, Capacity, Bandwidth, NumaDomains, DomainLocalBandwidth, DomainRemoteBandwidth);

    private void CheckDomains()
    {
        if (domainLocal is { } l && domainRemote is { } r && (l.BytesPerSecond > 0) != (r.BytesPerSecond > 0))
            throw Rules.Broken(this, nameof(DomainRemoteBandwidth), r, $"and {nameof(DomainLocalBandwidth)} ({l}) must both be 0 (not measured) or both > 0");
    }
}
