using System.Collections.Immutable;
using PerfModel.Descriptions;

namespace PerfModel.Profiles;

/// <summary>The outcome of <see cref="ParameterSweep.Run"/>.</summary>
/// <param name="Parameter">The parameter varied.</param>
/// <param name="Baseline">Its value in the study as given (the profile file's unit).</param>
/// <param name="Points">One sweep per value, in the order given.</param>
public sealed record ParameterSweepResult(
    ProfileParameter Parameter,
    [property: Dimensionless("in the profile file's unit")] double Baseline,
    ImmutableArray<ParameterSweepPoint> Points);
