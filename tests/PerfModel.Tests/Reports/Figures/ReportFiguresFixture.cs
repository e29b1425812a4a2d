using System.Text.Json;
using Microsoft.Data.Analysis;
using PerfModel.Profiles;
using PerfModel.Reports.Content;
using PerfModel.Reports.Figures;

namespace PerfModel.Tests.Reports.Figures;

/// <summary>The default report computed once for all chart tests: the report data, every figure and its parsed figure JSON
/// (<c>Plotly.NET.GenericChart.toFigureJson</c>: the exact <c>{"data": [...], "layout": {...}}</c> handed to plotly.js).</summary>
public class ReportFiguresFixture : IDisposable
{
    public ReportFiguresFixture() : this(Defaults.Study())
    {
    }

    /// <summary>The report of <paramref name="study"/>.</summary>
    protected ReportFiguresFixture(Study study)
    {
        Data = ReportData.Compute(study);
        Figures = ReportFigures.All(Data);
        Json = Figures.ToDictionary(f => f.Name, f => JsonDocument.Parse(Plotly.NET.GenericChart.toFigureJson(f.Chart)));
    }

    public ReportData Data { get; }

    public IReadOnlyList<Figure> Figures { get; }

    public IReadOnlyDictionary<string, JsonDocument> Json { get; }

    public Figure Figure(string name) => Figures.Single(f => f.Name == name);

    /// <summary>The "data" array: one element per trace.</summary>
    public JsonElement[] Traces(string name) => Json[name].RootElement.GetProperty("data").EnumerateArray().ToArray();

    public JsonElement Layout(string name) => Json[name].RootElement.GetProperty("layout");

    /// <summary>Layout axes by key ("xaxis", "xaxis2", …, "yaxis", …).</summary>
    public IReadOnlyList<(string Key, JsonElement Axis)> Axes(string name, char letter) =>
        Layout(name).EnumerateObject().Where(p => p.Name.StartsWith(letter + "axis", StringComparison.Ordinal)).Select(p => (p.Name, p.Value)).ToArray();

    public JsonElement[] Annotations(string name) =>
        Layout(name).TryGetProperty("annotations", out var a) ? a.EnumerateArray().ToArray() : [];

    public JsonElement[] Shapes(string name) =>
        Layout(name).TryGetProperty("shapes", out var s) ? s.EnumerateArray().ToArray() : [];

    /// <summary>The numbers of a trace attribute ("x", "y", or "error_y.array").</summary>
    public static double[] Numbers(JsonElement trace, string path)
    {
        var e = trace;
        foreach (var part in path.Split('.')) e = e.GetProperty(part);
        return e.EnumerateArray().Select(v => v.GetDouble()).ToArray();
    }

    public static string Str(JsonElement e, string property) => e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    /// <summary>The values of a numeric column of a figure's data frame.</summary>
    public static double[] Column(DataFrame frame, string name) => frame.Columns[name].Cast<object?>().Select(v => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The values of a text column.</summary>
    public static string[] TextColumn(DataFrame frame, string name) => frame.Columns[name].Cast<object?>().Select(v => (string)v!).ToArray();

    public void Dispose()
    {
        foreach (var d in Json.Values) d.Dispose();
    }
}

/// <summary>Shares one <see cref="ReportFiguresFixture"/> between the chart test classes.</summary>
[CollectionDefinition(Name)]
public sealed class ReportFiguresCollection : ICollectionFixture<ReportFiguresFixture>
{
    public const string Name = "report figures";
}
