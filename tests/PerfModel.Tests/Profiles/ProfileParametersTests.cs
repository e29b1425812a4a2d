using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Profiles;
using PerfModel.Profiles.Schema;

namespace PerfModel.Tests.Profiles;

/// <summary>The generic setter: it finds a parameter through the schema table, changes exactly that one value, lets the
/// record rules check it, keeps the provenance (so the value is a what-if) and names the parameter in every error.</summary>
public sealed class ProfileParametersTests
{
    /// <summary>The defaults as they were hand-typed before <c>calibrate import</c> (Linux with two Poisson sources of fixed
    /// durations with declared ranges): the fixed-duration parameters these tests set; the published defaults' sources are
    /// distributions.</summary>
    private static readonly Study Study = HandTypedDefaults.Study();

    private static readonly ProfileParameter Latency = new(ProfileKind.Os, "mckernel", "Syscalls.OffloadLatency");

    [Theory]
    [InlineData(ProfileKind.Os, "Syscalls.OffloadLatency", "$.syscalls.offloadLatencySeconds")]
    [InlineData(ProfileKind.Os, "Noise.Sources[1].Rate", "$.noise.sources[1].ratePerSecond")]
    [InlineData(ProfileKind.Os, "Noise.Sources[0].Duration", "$.noise.sources[0].durationSeconds")]
    [InlineData(ProfileKind.Platform, "MemoryTiers[1].Bandwidth", "$.memoryTiers[1].bandwidthBytesPerSecond")]
    [InlineData(ProfileKind.Platform, "Kernel.PageFault4K", "$.kernel.pageFault4KSeconds")]
    [InlineData(ProfileKind.App, "Heap.PeakHeap", "$.heap.peakHeapBytes")]
    [InlineData(ProfileKind.App, "RanksPerNode", "$.ranksPerNode")]
    public void JsonPathOf_follows_the_schema_table(ProfileKind kind, string property, string path)
    {
        Assert.Equal(path, ProfileParameters.JsonPathOf(new ProfileParameter(kind, "x", property)));
        // The same path the schema's own mapping gives.
        Assert.Equal(ProfileSchema.JsonPath(ProfileSchema.Of(kind), property), ProfileParameters.JsonPathOf(new ProfileParameter(kind, "x", property)));
    }

    [Fact]
    public void Get_reads_the_value_in_the_file_unit()
    {
        Assert.Equal(Study.Os["mckernel"].Syscalls.OffloadLatency.Seconds, ProfileParameters.Get(Study, Latency));
        Assert.Equal(Study.Platform.MemoryTiers[1].Bandwidth.BytesPerSecond, ProfileParameters.Get(Study, new(ProfileKind.Platform, "", "MemoryTiers[1].Bandwidth")));
        Assert.Equal(Study.App["lammps"].RanksPerNode, ProfileParameters.Get(Study, new(ProfileKind.App, "lammps", "RanksPerNode")));
        Assert.Equal(Study.Os["linux"].Noise.Sources[1].Duration.MeanSeconds, ProfileParameters.Get(Study, new(ProfileKind.Os, "linux", "Noise.Sources[1].Duration")));
    }

    public static TheoryData<ProfileKind, string, string, double> OneValue => new()
    {
        { ProfileKind.Os, "mckernel", "Syscalls.OffloadLatency", 6e-6 },
        { ProfileKind.Os, "linux", "Noise.Sources[1].Rate", 0.08 },
        { ProfileKind.Os, "linux", "Noise.Sources[1].Duration", 2e-4 },
        { ProfileKind.Platform, "", "Kernel.PageFault4K", 2.2e-6 },
        { ProfileKind.Platform, "", "MemoryTiers[0].Bandwidth", 400e9 },
        { ProfileKind.App, "lammps", "Halo.PerNeighbour", 12345 },
        { ProfileKind.App, "minife", "RanksPerNode", 32 },
    };

    [Theory]
    [MemberData(nameof(OneValue))]
    public void With_changes_exactly_one_value_and_it_is_a_what_if(ProfileKind kind, string profile, string property, double value)
    {
        var parameter = new ProfileParameter(kind, profile, property);
        var changed = ProfileParameters.With(Study, parameter, value);
        var path = ProfileParameters.JsonPathOf(parameter);

        Assert.Equal(value, ProfileParameters.Get(changed, parameter));
        var (before, after) = Profiles(Study, changed, parameter);
        var difference = Assert.Single(ProfilePaths.Differences(before, after));
        Assert.Equal((path, value), (difference.Path, (double)difference.Changed!));
        Assert.Equal(Provenance.WhatIf, ProfilePaths.SourceOf(after, path));
        Assert.Equal(ProfilePaths.ProvenanceOf(before), ProfilePaths.ProvenanceOf(after));
        // Every other profile of the study is untouched.
        var changes = WhatIf.Changes(changed, Study);
        Assert.Equal(path, Assert.Single(changes).Path);
    }

