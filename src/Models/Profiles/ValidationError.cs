namespace PerfModel.Profiles;

/// <summary>One broken rule in a profile: the file, the JSON path of the offending value and the rule.</summary>
/// <param name="File">File name (or "&lt;memory&gt;" for profiles built in code).</param>
/// <param name="JsonPath">JSON path such as <c>$.memoryTiers[0].capacityBytes</c>.</param>
/// <param name="Rule">The rule that was broken, with the value that broke it.</param>
public sealed record ValidationError(string File, string JsonPath, string Rule)
{
    public override string ToString() => $"{File}: {JsonPath}: {Rule}";
}
