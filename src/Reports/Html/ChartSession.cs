using GenericChart = Plotly.NET.GenericChart;

namespace PerfModel.Reports.Html;

/// <summary>
/// The charts of one notebook kernel session: numbers their element ids (<see cref="IdPrefix"/> + 1, 2, 3, … in the
/// order drawn, so an executed notebook is reproducible) and inlines plotly.js in the first chart only
/// (<see cref="ChartHtml.Render"/>); later charts only draw. Thread-safe. The PerfModel notebook extension makes one per
/// kernel session.
/// </summary>
public sealed class ChartSession
{
    /// <summary>The default id prefix: "perfmodel-chart-".</summary>
    public const string DefaultIdPrefix = "perfmodel-chart-";

    private readonly Lock gate = new();
    private int charts;

    /// <summary>A session whose chart ids are <paramref name="idPrefix"/> followed by the chart's number.</summary>
    /// <exception cref="ArgumentException"><paramref name="idPrefix"/> is not a plain id prefix (see <see cref="ChartHtml.Render"/>).</exception>
    public ChartSession(string idPrefix = DefaultIdPrefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(idPrefix);
        if (!char.IsAsciiLetter(idPrefix[0]) || !idPrefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':' or '.'))
            throw new ArgumentException($"id prefix '{idPrefix}': use letters, digits, '-', '_', ':' or '.', starting with a letter", nameof(idPrefix));
        IdPrefix = idPrefix;
    }

    /// <summary>The prefix of every chart's element id.</summary>
    public string IdPrefix { get; }

    /// <summary>How many charts the session has rendered.</summary>
    public int Charts
    {
        get
        {
            lock (gate) return charts;
        }
    }

    /// <summary>Whether plotly.js has been inlined (in the session's first chart).</summary>
    public bool PlotlyJsIncluded => Charts > 0;

    /// <summary>The next chart's HTML: id <see cref="IdPrefix"/> + its number; plotly.js inline when it is the first.</summary>
    public string Render(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        int number;
        lock (gate) number = ++charts;
        return ChartHtml.Render(chart, IdPrefix + number.ToString(System.Globalization.CultureInfo.InvariantCulture), includePlotlyJs: number == 1);
    }
}
