using System.Globalization;

namespace PerfModel.Reports.Figures;

/// <summary>One subplot of a figure: its position in paper coordinates (0..1) and the ids of its axis pair.
/// Panel 0 uses plotly's "x"/"y" axes, panel i the "x{i+1}"/"y{i+1}" axes (layout keys "xaxis{i+1}"/"yaxis{i+1}").</summary>
/// <param name="Index">0-based panel number, row-major from the top-left.</param>
/// <param name="Row">0-based row from the top.</param>
/// <param name="Column">0-based column from the left.</param>
/// <param name="X0">Left edge of the plot area.</param>
/// <param name="X1">Right edge of the plot area.</param>
/// <param name="Y0">Bottom edge of the plot area.</param>
/// <param name="Y1">Top edge of the plot area.</param>
internal sealed record Panel(int Index, int Row, int Column, double X0, double X1, double Y0, double Y1)
{
    private string Suffix => Index == 0 ? "" : (Index + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>Trace/annotation reference of the x axis ("x", "x2", …).</summary>
    public string XId => "x" + Suffix;

    /// <summary>Trace/annotation reference of the y axis ("y", "y2", …).</summary>
    public string YId => "y" + Suffix;

    /// <summary>Layout key of the x axis ("xaxis", "xaxis2", …).</summary>
    public string XKey => "xaxis" + Suffix;

    /// <summary>Layout key of the y axis ("yaxis", "yaxis2", …).</summary>
    public string YKey => "yaxis" + Suffix;

    /// <summary>Horizontal centre of the plot area (paper coordinates).</summary>
    public double XCentre => (X0 + X1) / 2;

    /// <summary>A single panel filling the plot area.</summary>
    public static Panel Single => new(0, 0, 0, 0, 1, 0, 1);

    /// <summary>Panels of a <paramref name="rows"/> x <paramref name="columns"/> grid, the first <paramref name="count"/> cells
    /// in row-major order, separated by <paramref name="xGap"/> and <paramref name="yGap"/> (fractions of the paper).</summary>
    public static IReadOnlyList<Panel> Grid(int rows, int columns, int count, double xGap, double yGap)
    {
        var width = (1 - (columns - 1) * xGap) / columns;
        var height = (1 - (rows - 1) * yGap) / rows;
        return Enumerable.Range(0, count).Select(i =>
        {
            var (r, c) = (i / columns, i % columns);
            var x0 = c * (width + xGap);
            var y1 = 1 - r * (height + yGap);
            return new Panel(i, r, c, x0, x0 + width, y1 - height, y1);
        }).ToArray();
    }

    /// <summary>The paper-coordinate rectangle of grid cell <paramref name="index"/> (used to place a legend in an empty cell).</summary>
    public static Panel Cell(int rows, int columns, int index, double xGap, double yGap) => Grid(rows, columns, index + 1, xGap, yGap)[index];
}
