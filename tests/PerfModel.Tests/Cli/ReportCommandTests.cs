namespace PerfModel.Tests.Cli;

public sealed class ReportCommandTests
{
    [Fact]
    public void No_images_writes_html_and_csv_only()
    {
        using var tmp = new TempDir();
        var dir = tmp.Sub("r");
        var (code, output, err) = CliRunner.Run("report", "--out", dir, "--no-images", "--no-sensitivity");
        Assert.Equal(0, code);
        Assert.Equal("", output);
        Assert.Contains("no PNG/SVG images: images were not requested (--no-images)", err);
        Assert.Contains("wrote ", err);
        Assert.True(File.Exists(Path.Combine(dir, "index.html")));
        Assert.True(File.Exists(Path.Combine(dir, "data", "table1-lulesh-ddr4.csv")));
        Assert.True(File.Exists(Path.Combine(dir, "data", "validation.csv")));
        Assert.False(Directory.Exists(Path.Combine(dir, "figures")));
        Assert.Contains("Profiles: the embedded defaults.", File.ReadAllText(Path.Combine(dir, "index.html")));
    }

    [Fact]
    public void A_bad_profile_fails_with_the_loader_error_and_writes_nothing()
    {
        using var tmp = new TempDir();
        var bad = tmp.Sub("mos.json");
        File.WriteAllText(bad, File.ReadAllText(Path.Combine(RepoPaths.DataDir, "os", "mos.json")).Replace("\"value\": 2097152", "\"value\": 3000000"));
        var dir = tmp.Sub("out", "report");
        var (code, output, err) = CliRunner.Run("report", "--out", dir, "--os-file", bad);
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("invalid profile", err);
        Assert.Contains(bad + ": " + PredictCommandTests.AlignmentPath + ": value " + ByteSize.FromBytes(3_000_000) + " must be a power of two", err);
        Assert.Equal(["mos.json"], tmp.Entries()); // not even the parent of --out
    }

    [Fact]
    public void A_missing_profile_file_fails_with_exit_1_and_writes_nothing()
    {
        using var tmp = new TempDir();
        var (code, _, err) = CliRunner.Run("report", "--out", tmp.Sub("r"), "--app-file", tmp.Sub("nope.json"), "--no-images");
        Assert.Equal(1, code);
        Assert.Contains("file not found", err);
        Assert.Empty(tmp.Entries());
    }

    [Fact]
    public void A_directory_that_is_not_a_report_is_refused_with_exit_2()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp.Sub("keep.txt"), "mine");
        var (code, _, err) = CliRunner.Run("report", "--out", tmp.Path, "--no-images");
        Assert.Equal(2, code);
        Assert.Contains("not a previous report", err);
        Assert.Equal(["keep.txt"], tmp.Entries());
    }
}
