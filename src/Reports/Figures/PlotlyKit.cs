using Plotly.NET;
using Plotly.NET.LayoutObjects;
using Plotly.NET.TraceObjects;

namespace PerfModel.Reports.Figures;

/// <summary>
/// Plotly building blocks for the report figures. Everything is set through the DynamicObj property bag with plotly.js
/// attribute names (the Plotly.NET.CSharp facade has no error arrays, dtick, tick values or per-subplot axis anchors), so
/// the figure JSON is exactly what is written here. Each call returns a new object; nothing is shared between figures.
/// <para>plotly.js conventions used: on a log axis, <c>range</c> and annotation positions are log10 of the data value, while
/// shape positions are data values; <c>dtick = log10(2)</c> with <c>tick0 = 0</c> puts ticks at 1, 2, 4, …</para>
/// </summary>
internal static class PlotlyKit
{
    /// <summary>dtick of a log axis with ticks at the powers of two.</summary>
    public static readonly double Log2Tick = Math.Log10(2);

    public const string FontFamily = "Arial, Helvetica, sans-serif";
    public const string TextColour = "#222222";
    public const string GridColour = "#e5e5e5";
    public const string ReferenceColour = "#555555";

    /// <summary>A scatter trace (lines and/or markers) on the axes of <paramref name="panel"/>.</summary>
    public static Trace2D Scatter(SeriesStyle style, Panel panel, IReadOnlyList<double> x, IReadOnlyList<double> y, string mode = "lines+markers",
        IReadOnlyList<string>? symbols = null, double markerSize = 7)
    {
        var t = new Trace2D("scatter");
        t.SetProperty("name", style.Name);
        t.SetProperty("legendgroup", style.Group);
        t.SetProperty("showlegend", style.ShowLegend);
        t.SetProperty("x", x.ToArray());
        t.SetProperty("y", y.ToArray());
        t.SetProperty("mode", mode);
        t.SetProperty("xaxis", panel.XId);
        t.SetProperty("yaxis", panel.YId);
        var marker = new Marker();
        marker.SetProperty("color", style.Colour);
        marker.SetProperty("size", markerSize);
        marker.SetProperty("symbol", symbols is null ? style.Symbol : symbols.ToArray());
        t.SetProperty("marker", marker);
        var line = new Line();
        line.SetProperty("color", style.Colour);
        line.SetProperty("width", 1.8);
        line.SetProperty("dash", style.Dash);
        t.SetProperty("line", line);
        return t;
    }

    /// <summary>Adds asymmetric y error bars: the bar spans y − <paramref name="minus"/> … y + <paramref name="plus"/>.</summary>
    public static Trace2D WithYErrors(Trace2D trace, IReadOnlyList<double> plus, IReadOnlyList<double> minus, string colour)
    {
        var e = new Error();
        e.SetProperty("type", "data");
        e.SetProperty("symmetric", false);
        e.SetProperty("array", plus.ToArray());
        e.SetProperty("arrayminus", minus.ToArray());
        e.SetProperty("color", colour);
        e.SetProperty("thickness", 1.2);
        e.SetProperty("width", 3);
        e.SetProperty("visible", true);
        trace.SetProperty("error_y", e);
        return trace;
    }

    /// <summary>Hover text from per-point custom data (<c>%{customdata[i]}</c> in <paramref name="template"/>).</summary>
    public static Trace2D WithHover(Trace2D trace, string template, IReadOnlyList<double[]>? customData = null)
    {
        if (customData is not null) trace.SetProperty("customdata", customData.ToArray());
        trace.SetProperty("hovertemplate", template + "<extra></extra>");
        return trace;
    }

    /// <summary>A bar trace (stacked when the layout's barmode is "stack").</summary>
    public static Trace2D Bar(SeriesStyle style, Panel panel, IReadOnlyList<string> categories, IReadOnlyList<double> values)
    {
        var t = new Trace2D("bar");
        t.SetProperty("name", style.Name);
        t.SetProperty("legendgroup", style.Group);
        t.SetProperty("showlegend", style.ShowLegend);
        t.SetProperty("x", categories.ToArray());
        t.SetProperty("y", values.ToArray());
        t.SetProperty("xaxis", panel.XId);
        t.SetProperty("yaxis", panel.YId);
        var marker = new Marker();
        marker.SetProperty("color", style.Colour);
        var outline = new Line();
        outline.SetProperty("color", "#ffffff");
        outline.SetProperty("width", 0.5);
        marker.SetProperty("line", outline);
        t.SetProperty("marker", marker);
        return t;
    }

