namespace PerfModel.Profiles.Json;

/// <summary>How provenance is written in a profile file: <c>"source": "…"</c>, or <c>"estimate": "reason"</c>, which is
/// kept in memory as "estimate: reason".</summary>
internal static class ProvenanceText
{
    public const string EstimatePrefix = "estimate: ";
}
