using PerfModel.Profiles.Files;

namespace PerfModel.Tests.Profiles.Files;

/// <summary>A fit's change to a data file is the one number and nothing else.</summary>
public sealed class ProfileFilePatchTests
{
    private const string Text = """
        {
          "placement": {
            "spillPenalty": {
              "value": 0.69,
              "estimate": "FITTED to row x",
              "range": [0.1, 0.9]
            }
          },
          "noise": { "sources": [ { "ratePerSecond": { "value": 1, "source": "s" } }, { "ratePerSecond": { "value": 2.5e-3, "source": "s" } } ] }
        }
        """;

    [Fact]
    public void Only_the_value_changes()
    {
        var patched = ProfileFilePatch.SetValue(Text, "$.placement.spillPenalty", 0.328, "x.json");
        Assert.Equal(Text.Replace("\"value\": 0.69,", "\"value\": 0.328,", StringComparison.Ordinal), patched);
    }

    [Fact]
    public void Array_elements_are_addressed_by_index()
    {
        var patched = ProfileFilePatch.SetValue(Text, "$.noise.sources[1].ratePerSecond", 4e-6, "x.json");
        Assert.Equal(Text.Replace("2.5e-3", "4e-06", StringComparison.Ordinal), patched);
    }

    [Fact]
    public void A_missing_path_names_the_file_and_the_path()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => ProfileFilePatch.SetValue(Text, "$.placement.hbmUsableFraction", 1, "data/os/x.json"));
        Assert.Contains("data/os/x.json", e.Message);
        Assert.Contains("$.placement.hbmUsableFraction", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ProfileFilePatch.SetValue(Text, "$.placement.spillPenalty", double.NaN, "x.json"));
    }
}
