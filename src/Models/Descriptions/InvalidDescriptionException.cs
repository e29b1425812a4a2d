namespace PerfModel.Descriptions;

/// <summary>
/// A description (platform, OS, application, noise source, scenario) built in code breaks a rule. Thrown when the record,
/// or a <c>with</c> copy of it, is made; names the record type, the field, the value and the rule, e.g.
/// <c>BrkPolicy.GrowthStep = 3 KiB: must be a power of two</c>. Profiles read from a file report the same rule as a
/// <see cref="ValidationError"/> with the file and JSON path instead.
/// </summary>
public sealed class InvalidDescriptionException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="typeName">The record type, e.g. "BrkPolicy".</param>
    /// <param name="field">The offending property, e.g. "GrowthStep"; a nested or indexed one as "Heap.PeakHeap" or "DefaultNodes[2]".</param>
    /// <param name="value">The offending value as text.</param>
    /// <param name="rule">The rule it breaks, e.g. "must be a power of two".</param>
    public InvalidDescriptionException(string typeName, string field, string value, string rule)
        : base($"{typeName}.{field} = {value}: {rule}", field)
    {
        TypeName = typeName;
        Field = field;
        Value = value;
        Rule = rule;
    }

    /// <summary>The record type.</summary>
    public string TypeName { get; }

    /// <summary>The offending property.</summary>
    public string Field { get; }

    /// <summary>The offending value as text.</summary>
    public string Value { get; }

    /// <summary>The rule that was broken.</summary>
    public string Rule { get; }

    /// <summary>"Type.Field = value: rule".</summary>
    public override string Message => $"{TypeName}.{Field} = {Value}: {Rule}";
}
