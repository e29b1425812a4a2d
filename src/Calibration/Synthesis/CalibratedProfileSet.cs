using System.Collections.Immutable;
using PerfModel.Calibration.Fitting;
using PerfModel.Descriptions;

namespace PerfModel.Calibration.Synthesis;

/// <summary>What <see cref="CalibratedProfiles.Build"/> produces.</summary>
/// <param name="Platform">The template platform with the measured parameters replaced and credited.</param>
/// <param name="Os">The Linux template with the measured noise (when an FWQ trace was given).</param>
/// <param name="Estimates">Every parameter that was measured, in SI units; one that set a profile field is named by its
/// JSON path without the leading <c>$.</c> (e.g. <c>kernel.syscallSeconds</c>) and carries that path
/// (<see cref="ParameterEstimate.JsonPath"/>) and its provenance text.</param>
/// <param name="Notes">What was kept from the template and why, and any adjustment (e.g. a floored fault cost).</param>
public sealed record CalibratedProfileSet(Platform Platform, OsProfile Os, ImmutableArray<ParameterEstimate> Estimates, ImmutableArray<string> Notes)
{
    /// <summary>Deconstructs into the two profiles and the estimates (the notes are left out).</summary>
    public void Deconstruct(out Platform platform, out OsProfile os, out IReadOnlyList<ParameterEstimate> estimates)
    {
        platform = Platform;
        os = Os;
        estimates = Estimates;
    }
}
