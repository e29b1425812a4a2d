using PerfModel.Calibration.Published;

namespace PerfModel.Tests.Calibration.Published;

/// <summary>Paths of the published measurements in data/measured, and a helper that asserts a refusal.</summary>
internal static class PublishedData
{
    public static string Measured(string name) => Path.Combine(RepoPaths.DataDir, "measured", name);

    public static string Osu(string name) => Path.Combine(RepoPaths.DataDir, "measured", "osu_performance_study", name);

    /// <summary>Asserts that <paramref name="load"/> refuses <paramref name="path"/> with a <see cref="PublishedDataException"/>
    /// naming the file, <paramref name="line"/>, <paramref name="field"/> and a rule containing <paramref name="rule"/>.</summary>
    public static PublishedDataException Refused(string path, Action load, int? line, string field, string rule)
    {
        var e = Assert.Throws<PublishedDataException>(load);
        Assert.Equal(path, e.File);
        Assert.Equal(line, e.Line);
        Assert.Equal(field, e.Field);
        Assert.Contains(rule, e.Rule, StringComparison.Ordinal);
        Assert.StartsWith(line is { } l ? $"{path}:{l}: {field}: " : $"{path}: {field}: ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }
}
