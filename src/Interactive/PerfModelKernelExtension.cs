using Microsoft.DotNet.Interactive;
using PerfModel.Reports.Html;

namespace PerfModel.Interactive;

/// <summary>
/// The .NET Interactive extension of the PerfModel package: the notebook host (Polyglot Notebooks, Jupyter with
/// dotnet-interactive) creates it when <c>#r "nuget: PerfModel, …"</c> adds the package, because its assembly sits in the
/// package's <c>interactive-extensions/dotnet</c> folder, and calls <see cref="OnLoadAsync"/>. It registers the HTML
/// formatters of <see cref="NotebookFormatters"/> for a new <see cref="ChartSession"/>, so that predictions, breakdowns,
/// sweeps, validation tables, sensitivity scans and charts (every <c>Charts.*</c> result) display as HTML, charts drawn
/// with plotly.js inlined once per kernel session (no network).
/// </summary>
public sealed class PerfModelKernelExtension : IKernelExtension
{
    /// <summary>Registers the formatters (<see cref="NotebookFormatters.Register"/>) with a new chart session.</summary>
    /// <param name="kernel">The kernel that loaded the package (the formatters are process-wide, as all .NET Interactive
    /// formatters are).</param>
    public Task OnLoadAsync(Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        NotebookFormatters.Register(new ChartSession());
        return Task.CompletedTask;
    }
}
