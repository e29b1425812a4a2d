namespace PerfModel.Tests.Cli;

/// <summary><c>perfmodel fit</c> end to end.</summary>
public sealed class FitCommandTests
{
    [Fact]
    public void Fit_reports_that_the_defaults_are_the_fit()
    {
        var (code, output, _) = CliRunner.Run("fit", "--row", "table1-linux");
        Assert.Equal(0, code);
        Assert.Contains("app lulesh2 ComputePerIteration", output);
        Assert.Contains("already the fit", output);
    }

    [Fact]
    public void Fit_refuses_a_shape_row_with_a_message()
    {
        var (code, _, errors) = CliRunner.Run("fit", "--row", "lammps-mos-crossover");
        Assert.Equal(2, code);
        Assert.Contains("no parameter is fitted to row 'lammps-mos-crossover'", errors);
    }

    [Fact]
    public void Update_data_changes_only_the_fitted_value_line()
    {
        // A data directory whose MiniFE counts are off by 2x: the fit writes back the stored values, and the file differs
        // from the perturbed one in exactly the two value lines.
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Sub("apps"));
        var original = File.ReadAllText(Path.Combine(RepoPaths.DataDir, "apps", "minife.json"));
        var study = PerfModel.Profiles.Defaults.Study();
        var perturbed = PerfModel.Validation.PaperTargets.MiniFeMcKernelOptions16.FittedParameters.Aggregate(original, (text, p) =>
            PerfModel.Profiles.Files.ProfileFilePatch.SetValue(text, PerfModel.Profiles.ProfileParameters.JsonPathOf(p), 2 * PerfModel.Profiles.ProfileParameters.Get(study, p), "minife.json"));
        Assert.NotEqual(original, perturbed);
        var file = dir.Sub("apps", "minife.json");
        File.WriteAllText(file, perturbed);
        var (code, output, errors) = CliRunner.Run("fit", "--row", "minife-mckernel-options-16", "--app-file", file, "--update-data", dir.Path);
        Assert.True(code == 0, errors);
        Assert.Contains("1 of 1 rows changed", output);
        Assert.Equal(original, File.ReadAllText(file));
    }
}
