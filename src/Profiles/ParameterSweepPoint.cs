namespace PerfModel.Profiles;

/// <summary>One value of a <see cref="ParameterSweep"/> and the predictions with it.</summary>
/// <param name="Value">The parameter's value (the profile file's unit).</param>
/// <param name="Sweep">The predictions.</param>
public sealed record ParameterSweepPoint([property: Dimensionless("in the profile file's unit")] double Value, Sweep Sweep);