    /// <summary>An axis of <paramref name="panel"/> in the paper style: box outline, outside ticks, light grid.</summary>
    /// <param name="panel">Panel the axis belongs to.</param>
    /// <param name="isX">x (true) or y (false) axis.</param>
    /// <param name="title">Axis title with its unit, or null for none (inner panels of a grid).</param>
    public static LinearAxis Axis(Panel panel, bool isX, string? title)
    {
        var ax = new LinearAxis();
        ax.SetProperty("domain", isX ? new[] { panel.X0, panel.X1 } : new[] { panel.Y0, panel.Y1 });
        ax.SetProperty("anchor", isX ? panel.YId : panel.XId);
        ax.SetProperty("showline", true);
        ax.SetProperty("linecolor", TextColour);
        ax.SetProperty("linewidth", 1);
        ax.SetProperty("mirror", true);
        ax.SetProperty("ticks", "outside");
        ax.SetProperty("ticklen", 4);
        ax.SetProperty("showgrid", true);
        ax.SetProperty("gridcolor", GridColour);
        ax.SetProperty("zeroline", false);
        ax.SetProperty("automargin", true);
        ax.SetProperty("tickfont", Font(11));
        if (title is not null) ax.SetProperty("title", Title(title, 12));
        return ax;
    }

    /// <summary>Makes <paramref name="ax"/> a log axis with ticks at the powers of two (1, 2, 4, …) over [lo, hi] (data units).</summary>
    public static LinearAxis Log2(LinearAxis ax, double lo, double hi)
    {
        ax.SetProperty("type", "log");
        ax.SetProperty("dtick", Log2Tick);
        ax.SetProperty("tick0", 0.0);
        ax.SetProperty("range", new[] { Math.Log10(lo), Math.Log10(hi) });
        return ax;
    }

    /// <summary>Makes <paramref name="ax"/> a log axis with explicit tick positions and labels over [lo, hi] (data units).</summary>
    public static LinearAxis LogTicks(LinearAxis ax, IReadOnlyList<double> tickValues, IReadOnlyList<string> tickText, double lo, double hi)
    {
        ax.SetProperty("type", "log");
        ax.SetProperty("tickmode", "array");
        ax.SetProperty("tickvals", tickValues.ToArray());
        ax.SetProperty("ticktext", tickText.ToArray());
        ax.SetProperty("range", new[] { Math.Log10(lo), Math.Log10(hi) });
        return ax;
    }

    /// <summary>Makes <paramref name="ax"/> a log axis over [lo, hi] (data units, 0 &lt; lo &lt; hi) with labelled ticks at
    /// 1, 2 and 5 times the powers of ten in that range (plotly's own log ticks label the minor steps with bare digits).</summary>
    public static LinearAxis Log125(LinearAxis ax, double lo, double hi)
    {
        var ticks = new List<double>();
        for (var k = (int)Math.Floor(Math.Log10(lo)) - 1; k <= (int)Math.Ceiling(Math.Log10(hi)); k++)
            foreach (var m in new[] { 1.0, 2.0, 5.0 })
            {
                var v = m * Math.Pow(10, k);
                if (v >= lo && v <= hi) ticks.Add(double.Parse(v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture));
            }
        return LogTicks(ax, ticks, ticks.Select(Captions.Number).ToArray(), lo, hi);
    }

    /// <summary>Makes <paramref name="ax"/> a log axis with plotly's automatic decades.</summary>
    public static LinearAxis Log(LinearAxis ax)
    {
        ax.SetProperty("type", "log");
        ax.SetProperty("exponentformat", "power");
        return ax;
    }

    /// <summary>Fixes a linear axis to [lo, hi].</summary>
    public static LinearAxis Linear(LinearAxis ax, double lo, double hi, double? dtick = null)
    {
        ax.SetProperty("type", "linear");
        ax.SetProperty("range", new[] { lo, hi });
        if (dtick is { } d) ax.SetProperty("dtick", d);
        return ax;
    }

    /// <summary>A text annotation. <paramref name="xRef"/>/<paramref name="yRef"/>: "paper", an axis id, or "x2 domain".</summary>
    public static Annotation Text(string text, string xRef, string yRef, double x, double y, string xAnchor = "center", string yAnchor = "middle",
        double size = 11, string colour = TextColour, double xShift = 0, double yShift = 0, double angle = 0, string align = "center")
    {
        var a = new Annotation();
        a.SetProperty("text", text);
        a.SetProperty("xref", xRef);
        a.SetProperty("yref", yRef);
        a.SetProperty("x", x);
        a.SetProperty("y", y);
        a.SetProperty("xanchor", xAnchor);
        a.SetProperty("yanchor", yAnchor);
        a.SetProperty("showarrow", false);
        a.SetProperty("font", Font(size, colour));
        if (xShift != 0) a.SetProperty("xshift", xShift);
        if (yShift != 0) a.SetProperty("yshift", yShift);
        if (angle != 0) a.SetProperty("textangle", angle);
        if (align != "center") a.SetProperty("align", align);
        return a;
    }

    /// <summary>Bold panel title just above the plot area of <paramref name="panel"/>.</summary>
    public static Annotation PanelTitle(Panel panel, string text) =>
        Text("<b>" + text + "</b>", "paper", "paper", panel.XCentre, panel.Y1, yAnchor: "bottom", size: 13, yShift: 3);

