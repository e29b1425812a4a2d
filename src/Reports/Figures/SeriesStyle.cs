namespace PerfModel.Reports.Figures;

/// <summary>How one series is drawn and listed in the legend.</summary>
/// <param name="Name">Legend entry.</param>
/// <param name="Group">Legend group: one entry toggles the series in every panel (an OS id for OS series).</param>
/// <param name="Colour">Line and marker colour (an <see cref="Content.OsStyle"/> colour for OS series).</param>
/// <param name="ShowLegend">Whether this trace is the one that lists the group in the legend.</param>
/// <param name="Dash">Line dash ("solid", "dash", "dot").</param>
/// <param name="Symbol">Marker symbol.</param>
internal sealed record SeriesStyle(string Name, string Group, string Colour, bool ShowLegend, string Dash = "solid", string Symbol = "circle");
