using Microsoft.Data.Analysis;
using Plotly.NET;

namespace PerfModel.Reports.Content;

/// <summary>One figure of the report: a Plotly chart, the numbers behind it, and the caption that says what it shows.</summary>
/// <param name="Name">File stem: figures/&lt;Name&gt;.png|svg, data/&lt;Name&gt;.csv.</param>
/// <param name="Title">Heading.</param>
/// <param name="Caption">One paragraph: what the model shows and which mechanisms drive it.</param>
/// <param name="Chart">The chart (pure: built from data, no I/O).</param>
/// <param name="Data">Tidy table of every number plotted.</param>
/// <param name="ExpectedTraces">Traces the rendered figure must contain (checked in a real browser).</param>
/// <param name="WidthPixels">Image width.</param>
/// <param name="HeightPixels">Image height.</param>
public sealed record Figure(string Name, string Title, string Caption, GenericChart Chart, DataFrame Data, int ExpectedTraces, int WidthPixels = 1100, int HeightPixels = 650);
