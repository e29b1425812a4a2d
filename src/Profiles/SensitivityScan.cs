using System.Collections.Immutable;
using System.Globalization;
using PerfModel.Descriptions;
using PerfModel.Validation;

namespace PerfModel.Profiles;

/// <summary>One parameter varied over values, every other number of the study held (<see cref="Sensitivity.Scan"/>).</summary>
/// <param name="Parameter">The parameter varied.</param>
/// <param name="Value">Its value in the study as given, in the profile file's unit.</param>
/// <param name="Baseline">The scanned rows on the study as given, in row order.</param>
/// <param name="Points">One entry per scanned value, in the order the values were given.</param>
public sealed record SensitivityScan(
    ProfileParameter Parameter,
    [property: Units.Dimensionless("the parameter's value in the study as given, in the profile file's unit")] double Value,
    ImmutableArray<ValidationResult> Baseline,
    ImmutableArray<SensitivityPoint> Points)
{
    /// <summary>Ids of the rows whose verdict changes at some scanned value, in row order.</summary>
    public ImmutableArray<string> ChangedRows => [.. Baseline.Select(r => r.Id).Where(id => Points.Any(p => p.Changed.Contains(id)))];

    /// <summary>Equal when parameter and value are equal and baseline and points are, element by element.</summary>
    public bool Equals(SensitivityScan? other) =>
        other is not null && Parameter == other.Parameter && Value.Equals(other.Value)
        && Baseline.SequenceEqual(other.Baseline) && Points.SequenceEqual(other.Points);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Parameter, Value, Points.Length);

    /// <summary>"os mckernel Syscalls.OffloadLatency = 8E-06, 9 values: lammps-mckernel-crossover changes".</summary>
    public override string ToString() =>
        $"{Parameter} = {Value.ToString("R", CultureInfo.InvariantCulture)}, {Points.Length} values: "
        + (ChangedRows.IsEmpty ? "no verdict changes" : string.Join(", ", ChangedRows) + " change" + (ChangedRows.Length == 1 ? "s" : ""));
}
