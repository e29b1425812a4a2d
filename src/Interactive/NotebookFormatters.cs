using System.Collections.Immutable;
using Microsoft.DotNet.Interactive.Formatting;
using PerfModel.Predictions;
using PerfModel.Profiles;
using PerfModel.Reports.Html;
using PerfModel.Validation;
using GenericChart = Plotly.NET.GenericChart;

namespace PerfModel.Interactive;

/// <summary>
/// The text/html formatters PerfModel registers with .NET Interactive (<c>Formatter.Register</c>): each writes the markup
/// that PerfModel.Reports.Html builds, so this class only registers. A later registration for the same type takes
/// precedence, so calling <see cref="Register"/> again (a new kernel) starts a new <see cref="ChartSession"/>.
/// </summary>
public static class NotebookFormatters
{
    /// <summary>The types given an HTML formatter, in registration order: <see cref="Prediction"/>, <see cref="Breakdown"/>,
    /// <see cref="Sweep"/>, <see cref="IEnumerable{T}"/> and <see cref="ImmutableArray{T}"/> of <see cref="ValidationResult"/>,
    /// <see cref="SensitivityScan"/>, Plotly.NET's <c>GenericChart</c> and <see cref="HtmlFragment"/>.</summary>
    public static readonly ImmutableArray<Type> Types =
    [
        typeof(Prediction), typeof(Breakdown), typeof(Sweep), typeof(IEnumerable<ValidationResult>), typeof(ImmutableArray<ValidationResult>),
        typeof(SensitivityScan), typeof(GenericChart), typeof(HtmlFragment),
    ];

    /// <summary>Registers a text/html formatter for each of <see cref="Types"/>; charts are drawn through
    /// <paramref name="charts"/> (ids numbered per session, plotly.js inline in its first chart).</summary>
    public static void Register(ChartSession charts)
    {
        ArgumentNullException.ThrowIfNull(charts);
        Formatter.Register<Prediction>(PredictionHtml.Render, HtmlFormatter.MimeType);
        Formatter.Register<Breakdown>(BreakdownHtml.Render, HtmlFormatter.MimeType);
        Formatter.Register<Sweep>(s => SweepHtml.Render(s), HtmlFormatter.MimeType);
        Formatter.Register<IEnumerable<ValidationResult>>(ValidationHtml.Render, HtmlFormatter.MimeType);
        Formatter.Register<ImmutableArray<ValidationResult>>(r => ValidationHtml.Render(r), HtmlFormatter.MimeType);
        Formatter.Register<SensitivityScan>(SensitivityScanHtml.Render, HtmlFormatter.MimeType);
        Formatter.Register<GenericChart>(charts.Render, HtmlFormatter.MimeType);
        Formatter.Register<HtmlFragment>(f => f.Html, HtmlFormatter.MimeType);
    }
}
