using PerfModel.Profiles;
using PerfModel.Profiles.Json;
using PerfModel.Reports;
using PerfModel.Reports.Content;
using PerfModel.Reports.Files;
using PerfModel.Reports.Formats;
using PerfModel.Tests.Reports.Files;
using PerfModel.Validation;

namespace PerfModel.Tests.Reports.Formats;

/// <summary>
/// Every text writer against a golden file in tests/golden/writers/, under the invariant culture, German (decimal comma)
/// and Russian (decimal comma, non-breaking-space digit groups). Each writer has ONE golden file for all three cultures,
/// so a number formatted with the current culture anywhere fails the German and Russian cases. Regenerate after a
/// deliberate change with PERFMODEL_ACCEPT_GOLDEN=1 and review the diff.
/// </summary>
public sealed class WriterGoldenTests
{
    /// <summary>Two applications (weak and strong scaling, cube and power-of-two defaults) on every OS at 1 and 64 nodes.</summary>
    private static Sweep SmallSweep() => Defaults.Study().Sweep(apps: ["minife", "lulesh2"], nodes: [1, 64]);

    public static TheoryData<string> Cultures => CultureScope.Cultures;

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Prediction_table(string culture)
    {
        using var scope = new CultureScope(culture);
        var sweep = SmallSweep();
        GoldenFile.Verify("writers/predict.csv", PredictionTable.ToCsv(sweep));
        GoldenFile.Verify("writers/predict.json", PredictionTable.ToJson(sweep));
        GoldenFile.Verify("writers/predict.txt", PredictionTable.ToText(sweep));
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Validation_table(string culture)
    {
        using var scope = new CultureScope(culture);
        var results = PaperValidation.Evaluate(Defaults.Study());
        GoldenFile.Verify("writers/validate.csv", ValidationTable.ToCsv(results));
        GoldenFile.Verify("writers/validate.json", ValidationTable.ToJson(results));
        GoldenFile.Verify("writers/validate.txt", ValidationTable.ToText(results));
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Sweep_data_frame_csv(string culture)
    {
        using var scope = new CultureScope(culture);
        GoldenFile.Verify("writers/sweep-frame.csv", DataFrameCsv.ToCsv(SmallSweep().ToDataFrame()));
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Report_page(string culture)
    {
        using var scope = new CultureScope(culture);
        using var tmp = new TempDir();
        var data = ReportData.Compute(Defaults.Study()); // under the culture too: the tables' texts are made from it
        var dir = tmp.Sub("report");
        ReportWriter.Write(StandInFigures.All(data), ReportTables.All(data), dir, new ReportWriterOptions(Images: false), new StringWriter());
        var html = File.ReadAllText(Path.Combine(dir, "index.html"));
        // plotly.js (3.5 MB, inlined once: ReportWriterTests checks that) is not part of the golden file.
        var plotly = PlotlyJs.Source();
        Assert.Contains(plotly, html);
        GoldenFile.Verify("writers/report-index.html", html.Replace(plotly, "/* plotly.js source, left out of the golden file */"));
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Profile_json(string culture)
    {
        using var scope = new CultureScope(culture);
        GoldenFile.Verify("writers/os-mos.json", ProfileJsonWriter.Write(Defaults.Os("mos")));
    }
}
