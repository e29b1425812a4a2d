using System.Text.Json.Nodes;
using PerfModel.Descriptions;
using PerfModel.Noise;
using PerfModel.Profiles;
using PerfModel.Profiles.Schema;

namespace PerfModel.Tests.Profiles;

/// <summary>The generic setter: it finds a parameter through the schema table, changes exactly that one value, lets the
/// record rules check it, keeps the provenance (so the value is a what-if) and names the parameter in every error — for
/// numbers, fixed detour durations and the parameters of duration distributions (the published defaults' Pareto and
/// log-normal noise) alike.</summary>
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
    [InlineData(ProfileKind.Os, "Noise.Sources[0].Duration.alpha", "$.noise.sources[0].duration.alpha")]
    [InlineData(ProfileKind.Os, "Noise.Sources[1].Duration.medianSeconds", "$.noise.sources[1].duration.medianSeconds")]
    [InlineData(ProfileKind.Os, "Noise.NodeClasses[0].Noise.Sources[0].Duration.scaleSeconds", "$.noise.nodeClasses[0].noise.sources[0].duration.scaleSeconds")]
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
        // Independent truth: the provenance entries of the files that declare a range (duration distributions' parameters
        // included).
        var expected = new[] { (object)Study.Platform }.Concat(Study.Oses).Concat(Study.Apps)
            .Sum(p => ProfilePaths.ProvenanceOf(p).ByPath.Count(e => e.Value.Range is not null));
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
    [InlineData(ProfileKind.Os, "mckernel", "Syscalls.OffloadLatncy", "SyscallPolicy has no property 'OffloadLatncy'; known: DeviceCallsOffloaded, Mechanism, OffloadLatency")]
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
    public void A_distribution_is_not_one_number_but_its_parameters_are()
    {
        var source = Study.Os["linux"].Noise.Sources[0] with { Duration = new ExponentialDuration(TimeInterval.FromMicroseconds(5)) };
        var linux = Study.Os["linux"] with { Noise = Study.Os["linux"].Noise with { Sources = Study.Os["linux"].Noise.Sources.SetItem(0, source) } };
        var study = Study.With(linux);
        var duration = new ProfileParameter(ProfileKind.Os, "linux", "Noise.Sources[0].Duration");
        var ex = Assert.Throws<NotSupportedException>(() => ProfileParameters.With(study, duration, 1e-6));
        Assert.Equal("os linux Noise.Sources[0].Duration: the detour duration has the 'exponential' form; only a fixed duration (durationSeconds, or distribution \"fixed\") can be read or set as one number"
            + " (name one of its parameters instead: Noise.Sources[0].Duration.meanSeconds)", ex.Message);
        Assert.Throws<NotSupportedException>(() => ProfileParameters.Get(study, duration));
        // Its rate still is, and so is its mean.
        Assert.Equal(3.0, ProfileParameters.Get(ProfileParameters.With(study, duration with { PropertyPath = "Noise.Sources[0].Rate" }, 3.0), duration with { PropertyPath = "Noise.Sources[0].Rate" }));
        var mean = duration with { PropertyPath = "Noise.Sources[0].Duration.meanSeconds" };
        Assert.Equal(TimeInterval.FromMicroseconds(5).Seconds, ProfileParameters.Get(study, mean));
        Assert.Equal(new ExponentialDuration(TimeInterval.FromMicroseconds(2)), ProfileParameters.With(study, mean, 2e-6).Os["linux"].Noise.Sources[0].Duration);

        // An empirical distribution has no parameters.
        var empirical = Study.With(linux with { Noise = linux.Noise with { Sources = linux.Noise.Sources.SetItem(0, source with { Duration = new EmpiricalDuration([1e-6, 3e-6], [3, 1]) }) } });
        Assert.Contains("NoiseSource.Duration is an 'empirical' distribution; its valuesSeconds and weights are not parameters",
            Assert.Throws<ArgumentException>(() => ProfileParameters.Get(empirical, mean)).Message, StringComparison.Ordinal);
        Assert.Contains("'valuesSeconds' is not a parameter",
            Assert.Throws<ArgumentException>(() => ProfileParameters.Get(empirical, duration with { PropertyPath = "Noise.Sources[0].Duration.valuesSeconds" })).Message, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => ProfileParameters.Get(empirical, duration));
    }

    [Fact]
    public void A_fixed_durations_seconds_is_the_fixed_duration_itself()
    {
        var whole = new ProfileParameter(ProfileKind.Os, "linux", "Noise.Sources[1].Duration");
        var seconds = whole with { PropertyPath = "Noise.Sources[1].Duration.seconds" };
        Assert.Equal(ProfileParameters.Get(Study, whole), ProfileParameters.Get(Study, seconds));
        Assert.Equal(ProfileParameters.RangeOf(Study, whole), ProfileParameters.RangeOf(Study, seconds));
        Assert.Equal(ProfileParameters.With(Study, whole, 2e-4), ProfileParameters.With(Study, seconds, 2e-4));
        // Listed once, as the duration.
        Assert.Contains(whole, ProfileParameters.Ranged(Study));
        Assert.DoesNotContain(seconds, ProfileParameters.Ranged(Study));
    }

    // ---- Duration distributions' parameters, on the published defaults (Linux: Pareto; McKernel, mOS: log-normal) ------

    private static readonly Study Published = Defaults.Study();

    private static readonly ProfileParameter Alpha = new(ProfileKind.Os, "linux", "Noise.Sources[0].Duration.alpha");
    private static readonly ProfileParameter Scale = new(ProfileKind.Os, "linux", "Noise.Sources[0].Duration.scaleSeconds");
    private static readonly ProfileParameter Median = new(ProfileKind.Os, "mckernel", "Noise.Sources[0].Duration.medianSeconds");
    private static readonly ProfileParameter Sigma = new(ProfileKind.Os, "mckernel", "Noise.Sources[0].Duration.sigma");

    /// <summary>A number of a default profile file and its declared range, read from the file's text (not through the
    /// loader).</summary>
    private static (double Value, ValueRange Range) InFile(string os, string path)
    {
        JsonNode node = JsonNode.Parse(Defaults.ReadEmbedded(Defaults.FileOf(ProfileKind.Os, os)), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            node = bracket < 0 ? node[part]! : node[part[..bracket]]![int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)]!;
        }
        var range = node["range"]!.AsArray();
        return ((double)node["value"]!, new ValueRange((double)range[0]!, (double)range[1]!));
    }

    [Fact]
    public void The_published_noise_distributions_parameters_are_ranged()
    {
        Assert.IsType<ParetoDuration>(Published.Os["linux"].Noise.Sources[0].Duration);
        Assert.IsType<LogNormalDuration>(Published.Os["mckernel"].Noise.Sources[0].Duration);
        var ranged = ProfileParameters.Ranged(Published);
        foreach (var (parameter, os, path) in new[]
        {
            (Scale, "linux", "noise.sources[0].duration.scaleSeconds"),
            (Alpha, "linux", "noise.sources[0].duration.alpha"),
            (Median, "mckernel", "noise.sources[0].duration.medianSeconds"),
            (Sigma, "mckernel", "noise.sources[0].duration.sigma"),
        })
        {
            Assert.Contains(parameter, ranged);
            var (value, range) = InFile(os, path);
            Assert.Equal("$." + path, ProfileParameters.JsonPathOf(parameter));
            Assert.Equal(value, ProfileParameters.Get(Published, parameter));
            Assert.Equal(range, ProfileParameters.RangeOf(Published, parameter));
        }
        // In file order: the scale before the tail index.
        Assert.True(ranged.ToList().IndexOf(Scale) < ranged.ToList().IndexOf(Alpha));
        // Independent truth: every declared range of the published defaults is a parameter (none is left out).
        var expected = new[] { (object)Published.Platform }.Concat(Published.Oses).Concat(Published.Apps)
            .Sum(p => ProfilePaths.ProvenanceOf(p).ByPath.Count(e => e.Value.Range is not null));
        Assert.Equal(expected, ranged.Count);
        // Both ends of every declared range are values the records accept (what the knife-edge search sets first).
        foreach (var p in ranged)
        {
            var range = ProfileParameters.RangeOf(Published, p)!;
            Assert.Equal(range.Low, ProfileParameters.Get(ProfileParameters.With(Published, p, range.Low), p));
            Assert.Equal(range.High, ProfileParameters.Get(ProfileParameters.With(Published, p, range.High), p));
        }
    }

    [Theory]
    [InlineData("alpha", 2.5)]
    [InlineData("scaleSeconds", 4e-6)]
    public void Setting_a_Pareto_parameter_changes_exactly_that_parameter(string json, double value)
    {
        var parameter = Alpha with { PropertyPath = "Noise.Sources[0].Duration." + json };
        var before = (ParetoDuration)Published.Os["linux"].Noise.Sources[0].Duration;
        var changed = ProfileParameters.With(Published, parameter, value);
        var after = Assert.IsType<ParetoDuration>(changed.Os["linux"].Noise.Sources[0].Duration);

        Assert.Equal(value, ProfileParameters.Get(changed, parameter));
        Assert.Equal(json == "alpha" ? new ParetoDuration(before.Scale, value) : new ParetoDuration(TimeInterval.FromSeconds(value), before.Alpha), after);
        var path = "$.noise.sources[0].duration." + json;
        var difference = Assert.Single(ProfilePaths.Differences(Published.Os["linux"], changed.Os["linux"]));
        Assert.Equal((path, value), (difference.Path, (double)difference.Changed!));
        Assert.Equal(path, Assert.Single(WhatIf.Changes(changed, Published)).Path);
        // A what-if: the provenance is kept, the changed value has neither its source nor its range, the other keeps both.
        Assert.Equal(Published.Os["linux"].Provenance, changed.Os["linux"].Provenance);
        Assert.Equal(Provenance.WhatIf, ProfilePaths.SourceOf(changed.Os["linux"], path));
        Assert.Null(ProfileParameters.RangeOf(changed, parameter));
        var other = json == "alpha" ? Scale : Alpha;
        Assert.Equal(ProfileParameters.RangeOf(Published, other), ProfileParameters.RangeOf(changed, other));
        Assert.DoesNotContain(parameter, ProfileParameters.Ranged(changed));
        Assert.Contains(other, ProfileParameters.Ranged(changed));
        // Setting the current value changes nothing.
        Assert.Equal(Published, ProfileParameters.With(Published, parameter, ProfileParameters.Get(Published, parameter)));
    }

    [Fact]
    public void Setting_a_log_normal_parameter_rebuilds_the_distribution()
    {
        var before = (LogNormalDuration)Published.Os["mckernel"].Noise.Sources[0].Duration;
        Assert.Equal(new LogNormalDuration(before.Median, 1.1), ProfileParameters.With(Published, Sigma, 1.1).Os["mckernel"].Noise.Sources[0].Duration);
        Assert.Equal(new LogNormalDuration(TimeInterval.FromSeconds(3e-6), before.Sigma), ProfileParameters.With(Published, Median, 3e-6).Os["mckernel"].Noise.Sources[0].Duration);
        // mOS has its own profile: untouched.
        Assert.Equal(Published.Os["mos"], ProfileParameters.With(Published, Sigma, 1.1).Os["mos"]);
    }

    [Theory]
    [InlineData("linux", "alpha", 1.0, "ParetoDuration.Alpha = 1: must be > 1 (alpha <= 1 gives detours an infinite mean)")]
    [InlineData("linux", "alpha", 0.5, "must be > 1")]
    [InlineData("linux", "scaleSeconds", 0.0, "ParetoDuration.Scale = 0s: must be > 0")]
    [InlineData("mckernel", "medianSeconds", 0.0, "LogNormalDuration.Median = 0s: must be > 0")]
    [InlineData("mckernel", "sigma", -0.1, "LogNormalDuration.Sigma = -0.1: must be a finite number > 0")]
    [InlineData("linux", "scaleSeconds", 1.0, "must be < 1")] // rate x mean duration: 2.4/s x 1.5 s
    public void A_distribution_parameter_that_breaks_a_rule_is_refused_naming_the_parameter_and_the_rule(string os, string json, double value, string rule)
    {
        var parameter = new ProfileParameter(ProfileKind.Os, os, "Noise.Sources[0].Duration." + json);
        var ex = Assert.Throws<ArgumentException>(() => ProfileParameters.With(Published, parameter, value));
        Assert.StartsWith($"os {os} Noise.Sources[0].Duration.{json} ($.noise.sources[0].duration.{json}) = {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(rule, ex.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidDescriptionException>(ex.InnerException);
    }

    [Theory]
    [InlineData("Noise.Sources[0].Duration.sigma", "NoiseSource.Duration is a 'pareto' distribution (scaleSeconds, alpha); it has no parameter 'sigma'")]
    [InlineData("Noise.Sources[0].Duration.beta", "NoiseSource.Duration is a detour duration; 'beta' is not a parameter of its distributions (fixed: seconds; exponential: meanSeconds; lognormal: medianSeconds, sigma; pareto: scaleSeconds, alpha)")]
    [InlineData("Noise.Sources[0].Duration.alpha.value", "NoiseSource.Duration.alpha is a number; it has no property 'value'")]
    [InlineData("Noise.Sources[0].Duration.Alpha", "'Alpha' is not a parameter")]
    public void A_parameter_the_distribution_does_not_have_is_named_in_the_error(string property, string why)
    {
        var parameter = new ProfileParameter(ProfileKind.Os, "linux", property);
        foreach (var ex in new Exception[] { Assert.Throws<ArgumentException>(() => ProfileParameters.Get(Published, parameter)), Assert.Throws<ArgumentException>(() => ProfileParameters.With(Published, parameter, 2)) })
        {
            Assert.StartsWith($"{parameter}: ", ex.Message, StringComparison.Ordinal);
            Assert.Contains(why, ex.Message, StringComparison.Ordinal);
        }
    }

    private static (object Before, object After) Profiles(Study before, Study after, ProfileParameter p) => p.Kind switch
    {
        ProfileKind.Platform => (before.Platform, after.Platform),
        ProfileKind.Os => (before.Os[p.Profile], after.Os[p.Profile]),
        _ => (before.App[p.Profile], after.App[p.Profile]),
    };
}
