using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Profiles;
using PerfModel.Profiles.Json;
using PerfModel.Profiles.Schema;

namespace PerfModel.Tests.Profiles.Json;

/// <summary>The writer and the reader are inverse (bit for bit, provenance included), a value changed in code is written
/// as a what-if instead of citing the source it replaced, and the differences from the defaults can be listed.</summary>
public sealed class WriterTests
{
    [Fact]
    public void Every_default_profile_round_trips_through_the_writer()
    {
        var study = Defaults.Study();
        var platform = ProfileJson.ParsePlatform(ProfileJsonWriter.Write(study.Platform), "written");
        AssertSameValues(study.Platform, platform);
        Assert.Equal(study.Platform.Provenance.ByPath.ToDictionary(kv => kv.Key, kv => kv.Value.Source), platform.Provenance.ByPath.ToDictionary(kv => kv.Key, kv => kv.Value.Source));
        foreach (var os in study.Oses)
        {
            var back = ProfileJson.ParseOs(ProfileJsonWriter.Write(os), "written");
            Assert.Equal(os with { Provenance = Provenance.Empty }, back with { Provenance = Provenance.Empty });
            Assert.Equal(ProfilePaths.Values(os).Select(v => ProfilePaths.SourceOf(os, v.Path)), ProfilePaths.Values(back).Select(v => ProfilePaths.SourceOf(back, v.Path)));
        }
        foreach (var app in study.Apps)
        {
            var back = ProfileJson.ParseApp(ProfileJsonWriter.Write(app), "written");
            AssertSameValues(app, back);
        }
    }

    [Fact]
    public void The_written_default_equals_the_file_in_data()
    {
        // data/os/linux.json is in the writer's own format apart from its $schema line and description.
        var text = ProfileJsonWriter.WriteProfile(Defaults.Os("linux"), "../schemas/os.schema.json");
        var file = File.ReadAllText(Path.Combine(RepoPaths.DataDir, "os", "linux.json"));
        AssertSameValues(ProfileJson.ParseOs(file, "file"), ProfileJson.ParseOs(text, "text"));
    }

    [Fact]
    public void A_value_changed_in_code_is_a_what_if_not_the_paper()
    {
        var mos = Defaults.Os("mos");
        const string path = "$.syscalls.offloadLatencySeconds";
        Assert.StartsWith("estimate", ProfilePaths.SourceOf(mos, path));
        var faster = mos with { Syscalls = mos.Syscalls with { OffloadLatency = TimeInterval.FromMicroseconds(1) } };
        Assert.Equal(Provenance.WhatIf, ProfilePaths.SourceOf(faster, path));
        var written = ProfileJsonWriter.Write(faster);
        Assert.Contains("\"source\": \"what-if, set in code\"", written);
        // Unchanged fields keep their sources.
        Assert.Equal(ProfilePaths.SourceOf(mos, "$.brk.growthStepBytes"), ProfilePaths.SourceOf(faster, "$.brk.growthStepBytes"));
        // Setting the value back restores the source.
        var back = faster with { Syscalls = faster.Syscalls with { OffloadLatency = mos.Syscalls.OffloadLatency } };
        Assert.Equal(ProfilePaths.SourceOf(mos, path), ProfilePaths.SourceOf(back, path));
    }

    [Fact]
    public void A_profile_built_in_code_is_unspecified()
    {
        var os = TestProfiles.LinuxLike;
        Assert.Equal(Provenance.Unspecified, ProfilePaths.SourceOf(os, "$.brk.pageBytes"));
        Assert.Contains("unspecified (set in code)", ProfileJsonWriter.Write(os));
    }

    [Fact]
    public void Differences_list_exactly_what_a_what_if_changed()
    {
        var linux = Defaults.Os("linux");
        var mos = Defaults.Os("mos");
        var hybrid = linux with { Brk = mos.Brk };
        var diffs = ProfilePaths.Differences(linux, hybrid);
        Assert.NotEmpty(diffs);
        Assert.All(diffs, d => Assert.StartsWith("$.brk.", d.Path));
        Assert.Contains(diffs, d => d.Path == "$.brk.prefaultAtBrk" && d.Baseline is false && d.Changed is true);
        Assert.Empty(ProfilePaths.Differences(linux, Defaults.Os("linux")));
    }

    [Fact]
    public void Distributions_are_written_in_their_own_form()
    {
        var os = TestProfiles.LwkLike with
        {
            Noise = new NoiseProfile(
            [
                TestProfiles.Source("exp", 10, new ExponentialDuration(TimeInterval.FromMicroseconds(5))),
                TestProfiles.Source("ln", 1, new LogNormalDuration(TimeInterval.FromMicroseconds(20), 0.8)),
                TestProfiles.Source("tail", 0.1, new ParetoDuration(TimeInterval.FromMicroseconds(10), 2.5)),
                TestProfiles.Source("emp", 5, new EmpiricalDuration([1e-6, 3e-6], [1, 3])),
                TestProfiles.Source("fixed", 100, 2e-6),
            ]),
        };
        var back = ProfileJson.ParseOs(ProfileJsonWriter.Write(os), "written");
        // As sequences: ImmutableArray's own equality is by reference.
        Assert.Equal(os.Noise.Sources.AsEnumerable(), back.Noise.Sources.AsEnumerable());
    }

    private static void AssertSameValues(object expected, object actual)
    {
        var e = ProfilePaths.Values(expected);
        var a = ProfilePaths.Values(actual);
        Assert.Equal(e.Select(v => v.Path), a.Select(v => v.Path));
        for (var i = 0; i < e.Count; i++) Assert.True(ProfilePaths.ValuesEqual(e[i].Value, a[i].Value), $"{e[i].Path}: {e[i].Value} vs {a[i].Value}");
    }
}
