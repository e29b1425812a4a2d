namespace PerfModel.Descriptions;

/// <summary>One broken rule in a profile file: the file, the JSON path of the offending value and the rule.</summary>
/// <param name="File">File name (or another label for text that did not come from a file).</param>
/// <param name="JsonPath">JSON path such as <c>$.memoryTiers[0].capacityBytes</c>, or a location such as <c>line 12</c>.</param>
/// <param name="Rule">The rule that was broken, with the value that broke it.</param>
public sealed record ValidationError(string File, string JsonPath, string Rule)
{
    /// <summary>"file: path: rule".</summary>
    public override string ToString() => $"{File}: {JsonPath}: {Rule}";
}
