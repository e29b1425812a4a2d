using System.Text.Json;
using PerfModel.Calibration.Published;
using PerfModel.Reports.Figures;

namespace PerfModel.Tests.Reports.Figures;

/// <summary>The published-defaults calibration of the repository's data/measured and data/templates, computed once (about
/// 1 s), its goodness-of-fit figures and their parsed figure JSON.</summary>
public sealed class CalibrationFitFixture : IDisposable
{
    public CalibrationFitFixture()
    {
        Result = PublishedDefaults.Build(Path.Combine(RepoPaths.DataDir, "measured"), Path.Combine(RepoPaths.DataDir, "templates"));
        Figures = CalibrationFitFigures.Create(Result);
        Json = Figures.ToDictionary(f => f.Name, f => JsonDocument.Parse(Plotly.NET.GenericChart.toFigureJson(f.Chart)));
    }

    public PublishedDefaultsResult Result { get; }

    public IReadOnlyList<CalibrationFitFigure> Figures { get; }

    public IReadOnlyDictionary<string, JsonDocument> Json { get; }

    /// <summary>The "data" array of a figure: one element per trace.</summary>
    public JsonElement[] Traces(string name) => Json[name].RootElement.GetProperty("data").EnumerateArray().ToArray();

    /// <summary>The trace named <paramref name="traceName"/> (exactly one).</summary>
    public JsonElement Trace(string name, string traceName) => Traces(name).Single(t => ReportFiguresFixture.Str(t, "name") == traceName);

    public JsonElement Layout(string name) => Json[name].RootElement.GetProperty("layout");

    public JsonElement[] Annotations(string name) =>
        Layout(name).TryGetProperty("annotations", out var a) ? a.EnumerateArray().ToArray() : [];

    /// <summary>The layout axis of a trace ("x" → xaxis, "x3" → xaxis3).</summary>
    public JsonElement AxisOf(string name, JsonElement trace, char letter)
    {
        var id = ReportFiguresFixture.Str(trace, letter + "axis");
        return Layout(name).GetProperty(letter + "axis" + id[1..]);
    }

    public void Dispose()
    {
        foreach (var d in Json.Values) d.Dispose();
    }
}

/// <summary>Shares one <see cref="CalibrationFitFixture"/> between the test classes of the calibration figures.</summary>
[CollectionDefinition(Name)]
public sealed class CalibrationFitCollection : ICollectionFixture<CalibrationFitFixture>
{
    public const string Name = "calibration fit figures";
}
