using System.Collections.Immutable;
using PerfModel.Calibration.Fitting;
using PerfModel.Profiles;

namespace PerfModel.Calibration.Synthesis;

/// <summary>What <see cref="CalibratedProfiles.Build"/> produces.</summary>
/// <param name="Platform">The template platform with the measured parameters replaced.</param>
/// <param name="Os">The Linux template with the measured noise (when an FWQ trace was given).</param>
/// <param name="Estimates">Every parameter that was measured, named by its JSON path without the leading <c>$.</c>
/// (e.g. <c>kernel.syscallSeconds</c>), in SI units.</param>
/// <param name="Notes">What was kept from the template and why, and any adjustment (e.g. a floored fault cost).</param>
public sealed record CalibratedProfileSet(Platform Platform, OsProfile Os, ImmutableArray<ParameterEstimate> Estimates, ImmutableArray<string> Notes)
{
    public void Deconstruct(out Platform platform, out OsProfile os, out IReadOnlyList<ParameterEstimate> estimates)
    {
        platform = Platform;
        os = Os;
        estimates = Estimates;
    }
}
