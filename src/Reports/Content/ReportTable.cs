using Microsoft.Data.Analysis;

namespace PerfModel.Reports.Content;

/// <summary>A table of the report (rendered as an HTML table and written as CSV).</summary>
/// <param name="Name">File stem and element id: data/&lt;Name&gt;.csv, #table-&lt;Name&gt;.</param>
/// <param name="Title">Heading.</param>
/// <param name="Caption">What the table shows (the HTML caption).</param>
/// <param name="Data">The rows.</param>
public sealed record ReportTable(string Name, string Title, string Caption, DataFrame Data);
