using PerfModel.Profiles;
using PerfModel.Profiles.Files;
using PerfModel.Profiles.Json;

namespace PerfModel.Tests.Profiles;

/// <summary>Every profile in data/ loads and validates; the embedded defaults are those files. (The JSON Schemas in
/// data/schemas are checked by <see cref="Schema.JsonSchemaTests"/>.)</summary>
public sealed class DefaultDataTests
{
    public static TheoryData<string> JsonFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(RepoPaths.DataDir, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(RepoPaths.DataDir, f);
            // The schemas are not profiles, and neither are the templates (profiles without their fitted fields, which
            // calibrate import completes; its tests load every completed template).
            if (relative.Split(Path.DirectorySeparatorChar)[0] is not ("schemas" or "templates")) data.Add(relative);
        }
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
        Assert.All(provenance.ByPath.Values, p => Assert.False(string.IsNullOrWhiteSpace(p.Source)));
    }

    [Fact]
    public void Embedded_defaults_are_the_files_in_data()
    {
        var study = Defaults.Study();
        Assert.Equal(Defaults.AppNames.Length, study.Apps.Length);
        Assert.Equal(3, study.Oses.Length);
        foreach (var app in study.Apps)
        {
            var fromFile = ProfileFiles.LoadApp(Path.Combine(RepoPaths.DataDir, "apps", app.Name + ".json"));
            Assert.Equal(fromFile.ComputePerIteration, app.ComputePerIteration);
            Assert.Equal(fromFile.MemoryTrafficPerIteration, app.MemoryTrafficPerIteration);
            Assert.Equal(fromFile.Heap, app.Heap);
        }
    }

    [Fact]
    public void Parameters_fitted_to_paper_numbers_say_so()
    {
        // Fidelity rule: a parameter fitted to a published number must say so in its provenance.
        var study = Defaults.Study();
        Assert.StartsWith("estimate: FITTED", study.Os["mckernel"].Provenance.RecordedSource("$.placement.spillPenalty"));
        Assert.StartsWith("estimate: FITTED", study.App["lulesh2"].Provenance.RecordedSource("$.computeSecondsPerIteration"));
        Assert.StartsWith("estimate: FITTED", study.App["amg2013"].Provenance.RecordedSource("$.syscalls.schedYieldsPerIteration"));
        Assert.StartsWith("estimate: FITTED", study.App["minife"].Provenance.RecordedSource("$.syscalls.schedYieldsPerIteration"));
    }

    [Fact]
    public void The_default_sweep_is_finite_and_deterministic()
    {
        var study = Defaults.Study();
        var a = study.Sweep();
        var b = study.Sweep();
        Assert.Equal(8 * 3 * 12, a.Count);
        for (var i = 0; i < a.Count; i++)
        {
            var p = a[i].Prediction;
            Assert.True(double.IsFinite(p.Runtime.Seconds) && p.Runtime.Seconds > 0, p.ToString());
            Assert.True(double.IsFinite(p.Fom) && p.Fom > 0, p.ToString());
            Assert.True(double.IsFinite(a[i].RelativeToBaseline) && a[i].RelativeToBaseline > 0, p.ToString());
            Assert.Equal(p.Runtime, b[i].Prediction.Runtime);
        }
    }
}
