using System.Collections.Immutable;

namespace PerfModel.Calibration.Published;

/// <summary>The platform's fitted fields (<see cref="PublishedPlatform.Fit"/>), every estimate, and the fits themselves
/// (memory tiers and interconnect) for their goodness-of-fit figures.</summary>
public sealed record PublishedPlatformFit(ImmutableArray<TemplateField> Fields, ImmutableArray<PublishedFit> Fits, ImmutableArray<TierFit> Memory, LogGpFitResult Network)
{
    /// <summary>The run-to-run variation of communication (<see cref="NetworkRunVariationFit"/>); null when not fitted.</summary>
    public NetworkRunVariationFitResult? RunVariation { get; init; }
}