    [Fact]
    public void Setting_the_current_value_gives_the_same_study_and_keeps_the_source()
    {
        var same = ProfileParameters.With(Study, Latency, ProfileParameters.Get(Study, Latency));
        Assert.Equal(Study, same);
        Assert.StartsWith("estimate: ", ProfilePaths.SourceOf(same.Os["mckernel"], "$.syscalls.offloadLatencySeconds"), StringComparison.Ordinal);
        Assert.NotNull(ProfileParameters.RangeOf(same, Latency));
    }

    [Fact]
    public void A_changed_value_loses_its_declared_range()
    {
        Assert.Equal(new ValueRange(4e-6, 12e-6), ProfileParameters.RangeOf(Study, Latency));
        Assert.Null(ProfileParameters.RangeOf(ProfileParameters.With(Study, Latency, 6e-6), Latency));
    }

    [Fact]
    public void Ranged_lists_every_parameter_with_a_declared_range_in_study_order()
    {
        var ranged = ProfileParameters.Ranged(Study);
        Assert.Contains(Latency, ranged);
        Assert.Contains(new ProfileParameter(ProfileKind.Os, "mos", "Syscalls.OffloadLatency"), ranged);
        // Independent truth: the provenance entries of the files that declare a range.
        // Ranges on the parameters of a duration distribution other than a fixed one are not parameters (documented).
        var expected = new[] { (object)Study.Platform }.Concat(Study.Oses).Concat(Study.Apps)
            .Sum(p => ProfilePaths.ProvenanceOf(p).ByPath.Count(e => e.Value.Range is not null
                && !(e.Key.Contains(".duration.", StringComparison.Ordinal) && !e.Key.EndsWith(".duration.seconds", StringComparison.Ordinal))));
        Assert.Equal(expected, ranged.Count);
        Assert.All(ranged, p => Assert.NotNull(ProfileParameters.RangeOf(Study, p)));
        // Platform first, then OSes and applications in the study's order.
        var order = ranged.Select(p => p.Kind == ProfileKind.Platform ? -1 : p.Kind == ProfileKind.Os ? Study.Os.Names.ToList().IndexOf(p.Profile) : 100 + Study.App.Names.ToList().IndexOf(p.Profile));
        Assert.Equal(order.Order(), order);
        // A changed value is no longer ranged.
        Assert.DoesNotContain(Latency, ProfileParameters.Ranged(ProfileParameters.With(Study, Latency, 5e-6)));
    }

    [Fact]
    public void A_value_that_breaks_a_record_rule_is_refused_naming_the_parameter()
    {
        var ex = Assert.Throws<ArgumentException>(() => ProfileParameters.With(Study, Latency, -1e-6));
        Assert.Contains("os mckernel Syscalls.OffloadLatency ($.syscalls.offloadLatencySeconds) = -1E-06", ex.Message, StringComparison.Ordinal);
        Assert.Contains("must be >= 0", ex.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidDescriptionException>(ex.InnerException);

        // A cross-field rule of a record: more application cores than the node has.
        var cores = Assert.Throws<ArgumentException>(() => ProfileParameters.With(Study, new(ProfileKind.Platform, "", "AppCoresPerNode"), 100));
        Assert.Contains("platform  AppCoresPerNode", cores.Message, StringComparison.Ordinal);

        // A rule of the study: an application with more ranks than the platform has application cores.
        var ranks = Assert.Throws<ArgumentException>(() => ProfileParameters.With(Study, new(ProfileKind.App, "minife", "RanksPerNode"), 128));
        Assert.Contains("app minife RanksPerNode", ranks.Message, StringComparison.Ordinal);

        // A rule across a noise source's fields: rate x duration < 1.
        var noise = Assert.Throws<ArgumentException>(() => ProfileParameters.With(Study, new(ProfileKind.Os, "linux", "Noise.Sources[1].Duration"), 30));
        Assert.Contains("must be < 1", noise.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN, "must be a finite number")]
    [InlineData(double.PositiveInfinity, "must be a finite number")]
    public void A_value_that_is_not_finite_is_refused(double value, string rule)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ProfileParameters.With(Study, Latency, value));
        Assert.Contains("os mckernel Syscalls.OffloadLatency", ex.Message, StringComparison.Ordinal);
        Assert.Contains(rule, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_whole_number_field_takes_whole_values_only()
    {
        var ranks = new ProfileParameter(ProfileKind.App, "minife", "RanksPerNode");
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ProfileParameters.With(Study, ranks, 32.5));
        Assert.Contains("app minife RanksPerNode ($.ranksPerNode) = 32.5: must be a whole number", ex.Message, StringComparison.Ordinal);
        Assert.Equal(16, ProfileParameters.Get(ProfileParameters.With(Study, ranks, 16), ranks));
    }