    /// <summary>Horizontal line across the whole width of <paramref name="panel"/> at y (data units).</summary>
    public static Shape HorizontalLine(Panel panel, double y, string colour = ReferenceColour, string dash = "dash", double width = 1.2) =>
        Line(panel.XId + " domain", panel.YId, 0, 1, y, y, colour, dash, width);

    /// <summary>Vertical line across the whole height of <paramref name="panel"/> at x (data units, also on a log axis).</summary>
    public static Shape VerticalLine(Panel panel, double x, string colour = ReferenceColour, string dash = "dash", double width = 1.2) =>
        Line(panel.XId, panel.YId + " domain", x, x, 0, 1, colour, dash, width);

    private static Shape Line(string xRef, string yRef, double x0, double x1, double y0, double y1, string colour, string dash, double width)
    {
        var s = new Shape();
        s.SetProperty("type", "line");
        s.SetProperty("xref", xRef);
        s.SetProperty("yref", yRef);
        s.SetProperty("x0", x0);
        s.SetProperty("x1", x1);
        s.SetProperty("y0", y0);
        s.SetProperty("y1", y1);
        s.SetProperty("layer", "below");
        var line = new Line();
        line.SetProperty("color", colour);
        line.SetProperty("width", width);
        line.SetProperty("dash", dash);
        s.SetProperty("line", line);
        return s;
    }

    /// <summary>A figure title: a first line, then smaller detail lines.</summary>
    public static Title FigureTitle(string heading, IEnumerable<string> lines)
    {
        var t = new Title();
        var details = string.Join("", lines.Select(l => "<br><span style=\"font-size:11px\">" + l + "</span>"));
        t.SetProperty("text", heading + details);
        t.SetProperty("x", 0.0);
        t.SetProperty("xref", "paper");
        t.SetProperty("xanchor", "left");
        t.SetProperty("y", 0.985);
        t.SetProperty("yref", "container");
        t.SetProperty("yanchor", "top");
        t.SetProperty("font", Font(14));
        return t;
    }

    /// <summary>A legend at (x, y) in paper coordinates.</summary>
    public static Legend Legend(double x, double y, string xAnchor = "left", string yAnchor = "top", bool horizontal = false, string? title = null)
    {
        var l = new Legend();
        l.SetProperty("x", x);
        l.SetProperty("y", y);
        l.SetProperty("xanchor", xAnchor);
        l.SetProperty("yanchor", yAnchor);
        l.SetProperty("orientation", horizontal ? "h" : "v");
        l.SetProperty("bgcolor", "rgba(255,255,255,0.85)");
        l.SetProperty("bordercolor", "#cccccc");
        l.SetProperty("borderwidth", 1);
        l.SetProperty("font", Font(12));
        l.SetProperty("tracegroupgap", 2);
        if (title is not null) l.SetProperty("title", Title(title, 12));
        return l;
    }

    /// <summary>The common layout: white paper style, size, margins, fonts; axes, annotations and shapes are added by the builder.</summary>
    public static Layout BaseLayout(int width, int height, int left = 70, int right = 20, int top = 40, int bottom = 60)
    {
        var layout = new Layout();
        layout.SetProperty("width", width);
        layout.SetProperty("height", height);
        layout.SetProperty("autosize", false);
        layout.SetProperty("margin", new Dictionary<string, object> { ["l"] = left, ["r"] = right, ["t"] = top, ["b"] = bottom, ["pad"] = 0 });
        layout.SetProperty("font", Font(12));
        layout.SetProperty("paper_bgcolor", "#ffffff");
        layout.SetProperty("plot_bgcolor", "#ffffff");
        layout.SetProperty("hovermode", "closest");
        return layout;
    }

    /// <summary>Puts the axes of every panel into <paramref name="layout"/>.</summary>
    public static void SetAxes(Layout layout, IEnumerable<(Panel Panel, LinearAxis X, LinearAxis Y)> axes)
    {
        foreach (var (panel, x, y) in axes)
        {
            layout.SetProperty(panel.XKey, x);
            layout.SetProperty(panel.YKey, y);
        }
    }

    /// <summary>The chart: the traces with the plotly.NET default template, then <paramref name="layout"/> on top.</summary>
    public static GenericChart Assemble(IEnumerable<Trace> traces, Layout layout) =>
        GenericChart.addLayout(layout, GenericChart.ofTraceObjects(true, traces.ToArray()));

    /// <summary>A font in the report's family.</summary>
    public static Font Font(double size, string colour = TextColour)
    {
        var f = new Font();
        f.SetProperty("family", FontFamily);
        f.SetProperty("size", size);
        f.SetProperty("color", colour);
        return f;
    }

    private static Title Title(string text, double size)
    {
        var t = new Title();
        t.SetProperty("text", text);
        t.SetProperty("font", Font(size));
        return t;
    }
}
