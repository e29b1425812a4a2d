using System.Text.Json.Nodes;

namespace PerfModel.Calibration.Published;

/// <summary>A field a fit gives to a profile template: its JSON path in the profile (e.g.
/// <c>$.memoryTiers[0].bandwidthBytesPerSecond</c>, <c>$.tlb</c>, <c>$.noise</c>) and its JSON — a quantity
/// (<see cref="ProfileTemplate.Quantity"/>) or a whole section — with the provenance of every number in it.</summary>
public sealed record TemplateField(string JsonPath, JsonNode Node);
