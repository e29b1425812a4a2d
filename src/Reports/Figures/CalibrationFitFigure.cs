using Plotly.NET;

namespace PerfModel.Reports.Figures;

/// <summary>One goodness-of-fit figure of the published-defaults calibration (<see cref="CalibrationFitFigures"/>).</summary>
/// <param name="Name">File stem (<c>&lt;Name&gt;.html</c>) and element id: one of <see cref="CalibrationFitFigures.Names"/>.</param>
/// <param name="Title">Page title.</param>
/// <param name="Caption">One paragraph: what is drawn against what, and how to read it.</param>
/// <param name="Chart">The chart (pure: built from the fit results, no I/O).</param>
public sealed record CalibrationFitFigure(string Name, string Title, string Caption, GenericChart Chart);