    [Theory]
    [InlineData(ProfileKind.Os, "mckernel", "Syscalls.OffloadLatncy", "SyscallPolicy has no property 'OffloadLatncy'; known: DeviceCallsOffloaded, OffloadLatency")]
    [InlineData(ProfileKind.Os, "mckernel", "Syscalls.SchedYieldIgnored", "SyscallPolicy.SchedYieldIgnored is a flag (true/false), not a number")]
    [InlineData(ProfileKind.Os, "mckernel", "Placement.Policy", "MemoryPlacement.Policy is a choice of names, not a number")]
    [InlineData(ProfileKind.Os, "mckernel", "Syscalls", "OsProfile.Syscalls is a nested object, not a number")]
    [InlineData(ProfileKind.Os, "mckernel", "Noise.Sources.Rate", "NoiseProfile.Sources is a list of objects: name an item")]
    [InlineData(ProfileKind.Os, "mckernel", "Noise.Sources[3].Rate", "NoiseProfile.Sources has 1 item(s); [3] is out of range")]
    [InlineData(ProfileKind.Os, "mckernel", "Name", "OsProfile.Name is a text field, not a number")]
    [InlineData(ProfileKind.Os, "mckernel", "Syscalls.OffloadLatency.Seconds", "SyscallPolicy.OffloadLatency is a number; it has no property 'Seconds'")]
    [InlineData(ProfileKind.App, "lammps", "DefaultNodes[2]", "AppProfile.DefaultNodes is a list of node counts, not a list of objects")]
    [InlineData(ProfileKind.Os, "mckernel", "Syscalls..OffloadLatency", "'' is not a property name")]
    [InlineData(ProfileKind.Os, "nos", "Syscalls.OffloadLatency", "unknown OS 'nos'; known: linux, mckernel, mos")]
    public void A_parameter_that_is_not_a_number_of_the_study_is_named_in_the_error(ProfileKind kind, string profile, string property, string why)
    {
        var parameter = new ProfileParameter(kind, profile, property);
        var ex = Assert.ThrowsAny<Exception>(() => ProfileParameters.With(Study, parameter, 1));
        Assert.True(ex is ArgumentException or KeyNotFoundException, ex.GetType().Name);
        Assert.Contains($"{parameter}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(why, ex.Message, StringComparison.Ordinal);
        Assert.Contains(why, Assert.ThrowsAny<Exception>(() => ProfileParameters.Get(Study, parameter)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_a_fixed_duration_is_a_parameter()
    {
        var source = Study.Os["linux"].Noise.Sources[0] with { Duration = new ExponentialDuration(TimeInterval.FromMicroseconds(5)) };
        var linux = Study.Os["linux"] with { Noise = Study.Os["linux"].Noise with { Sources = Study.Os["linux"].Noise.Sources.SetItem(0, source) } };
        var study = Study.With(linux);
        var duration = new ProfileParameter(ProfileKind.Os, "linux", "Noise.Sources[0].Duration");
        var ex = Assert.Throws<NotSupportedException>(() => ProfileParameters.With(study, duration, 1e-6));
        Assert.Equal("os linux Noise.Sources[0].Duration: the detour duration has the 'exponential' form; only a fixed duration (durationSeconds, or distribution \"fixed\") can be read or set as one number", ex.Message);
        Assert.Throws<NotSupportedException>(() => ProfileParameters.Get(study, duration));
        // Its rate still is.
        Assert.Equal(3.0, ProfileParameters.Get(ProfileParameters.With(study, duration with { PropertyPath = "Noise.Sources[0].Rate" }, 3.0), duration with { PropertyPath = "Noise.Sources[0].Rate" }));
    }

    private static (object Before, object After) Profiles(Study before, Study after, ProfileParameter p) => p.Kind switch
    {
        ProfileKind.Platform => (before.Platform, after.Platform),
        ProfileKind.Os => (before.Os[p.Profile], after.Os[p.Profile]),
        _ => (before.App[p.Profile], after.App[p.Profile]),
    };
}
