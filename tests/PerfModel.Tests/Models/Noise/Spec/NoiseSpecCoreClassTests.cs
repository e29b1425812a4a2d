using PerfModel.Descriptions;
using PerfModel.Noise.Spec;
using PerfModel.Profiles;

namespace PerfModel.Tests.Models.Noise.Spec;

/// <summary>Classes of single cores in a noise spec (<c>| cores(S%: …)</c>) and in a profile.</summary>
public sealed class NoiseSpecCoreClassTests
{
    [Fact]
    public void A_core_class_parses_formats_and_round_trips()
    {
        var p = NoiseSpec.Parse("poisson(rate=2/s, dur=fixed(5us)) | cores(2.08%: poisson(rate=2/s, dur=fixed(5us)) + poisson(rate=0.6/s, dur=fixed(1ms)))");
        var c = Assert.Single(p.NodeClasses);
        Assert.Equal((NoiseClassScope.Core, 0.0208), (c.Scope, c.Share));
        var text = NoiseSpec.Format(p);
        Assert.Contains("| cores(2.08%:", text, StringComparison.Ordinal);
        Assert.Equal(p, NoiseSpec.Parse(text));
        Assert.NotEqual(p, p with { NodeClasses = [c with { Scope = NoiseClassScope.Node }] });
    }

    [Fact]
    public void Mixed_scopes_and_co_scheduled_core_classes_are_refused()
    {
        var e = Assert.Throws<NoiseSpecException>(() => NoiseSpec.Parse("none | nodes(1%: poisson(rate=1/s, dur=fixed(1us))) | cores(1%: poisson(rate=1/s, dur=fixed(1us)))"));
        Assert.Contains("one scope", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<NoiseSpecException>(() => NoiseSpec.Parse("none | cores(1%: poisson(rate=1/s, dur=fixed(1us)) @cosched)"));
        Assert.Contains("co-scheduled", e.Message, StringComparison.Ordinal);
        var cosched = new NoiseProfile([], coScheduled: true);
        var d = Assert.Throws<InvalidDescriptionException>(() => new NodeNoiseClass(0.1, cosched) { Scope = NoiseClassScope.Core });
        Assert.Equal(nameof(NodeNoiseClass.Scope), d.Field);
    }

    [Fact]
    public void The_default_linux_profile_has_one_class_of_noisy_cores_and_the_lwks_none()
    {
        var linux = Defaults.Os("linux").Noise;
        var c = Assert.Single(linux.NodeClasses);
        Assert.Equal(NoiseClassScope.Core, c.Scope);
        Assert.Equal(1.0 / 48, c.Share, 1e-15);
        // The class's cores see Linux's own source and the noisy core's excess: one 1,009 us detour at 0.615/s.
        Assert.Equal(linux.Sources[0], c.Noise.Sources[0]);
        Assert.Equal(1009.267385e-6, c.Noise.Sources[1].Duration.MeanSeconds, 1e-12);
        Assert.Empty(Defaults.Os("mckernel").Noise.NodeClasses);
        Assert.Empty(Defaults.Os("mos").Noise.NodeClasses);
    }
}
