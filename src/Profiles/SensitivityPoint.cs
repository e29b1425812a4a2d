using System.Collections.Immutable;
using System.Globalization;
using PerfModel.Validation;

namespace PerfModel.Profiles;

/// <summary>The validation rows at one value of a scanned parameter (<see cref="Sensitivity.Scan"/>).</summary>
/// <param name="Value">The parameter's value, in the profile file's unit.</param>
/// <param name="Results">Every scanned row at that value (Met, Status, the model's number), in the scan's row order.</param>
/// <param name="Changed">Ids of the rows whose verdict (<see cref="ValidationResult.Met"/>) differs from the study as given,
/// in row order.</param>
public sealed record SensitivityPoint(
    [property: Units.Dimensionless("the parameter's value, in the profile file's unit")] double Value,
    ImmutableArray<ValidationResult> Results,
    ImmutableArray<string> Changed)
{
    /// <summary>Equal when the values are equal and the results and changed ids are, element by element.</summary>
    public bool Equals(SensitivityPoint? other) =>
        other is not null && Value.Equals(other.Value) && Results.SequenceEqual(other.Results) && Changed.SequenceEqual(other.Changed);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Value, Results.Length, Changed.Length);

    /// <summary>"8E-06: lammps-mckernel-crossover changed" or "4E-06: no verdict changed".</summary>
    public override string ToString() =>
        $"{Value.ToString("R", CultureInfo.InvariantCulture)}: {(Changed.IsEmpty ? "no verdict changed" : string.Join(", ", Changed) + " changed")}";
}
