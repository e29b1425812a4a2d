using PerfModel.Calibration.Profiles;
using PerfModel.Predictions;
using PerfModel.Serialization;

namespace PerfModel.Tests.Data;

/// <summary>Every file in data/ loads and validates; the embedded defaults are those files.</summary>
public sealed class DefaultDataTests
{
    public static TheoryData<string> JsonFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(RepoPaths.DataDir, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(RepoPaths.DataDir, f));
        return data;
    }

    [Theory]
    [MemberData(nameof(JsonFiles))]
    public void Every_data_file_loads_and_every_number_has_provenance(string relative)
    {
        var path = Path.Combine(RepoPaths.DataDir, relative);
        var text = File.ReadAllText(path);
        // The loader rejects a number without "source" or "estimate", so loading is the provenance check.
        var provenance = relative.Split(Path.DirectorySeparatorChar)[0] switch
        {
            "platforms" => ProfileJson.ParsePlatform(text, path).Provenance,
            "os" => ProfileJson.ParseOs(text, path).Provenance,
            "apps" => ProfileJson.ParseApp(text, path).Provenance,
            var other => throw new InvalidOperationException($"no loader for data/{other}"),
        };
        Assert.NotEmpty(provenance.ByPath);
        Assert.All(provenance.ByPath.Values, p => Assert.False(string.IsNullOrWhiteSpace(p)));
    }

    [Fact]
    public void Embedded_defaults_are_the_files_in_data()
    {
        var set = ProfileLoader.LoadDefaults();
        Assert.Equal(ProfileLoader.DefaultApps.Length, set.Apps.Length);
        Assert.Equal(3, set.Oses.Length);
        foreach (var app in set.Apps)
        {
            var fromFile = ProfileLoader.LoadApp(Path.Combine(RepoPaths.DataDir, "apps", app.Name + ".json"));
            Assert.Equal(fromFile.ComputeSecondsPerIteration, app.ComputeSecondsPerIteration);
            Assert.Equal(fromFile.MemoryBytesPerIteration, app.MemoryBytesPerIteration);
            Assert.Equal(fromFile.Heap, app.Heap);
        }
    }

    [Fact]
    public void Parameters_fitted_to_paper_numbers_say_so()
    {
        // Fidelity rule: a parameter fitted to a published number must say so in its provenance.
        var set = ProfileLoader.LoadDefaults();
        Assert.StartsWith("estimate: FITTED", set.Os("mckernel").Provenance.Of("$.placement.spillPenalty"));
        Assert.StartsWith("estimate: FITTED", set.App("lulesh2").Provenance.Of("$.computeSecondsPerIteration"));
        Assert.StartsWith("estimate: FITTED", set.App("amg2013").Provenance.Of("$.syscalls.schedYieldsPerIteration"));
        Assert.StartsWith("estimate: FITTED", set.App("minife").Provenance.Of("$.syscalls.schedYieldsPerIteration"));
    }

    [Fact]
    public void The_default_sweep_is_finite_and_deterministic()
    {
        var set = ProfileLoader.LoadDefaults();
        var a = Sweep.Run(set.Platform, set.Os("linux"), set.Oses, set.Apps, app => app.DefaultNodes);
        var b = Sweep.Run(set.Platform, set.Os("linux"), set.Oses, set.Apps, app => app.DefaultNodes);
        Assert.Equal(8 * 3 * 12, a.Count);
        for (var i = 0; i < a.Count; i++)
        {
            var p = a[i].Prediction;
            Assert.True(double.IsFinite(p.RuntimeSeconds) && p.RuntimeSeconds > 0, p.ToString());
            Assert.True(double.IsFinite(p.Fom) && p.Fom > 0, p.ToString());
            Assert.True(double.IsFinite(a[i].RelativeToLinux) && a[i].RelativeToLinux > 0, p.ToString());
            Assert.Equal(p.RuntimeSeconds, b[i].Prediction.RuntimeSeconds);
        }
    }
}
