using System.Text.Json.Nodes;
using PerfModel.Descriptions;
using PerfModel.Profiles;
using PerfModel.Profiles.Json;
using PerfModel.Profiles.Schema;

namespace PerfModel.Tests.Profiles.Json;

/// <summary>Declared ranges survive writing and reading back, bit for bit, and belong to the recorded value: a value changed
/// in code is written without the range (and as a what-if).</summary>
public sealed class RangeWriterTests
{
    private const string Latency = "$.syscalls.offloadLatencySeconds";

    [Fact]
    public void Every_declared_range_of_the_defaults_round_trips()
    {
        var study = Defaults.Study();
        var profiles = new object[] { study.Platform }.Concat(study.Oses).Concat(study.Apps).ToArray();
        var declared = 0;
        foreach (var profile in profiles)
        {
            var text = ProfileJsonWriter.WriteProfile(profile);
            object back = profile switch
            {
                Platform => ProfileJson.ParsePlatform(text, "written"),
                OsProfile => ProfileJson.ParseOs(text, "written"),
                _ => ProfileJson.ParseApp(text, "written"),
            };
            var before = Ranges(profile);
            declared += before.Count;
            Assert.Equal(before, Ranges(back));
        }
        // The defaults declare ranges (at least the two offload latencies).
        Assert.True(declared >= 2, $"{declared} ranges declared in the defaults");
    }

    [Fact]
    public void The_range_is_written_after_the_provenance()
    {
        var text = ProfileJsonWriter.Write(Defaults.Os("mckernel"));
        var latency = JsonNode.Parse(text)!["syscalls"]!["offloadLatencySeconds"]!.AsObject();
        Assert.Equal(["value", "estimate", "range"], latency.Select(p => p.Key));
        Assert.Equal([0.2e-6, 1e-6], latency["range"]!.AsArray().Select(n => n!.GetValue<double>()));
    }

    [Fact]
    public void A_what_if_value_is_written_without_the_range_of_the_value_it_replaced()
    {
        var mckernel = Defaults.Os("mckernel");
        var faster = mckernel with { Syscalls = mckernel.Syscalls with { OffloadLatency = TimeInterval.FromMicroseconds(6) } };
        var latency = JsonNode.Parse(ProfileJsonWriter.Write(faster))!["syscalls"]!["offloadLatencySeconds"]!.AsObject();
        Assert.Equal(["value", "source"], latency.Select(p => p.Key));
        Assert.Equal(Provenance.WhatIf, (string?)latency["source"]);
        // Read back, the what-if has neither the old source nor the old range.
        var back = ProfileJson.ParseOs(ProfileJsonWriter.Write(faster), "written");
        Assert.Null(ProfilePaths.RangeOf(back, Latency));
    }

    /// <summary>Every declared range of a profile that still applies, by JSON path.</summary>
    private static Dictionary<string, ValueRange> Ranges(object profile)
    {
        var provenance = ProfilePaths.ProvenanceOf(profile);
        return ProfilePaths.Values(profile).Select(v => (v.Path, Range: ProfilePaths.RangeOf(provenance, v)))
            .Where(x => x.Range is not null).ToDictionary(x => x.Path, x => x.Range!);
    }
}
