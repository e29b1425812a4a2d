using PerfModel.Descriptions;
using PerfModel.Profiles;
using PerfModel.Profiles.Schema;

namespace PerfModel.Tests.Profiles.Schema;

/// <summary>A declared range, like a source, is about the value it was recorded for: it applies while the value is
/// unchanged and no longer once a <c>with</c> copy changes it, even to a value inside the range.</summary>
public sealed class ProfilePathsRangeTests
{
    private const string Latency = "$.syscalls.offloadLatencySeconds";

    [Fact]
    public void The_range_applies_to_the_recorded_value_only()
    {
        var mos = Defaults.Os("mos");
        Assert.Equal(new ValueRange(0.2e-6, 1e-6), ProfilePaths.RangeOf(mos, Latency));

        var inside = mos with { Syscalls = mos.Syscalls with { OffloadLatency = TimeInterval.FromMicroseconds(0.8) } };
        Assert.Null(ProfilePaths.RangeOf(inside, Latency));
        Assert.Equal(Provenance.WhatIf, ProfilePaths.SourceOf(inside, Latency));
        // The provenance still holds the range of the recorded value ...
        Assert.NotNull(inside.Provenance.ByPath[Latency].Range);

        // ... so setting the value back restores both the source and the range.
        var back = inside with { Syscalls = inside.Syscalls with { OffloadLatency = mos.Syscalls.OffloadLatency } };
        Assert.Equal(ProfilePaths.RangeOf(mos, Latency), ProfilePaths.RangeOf(back, Latency));
        Assert.Equal(ProfilePaths.SourceOf(mos, Latency), ProfilePaths.SourceOf(back, Latency));
    }

    [Fact]
    public void No_range_without_a_declaration_or_a_path()
    {
        var mos = Defaults.Os("mos");
        Assert.Null(ProfilePaths.RangeOf(mos, "$.brk.growthStepBytes"));
        Assert.Null(ProfilePaths.RangeOf(mos, "$.no.such.path"));
    }
}
