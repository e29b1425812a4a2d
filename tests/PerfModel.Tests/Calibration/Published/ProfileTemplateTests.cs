using System.Text.Json.Nodes;
using PerfModel.Calibration.Published;
using PerfModel.Profiles.Json;
using PerfModel.Tests.Support;

namespace PerfModel.Tests.Calibration.Published;

public sealed class ProfileTemplateTests
{
    private static string Template(string name) => File.ReadAllText(Path.Combine(RepoPaths.DataDir, "templates", name));

    [Fact]
    public void A_template_completed_with_a_profiles_own_fields_is_that_profile()
    {
        // Independent truth: the hand-written OS profile before its noise section was taken out into the fit. Completing the
        // template with that very section must give the profile the project's writer writes for it, byte for byte.
        var file = Path.Combine(Path.GetDirectoryName(RepoPaths.DataDir)!, "tests", "PerfModel.Tests", "Calibration", "Published", "hand-typed-linux.json");
        var original = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        var noise = original["noise"]!.DeepClone();
        var completed = ProfileTemplate.CompleteOs(Template("linux.json"), "data/templates/linux.json", [new TemplateField("$.noise", noise)]);
        var expected = ProfileJsonWriter.WriteProfile(ProfileJson.ParseOs(File.ReadAllText(file), file), "../schemas/os.schema.json");
        Assert.Equal(Strip(expected), Strip(completed));
        Assert.Contains("\"description\": ", completed, StringComparison.Ordinal);
        Assert.Equal(ProfileJson.ParseOs(File.ReadAllText(file), file), ProfileJson.ParseOs(completed, "completed"));
    }

    [Fact]
    public void A_fitted_quantity_carries_its_source_and_interval()
    {
        var q = ProfileTemplate.Quantity(88.4e9, "data/measured/x.csv: fit", 87e9, 90e9);
        Assert.Equal(88.4e9, q["value"]!.GetValue<double>());
        Assert.Equal("data/measured/x.csv: fit", q["source"]!.GetValue<string>());
        Assert.Equal(87e9, q["range"]![0]!.GetValue<double>());
        // An interval that misses its value (percentile intervals of a skewed estimate) is widened to hold it.
        var widened = ProfileTemplate.Quantity(5, "s", 6, 7);
        Assert.Equal(5, widened["range"]![0]!.GetValue<double>());
        Assert.Throws<ArgumentOutOfRangeException>(() => ProfileTemplate.Quantity(double.NaN, "s"));
    }

    [Theory]
    [InlineData("$.kernel.syscallSeconds", "already gives this field")]
    [InlineData("$.nowhere.x", "has no 'nowhere'")]
    [InlineData("$.memoryTiers[7].bandwidthBytesPerSecond", "has no 'memoryTiers[7]'")]
    [InlineData("kernel.x", "starts with '$.'")]
    public void Paths_that_do_not_fit_the_template_are_refused_with_the_path_named(string path, string rule)
    {
        var e = Assert.Throws<PublishedDataException>(() =>
            ProfileTemplate.CompletePlatform(Template("platform.json"), "data/templates/platform.json", [new TemplateField(path, ProfileTemplate.Quantity(1, "s"))]));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains(rule, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("data/templates/platform.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_incomplete_profile_is_refused_naming_the_template()
    {
        // The platform template without its fitted fields is not a profile: the reader's rules are reported.
        var e = Assert.Throws<PublishedDataException>(() => ProfileTemplate.CompletePlatform(Template("platform.json"), "data/templates/platform.json", []));
        Assert.Contains("breaks a profile rule", e.Message, StringComparison.Ordinal);
        Assert.Throws<PublishedDataException>(() => ProfileTemplate.CompletePlatform("{ not json", "t.json", []));
    }

    /// <summary>The text without its description line (the writer does not keep free text; the template adds it).</summary>
    private static string Strip(string json) => string.Join("\n", json.Split('\n').Where(l => !l.TrimStart().StartsWith("\"description\"", StringComparison.Ordinal)));
}
