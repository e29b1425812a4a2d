namespace PerfModel.Reports.Files;

/// <summary>What <see cref="ReportWriter.Write"/> produced.</summary>
/// <param name="Directory">The report directory (absolute).</param>
/// <param name="Files">Relative paths and sizes of every file written, in the order written.</param>
/// <param name="ImagesMissingReason">Why there are no PNG/SVG files, or null when they were written.</param>
/// <param name="DrawnTraces">Per figure name, the trace groups the browser drew (empty without images).</param>
/// <param name="Elapsed">Wall-clock time taken.</param>
public sealed record ReportResult(
    string Directory,
    IReadOnlyList<(string RelativePath, long Bytes)> Files,
    string? ImagesMissingReason,
    IReadOnlyDictionary<string, int> DrawnTraces,
    TimeSpan Elapsed);
