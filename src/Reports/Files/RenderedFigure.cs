namespace PerfModel.Reports.Files;

/// <summary>One figure as drawn by the browser.</summary>
/// <param name="Png">PNG bytes.</param>
/// <param name="Svg">SVG text.</param>
/// <param name="DrawnTraces">Trace groups plotly drew (g.trace, g.hm).</param>
internal sealed record RenderedFigure(byte[] Png, string Svg, int DrawnTraces);
