using System.Collections.Immutable;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using PerfModel.Interactive;
using PerfModel.Reports;
using PerfModel.Reports.Html;
using PerfModel.Tests.Reports.Html;
using PerfModel.Validation;

namespace PerfModel.Tests.Interactive;

/// <summary>The notebook extension: once loaded, every PerfModel type displays as the HTML PerfModel.Reports.Html builds,
/// charts (Charts.* results included) through one session that inlines plotly.js once. .NET Interactive's formatters
/// are process-wide, so these tests run in one collection and reset them afterwards.</summary>
[Collection(nameof(FormatterCollection))]
public sealed class PerfModelKernelExtensionTests : IDisposable
{
    private const string Html = "text/html";

    public PerfModelKernelExtensionTests()
    {
        Formatter.ResetToDefault();
        using var kernel = new CompositeKernel();
        new PerfModelKernelExtension().OnLoadAsync(kernel).GetAwaiter().GetResult();
    }

    public void Dispose() => Formatter.ResetToDefault();

    [Fact]
    public async Task The_extension_is_what_the_host_loads_from_interactive_extensions()
    {
        var types = typeof(PerfModelKernelExtension).Assembly.ExportedTypes
            .Where(t => !t.IsAbstract && !t.IsInterface && typeof(IKernelExtension).IsAssignableFrom(t)).ToArray();
        Assert.Equal([typeof(PerfModelKernelExtension)], types);
        Assert.NotNull(typeof(PerfModelKernelExtension).GetConstructor(Type.EmptyTypes));
        await Assert.ThrowsAsync<ArgumentNullException>(() => new PerfModelKernelExtension().OnLoadAsync(null!));
    }

    [Fact]
    public void Results_display_as_the_html_of_PerfModel_Reports_Html()
    {
        var p = HtmlFixtures.Prediction;
        Assert.Equal(PredictionHtml.Render(p), p.ToDisplayString(Html));
        Assert.Equal(BreakdownHtml.Render(p.Breakdown), p.Breakdown.ToDisplayString(Html));
        Assert.Equal(SweepHtml.Render(HtmlFixtures.Sweep), HtmlFixtures.Sweep.ToDisplayString(Html));
        Assert.Equal(SensitivityScanHtml.Render(HtmlFixtures.Scan()), HtmlFixtures.Scan().ToDisplayString(Html));
        var expected = ValidationHtml.Render(HtmlFixtures.Results);
        Assert.Equal(expected, HtmlFixtures.Results.ToDisplayString(Html));                       // ImmutableArray<ValidationResult>
        Assert.Equal(expected, HtmlFixtures.Results.ToList().ToDisplayString(Html));              // List<ValidationResult>
        Assert.Equal(expected, HtmlFixtures.Results.ToArray().ToDisplayString(Html));             // ValidationResult[]
        Assert.Equal(expected, ((IEnumerable<ValidationResult>)HtmlFixtures.Results).ToDisplayString(Html));
        var reload = PlotlyScript.Reload();
        Assert.Equal(reload.Html, reload.ToDisplayString(Html));
        Assert.Contains(typeof(ImmutableArray<ValidationResult>), NotebookFormatters.Types);
    }

    [Fact]
    public async Task Charts_display_inline_with_plotly_js_once_per_session()
    {
        var first = Charts.Relative(HtmlFixtures.Sweep).ToDisplayString(Html);
        var second = ChartHtmlTests.Line("b").ToDisplayString(Html);
        Assert.Contains("<div class=\"perfmodel-chart\" id=\"perfmodel-chart-1\"", first);
        Assert.Contains("<div class=\"perfmodel-chart\" id=\"perfmodel-chart-2\"", second);
        Assert.Contains("inlined by PerfModel", first);
        Assert.DoesNotContain("inlined by PerfModel", second);
        Assert.Contains("Plotly.newPlot", second);

        // Loading the extension again (a new kernel) starts a new session.
        using var kernel = new CompositeKernel();
        await new PerfModelKernelExtension().OnLoadAsync(kernel);
        Assert.Contains("id=\"perfmodel-chart-1\"", ChartHtmlTests.Line("c").ToDisplayString(Html));
    }
}
