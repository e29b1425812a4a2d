using Microsoft.Data.Analysis;

namespace PerfModel.Reports.Content;

/// <summary>A table of the report (rendered as an HTML table and written as CSV).</summary>
public sealed record ReportTable(string Name, string Title, string Caption, DataFrame Data);
